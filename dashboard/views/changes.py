"""Changes: a filterable table of change events, exportable to CSV and Parquet."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.widgets import event_filters

LIMIT = 5_000

db = data.db_path()
st.title("Change events")
filters = event_filters(data.options(db), key="changes")
similarity = st.sidebar.slider("Minimum similarity", 0.0, 1.0, 0.0, 0.05, key="changes_similarity")
table = data.changes(db, **filters, min_similarity=similarity or None, limit=LIMIT)

st.caption(
    f"{len(table):,} events" + (f" (the first {LIMIT:,}; narrow the filters)" if len(table) == LIMIT else "")
)
st.dataframe(
    table.drop(columns=["change_id", "agency_id", "notice_id"]),
    width="stretch",
    hide_index=True,
    column_config={
        "similarity": st.column_config.ProgressColumn(
            "similarity", min_value=0.0, max_value=1.0, format="%.2f"
        )
    },
)

csv_col, parquet_col = st.columns(2)
csv_col.download_button("Download CSV", data.to_csv(table), "changes.csv", "text/csv", key="changes_csv")
parquet_col.download_button(
    "Download Parquet",
    data.to_parquet(table),
    "changes.parquet",
    "application/vnd.apache.parquet",
    key="changes_parquet",
)
