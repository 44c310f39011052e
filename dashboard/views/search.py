"""Search across all duties, units and adjustments by text."""

from __future__ import annotations

import streamlit as st

from dashboard import data

db = data.db_path()
st.title("Search duties")
q = st.text_input("Text to find", placeholder="e.g. 口岸 or 进出口", key="search_q")
current = st.toggle("Only versions in force now", key="search_current")
if not q.strip():
    st.caption("Finds every duty, unit and adjustment whose text contains the words, in every version.")
    st.stop()

hits = data.search_duties(db, q.strip(), current_only=current)
st.caption(f"{len(hits)} matches" + (" (the first 200)" if len(hits) == 200 else ""))
for agency_id, group in hits.groupby("agency_id", sort=False):
    first = group.iloc[0]
    st.page_link(
        "views/agency.py", label=f"{first.agency} ({len(group)})", query_params={"agency": agency_id}
    )
    st.dataframe(
        group[["valid_from", "valid_to", "section", "ordinal", "unit_name", "text"]],
        hide_index=True,
        width="stretch",
    )
