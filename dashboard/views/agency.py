"""Agency: lineage, versions, the record in force on a date, staffing over time, and 新旧对照."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import charts, data, render

db = data.db_path()
agency_id = st.query_params.get("agency")
if not agency_id:
    st.title("Agency")
    q = st.text_input("Agency name or alias", key="agency_q")
    found = data.find_agency(db, q) if q.strip() else None
    if found is None or found.empty:
        st.caption(
            "Type part of a name, or open an agency from the timeline."
            if found is None
            else "No agency by that name."
        )
        st.stop()
    agency_id = st.selectbox(
        "Agency",
        found["agency_id"].tolist(),
        format_func=dict(zip(found["agency_id"], found["name"], strict=True)).get,
    )

info = data.agency(db, agency_id)
if info is None:
    st.error(f"No agency with id {agency_id}.")
    st.stop()
st.title(info["name"])
st.caption(
    f"Region: {info['region']}" + (f" · also: {'、'.join(info['aliases'])}" if info["aliases"] else "")
)

lineage = data.lineage(db, agency_id)
if not lineage.empty:
    st.subheader("Lineage")
    for row in lineage.itertuples():
        label = f"{row.direction}: {row.name} ({row.relation}, {row.effective_date or 'date unknown'})"
        left, right = st.columns([3, 2])
        if row.stored:
            left.page_link("views/agency.py", label=label, query_params={"agency": row.agency_id})
        else:
            left.markdown(f"- {label}")
        if row.notice_id:
            right.page_link(
                "views/notice.py", label="stated in its notice", query_params={"notice": row.notice_id}
            )
        else:
            right.caption(row.source)

versions = data.versions(db, agency_id)
st.subheader(f"Versions ({len(versions)})")
st.dataframe(
    versions[["valid_from", "valid_to", "title", "doc_number", "derived"]], hide_index=True, width="stretch"
)
for row in versions[versions["derived"]].itertuples():
    st.page_link(
        "views/notice.py",
        label=f"Version of {row.valid_from} is derived: applies the amending notice {row.title}",
        query_params={"notice": row.notice_id},
    )
    flagged = [str(w) for w in row.warnings] if isinstance(row.warnings, list | tuple) or hasattr(row.warnings, "tolist") else []
    if row.partial or flagged:
        st.warning(
            "\n".join(f"- {w}" for w in flagged) or "Partial: the notice is all that is known of this agency.",
            icon="⚠️",
        )

st.subheader("Record in force on a date")
day = st.date_input(
    "Date",
    value=versions["valid_from"].max() if len(versions) else dt.date.today(),
    min_value=dt.date(1949, 10, 1),
    max_value=dt.date(2100, 1, 1),
    key="agency_day",
)
in_force = data.record_as_of(db, agency_id, day)
if in_force.empty:
    st.caption(f"No version in force on {day}.")
else:
    if in_force["derived"].any():
        st.caption("This version is derived from an amendment notice.")
    st.dataframe(in_force.drop(columns=["snapshot_id", "derived"]), hide_index=True, width="stretch")

staffing = data.staffing(db, agency_id)
if not staffing.empty:
    st.subheader("Staffing over time")
    st.altair_chart(charts.staffing_chart(staffing), width="stretch")

st.subheader("新旧对照: compare two versions")
if len(versions) < 2:
    st.caption("Only one version so far.")
    st.stop()
labels = {
    r.snapshot_id: f"{r.valid_from} · {r.title}" + (" (derived)" if r.derived else "")
    for r in versions.itertuples()
}
ids = list(labels)
old_col, new_col = st.columns(2)
# ?old=&new= (snapshot ids) make a comparison linkable; by default, the last two versions.
wanted_old, wanted_new = st.query_params.get("old"), st.query_params.get("new")
old_index = ids.index(wanted_old) if wanted_old in ids else len(ids) - 2
new_index = ids.index(wanted_new) if wanted_new in ids else len(ids) - 1
old_id = old_col.selectbox("Old version", ids, index=old_index, format_func=labels.get, key="cmp_old")
new_id = new_col.selectbox("New version", ids, index=new_index, format_func=labels.get, key="cmp_new")
if old_id == new_id:
    st.caption("Pick two different versions.")
    st.stop()
cmp = data.comparison(db, old_id, new_id)
counts = {s: sum(r.status == s for r in cmp.rows) for s in ("changed", "added", "removed", "same")}
st.caption(" · ".join(f"{n} {s}" for s, n in counts.items()))
changed_only = st.toggle("Only items that changed", value=True, key="cmp_changed_only")
shown = [(r, o) for r, o in zip(cmp.rows, cmp.ops, strict=True) if not (changed_only and r.status == "same")]
st.html(
    render.compare_table(
        [r for r, _ in shown], [o for _, o in shown], old_title=labels[old_id], new_title=labels[new_id]
    )
)

if cmp.reconciliations:
    st.markdown("**Declared adjustments (职责调整) and the changes that bear them out**")
    for rec in cmp.reconciliations:
        box = st.container(border=True)
        box.text(f"[{rec.kind}] {rec.text}")
        for change in rec.observed:
            box.text(f"  ✓ {change['change_type']}: {change.get('new_text') or change.get('old_text') or ''}")
        if rec.reconciled is False:
            box.warning("Flagged: no observed change bears this adjustment out.", icon=":material/warning:")
        elif rec.reconciled is None:
            box.caption("Declared in a first version: nothing earlier to check it against.")
