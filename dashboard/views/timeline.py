"""Timeline: every agency's versions and change events along time; click an agency to open it."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.widgets import event_filters

TOP = 40

db = data.db_path()
st.title("Reform timeline")
filters = event_filters(data.options(db), key="timeline")
events, versions, totals = data.timeline(db, **filters, top=TOP)

left, mid, right = st.columns(3)
left.metric("Agencies", f"{totals.get('agencies', 0):,}")
mid.metric("Versions with changes", f"{totals.get('versions', 0):,}")
right.metric("Change events", f"{totals.get('events', 0):,}")

if events.empty:
    st.warning("No change events match these filters.")
    st.stop()
if totals.get("agencies", 0) > TOP:
    st.caption(f"Showing the {TOP} agencies with the most events; narrow the filters to see others.")

event = st.altair_chart(
    charts.timeline_chart(events, versions), on_select="rerun", key="timeline_chart", width="stretch"
)
st.caption(
    "Grey ticks are versions; circles are change events by type, sized by count. Click a circle to open its agency."
)
if picked := charts.picked_agency(event):
    st.switch_page("views/agency.py", query_params={"agency": picked})

st.subheader("Open an agency")
per_agency = (
    events.groupby(["agency_id", "agency"], as_index=False)["events"]
    .sum()
    .sort_values("events", ascending=False)
)
columns = st.columns(3)
for k, row in enumerate(per_agency.itertuples()):
    columns[k % 3].page_link(
        "views/agency.py", label=f"{row.agency} · {row.events} events", query_params={"agency": row.agency_id}
    )
