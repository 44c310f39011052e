"""SQL: a read-only query box over the history, with example queries; each query runs in a sandbox."""

from __future__ import annotations

import streamlit as st

from dashboard import data, queries, vocab
from dashboard.widgets import lang, raw, t
from yange.settings import get_settings

db = data.db_path()
st.title(vocab.pick(vocab.PAGES["sql"], lang()))
st.caption(t("sql.intro", timeout=f"{get_settings().sql_timeout_s:g}"))
example = st.selectbox(
    raw("sql.example"), list(queries.EXAMPLES), format_func=lambda k: raw(f"sql.ex.{k}"), key="sql_example"
)
sql = st.text_area(raw("sql.query"), value=queries.EXAMPLES[example], height=160, key=f"sql_text_{example}")
st.button(raw("sql.run"), type="primary", key="sql_run")
if sql.strip():
    try:
        result = data.run_sql(db, sql)
    except data.QueryRefused as exc:
        st.error(t("app.refused", reason=str(exc)))
    else:
        st.caption(
            t("sql.rows", n=f"{len(result):,}")
            + (t("sql.limit") if len(result) == data.SQL_ROW_LIMIT else "")
        )
        st.dataframe(result, hide_index=True, width="stretch")
