"""Streamlit entry point: `streamlit run dashboard/app.py -- --db PATH` (or `yange dashboard`).

Routes the pages (dashboard/views/*.py) with `st.navigation`; before any page runs it checks that
there is a history to show, and otherwise explains how to make one instead of failing. The folder is
not called `pages/`: Streamlit would then also serve each file as a page of its own at its address,
bypassing this router (and its checks) when someone opens a link such as /changes directly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from dashboard import data  # noqa: E402
from yange.errors import StorageError  # noqa: E402

VIEWS = Path(__file__).parent / "views"

st.set_page_config(page_title="Yange 沿革", page_icon=":material/account_balance:", layout="wide")

db = data.db_path()
data.forget_if_changed(db)
state, problem = data.status(db)
if state == "unreadable":
    st.title("Yange 沿革: reform history")
    st.error(f"The history database `{db}` cannot be read: {problem}", icon=":material/error:")
    st.stop()
if state != "ready":
    st.title("Yange 沿革: reform history")
    where = "does not exist yet" if state == "missing" else "holds no notices yet"
    st.info(
        f"The history database `{db}` {where}.\n\n"
        "Ingest the example notices with `make run` (or `yange ingest [FOLDER|URL] --db PATH`), "
        "then reload this page.",
        icon=":material/info:",
    )
    st.stop()

st.sidebar.caption(f"History: `{db}`")
page = st.navigation(
    [
        st.Page(
            VIEWS / "timeline.py",
            title="Timeline",
            icon=":material/timeline:",
            url_path="timeline",
            default=True,
        ),
        st.Page(VIEWS / "agency.py", title="Agency", icon=":material/account_balance:", url_path="agency"),
        st.Page(VIEWS / "changes.py", title="Changes", icon=":material/compare_arrows:", url_path="changes"),
        st.Page(VIEWS / "notice.py", title="Notice", icon=":material/description:", url_path="notice"),
        st.Page(VIEWS / "search.py", title="Search duties", icon=":material/search:", url_path="search"),
        st.Page(VIEWS / "sql.py", title="SQL", icon=":material/database:", url_path="sql"),
    ]
)
try:
    page.run()
except StorageError as exc:  # a database replaced or damaged while the app runs: say so, no traceback
    st.error(f"Reading the history failed: {str(exc).splitlines()[0]}", icon=":material/error:")
