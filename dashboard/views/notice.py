"""Notice: the source text with its records' spans highlighted, its metadata and quality report."""

from __future__ import annotations

import streamlit as st

from dashboard import data, render

MAX_CHARS = 200_000

db = data.db_path()
st.title("Notice")
listing = data.notices(db)
ids = listing["notice_id"].tolist()
wanted = st.query_params.get("notice")
notice_id = st.selectbox(
    "Notice",
    ids,
    index=ids.index(wanted) if wanted in ids else 0,
    format_func=dict(zip(listing["notice_id"], listing["label"], strict=True)).get,
    key="notice_pick",
)
info = data.notice(db, notice_id) if notice_id else None
if info is None:
    st.caption("No notices yet.")
    st.stop()

st.subheader(info["title"] or info["source"])
meta = {
    k: info[k] for k in ("doc_number", "issuer", "published_on", "kind", "source", "ingested_at", "status")
}
st.table({k: [str(v) if v is not None else "—" for v in [meta[k]]] for k in meta})
if info["status"] == "rejected":
    st.error(f"Rejected: {info['reason']}")

quality = info.get("quality") or {}
if quality:
    st.subheader("Parse quality")
    a, b, c = st.columns(3)
    a.metric("Duplicates removed", quality.get("duplicates_removed", 0))
    b.metric("Items relocated", len(quality.get("relocated", [])))
    c.metric("Numbering gaps", sum(len(v) for v in (quality.get("missing_ordinals") or {}).values()))
    for section, ordinals in (quality.get("missing_ordinals") or {}).items():
        if ordinals:
            st.warning(
                f"Missing in {section}: items {', '.join(map(str, ordinals))}; the record may be incomplete."
            )
    for warning in quality.get("warnings", []):
        st.warning(warning)
    if quality.get("truncated"):
        st.warning("The notice text was truncated.")
    if quality.get("relocated"):
        st.dataframe(quality["relocated"], hide_index=True)

text = info.get("text") or ""
if text:
    st.subheader("Source text")
    spans = data.notice_spans(db, notice_id)
    st.caption(f"{len(spans)} record items highlighted; hover one for its agency and section.")
    if len(text) > MAX_CHARS:
        st.caption(f"Showing the first {MAX_CHARS:,} of {len(text):,} characters.")
    st.html(render.highlighted_source(text[:MAX_CHARS], spans))

rejected = data.rejected(db)
if not rejected.empty:
    with st.expander(f"Rejected inputs ({len(rejected)})"):
        st.dataframe(rejected, hide_index=True, width="stretch")
