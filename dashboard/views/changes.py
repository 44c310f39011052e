"""Changes: a filterable table of change events, exportable to CSV and Parquet."""

from __future__ import annotations

import streamlit as st

from dashboard import data, vocab
from dashboard.widgets import columns, event_filters, lang, raw, t

LIMIT = 5_000

db = data.db_path()
st.title(vocab.pick(vocab.PAGES["changes"], lang()))
filters = event_filters(db, data.options(db), key="changes")
similarity = st.sidebar.slider(raw("changes.similarity"), 0.0, 1.0, 0.0, 0.05, key="changes_similarity")
table = data.changes(db, **filters, min_similarity=similarity or None, limit=LIMIT)

st.caption(
    t("changes.count", n=f"{len(table):,}")
    + (t("changes.first", limit=f"{LIMIT:,}") if len(table) == LIMIT else "")
)
shown = columns(table.drop(columns=["change_id", "agency_id", "notice_id"]), dates=("date",))
st.dataframe(
    shown,
    width="stretch",
    hide_index=True,
    column_config={
        raw("col.similarity"): st.column_config.ProgressColumn(
            raw("col.similarity"), min_value=0.0, max_value=1.0, format="%.2f"
        )
    },
)

csv_col, parquet_col = st.columns(2)
csv_col.download_button(raw("changes.csv"), data.to_csv(table), "changes.csv", "text/csv", key="changes_csv")
parquet_col.download_button(
    raw("changes.parquet"),
    data.to_parquet(table),
    "changes.parquet",
    "application/vnd.apache.parquet",
    key="changes_parquet",
)
