"""Search across all duties, units and adjustments by text."""

from __future__ import annotations

import streamlit as st

from dashboard import data, vocab
from dashboard.widgets import columns, lang, raw, t

db = data.db_path()
st.title(vocab.pick(vocab.PAGES["search"], lang()))
q = st.text_input(raw("search.q"), placeholder=raw("search.placeholder"), key="search_q")
current = st.toggle(raw("search.current"), key="search_current")
if not q.strip():
    st.caption(t("search.intro"))
    st.stop()

hits = data.search_duties(db, q.strip(), current_only=current)
st.caption(t("search.count", n=len(hits)) + (t("search.first") if len(hits) == 200 else ""))
for agency_id, group in hits.groupby("agency_id", sort=False):
    first = group.iloc[0]
    st.page_link(
        "views/agency.py",
        label=t("search.agency", agency=first.agency, n=len(group)),
        query_params={"agency": agency_id},
    )
    st.dataframe(
        columns(
            group[["valid_from", "valid_to", "section", "ordinal", "unit_name", "text"]],
            dates=("valid_from", "valid_to"),
        ),
        hide_index=True,
        width="stretch",
    )
