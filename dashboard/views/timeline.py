"""Timeline: every agency's versions and change events along time; click an agency to open it."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.widgets import event_filters, lang, t

TOP = 30

db = data.db_path()
st.title(t("app.title"))
filters = event_filters(db, data.options(db), key="timeline")
view = data.timeline(db, **filters, top=TOP)
totals = view.totals

left, mid, right = st.columns(3)
left.metric(t("timeline.agencies"), f"{totals.get('agencies', 0):,}")
mid.metric(t("timeline.versions"), f"{totals.get('versions', 0):,}")
right.metric(t("timeline.events"), f"{totals.get('events', 0):,}")

if view.agencies.empty:
    st.warning(t("timeline.none"))
    st.stop()
if totals.get("agencies", 0) > TOP:
    st.caption(t("timeline.top", top=TOP))

event = st.altair_chart(
    charts.timeline_chart(view.agencies, view.events, view.versions, lang=lang()),
    on_select="rerun",
    key="timeline_chart",
    width="stretch",
)
st.caption(t("timeline.legend"))
if picked := charts.picked_agency(event):
    st.switch_page("views/agency.py", query_params={"agency": picked})

st.subheader(t("timeline.open"))
columns = st.columns(3)
for k, row in enumerate(view.agencies.itertuples()):
    columns[k % 3].page_link(
        "views/agency.py",
        label=t("timeline.link", agency=row.agency, versions=row.versions, events=row.events),
        query_params={"agency": row.agency_id},
    )
