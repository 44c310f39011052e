"""SQL: a read-only query box over the history, with example queries."""

from __future__ import annotations

import streamlit as st

from dashboard import data, queries

db = data.db_path()
st.title("SQL")
st.caption(
    "Read-only: one SELECT at a time; statements that write are refused. Relations: notices, agencies, "
    "snapshots, duties, staffing, changes, agency_lineage, and the macro duties_as_of(date)."
)
example = st.selectbox("Example", list(queries.EXAMPLES), key="sql_example")
sql = st.text_area("Query", value=queries.EXAMPLES[example], height=160, key=f"sql_text_{example}")
st.button("Run", type="primary", key="sql_run")
if sql.strip():
    try:
        result = data.run_sql(db, sql)
    except data.QueryRefused as exc:
        st.error(str(exc))
    else:
        st.caption(
            f"{len(result):,} rows" + (" (limit reached)" if len(result) == data.SQL_ROW_LIMIT else "")
        )
        st.dataframe(result, hide_index=True, width="stretch")
