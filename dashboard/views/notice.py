"""Notice: the source text with its records' spans highlighted, its metadata and quality report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, render, vocab
from dashboard.render import plain
from dashboard.widgets import columns, day, lang, raw, t, word

MAX_CHARS = 200_000

db = data.db_path()
st.title(vocab.pick(vocab.PAGES["notice"], lang()))
listing = data.notices(db)
ids = listing["notice_id"].tolist()
labels = {r.notice_id: " ".join(x for x in (day(r.published_on), r.label) if x) for r in listing.itertuples()}
wanted = st.query_params.get("notice")
notice_id = st.selectbox(
    raw("notice.pick"),
    ids,
    index=ids.index(wanted) if wanted in ids else 0,
    format_func=labels.get,
    key="notice_pick",
)
info = data.notice(db, notice_id) if notice_id else None
if info is None:
    st.caption(t("notice.none"))
    st.stop()

st.subheader(plain(info["title"] or info["source"]))
meta = {
    "doc_number": info["doc_number"],
    "issuer": info["issuer"],
    "published_on": day(info["published_on"]),
    "kind": word(vocab.NOTICE_KINDS, info["kind"]),
    "source": info["source"],
    "ingested_at": str(info["ingested_at"])[:19],
    "status": word(vocab.NOTICE_KINDS, info["status"]),
}
st.dataframe(
    {raw(f"field.{k}"): [str(v) if v not in (None, "") else "—"] for k, v in meta.items()},
    hide_index=True,
    width="stretch",
)
if info["status"] == "rejected":
    st.error(t("notice.rejected", reason=info["reason"]))

quality = info.get("quality") or {}
if quality:
    st.subheader(t("notice.quality"))
    a, b, c = st.columns(3)
    a.metric(t("notice.duplicates"), quality.get("duplicates_removed", 0))
    b.metric(t("notice.relocated"), len(quality.get("relocated", [])))
    c.metric(t("notice.gaps"), sum(len(v) for v in (quality.get("missing_ordinals") or {}).values()))
    for section, ordinals in (quality.get("missing_ordinals") or {}).items():
        if ordinals:
            name = word(vocab.SECTIONS, section.rstrip("s").replace("other_matter", "other"))
            st.warning(t("notice.missing", section=name, items="、".join(map(str, ordinals))))
    for warning in quality.get("warnings", []):
        st.warning(plain(warning))
    if quality.get("truncated"):
        st.warning(t("notice.truncated"))
    if quality.get("relocated"):
        st.dataframe(columns(pd.DataFrame(quality["relocated"])), hide_index=True)

text = info.get("text") or ""
if text:
    st.subheader(t("notice.source"))
    spans = [
        (
            start,
            end,
            f"{agency} · {word(vocab.SECTIONS, code) if code in vocab.SECTIONS else word(vocab.EFFECT_TYPES, code)}",
        )
        for start, end, agency, code in data.notice_spans(db, notice_id)
    ]
    st.caption(t("notice.spans", n=len(spans)))
    if len(text) > MAX_CHARS:
        st.caption(t("notice.first_chars", shown=f"{MAX_CHARS:,}", total=f"{len(text):,}"))
    st.html(render.highlighted_source(text[:MAX_CHARS], spans))

rejected = data.rejected(db)
if not rejected.empty:
    with st.expander(t("notice.rejected_inputs", n=len(rejected))):
        st.dataframe(columns(rejected), hide_index=True, width="stretch")
