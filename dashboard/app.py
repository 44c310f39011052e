"""Streamlit entry point: `streamlit run dashboard/app.py -- --db PATH` (or `yange dashboard`).

Routes the pages (dashboard/views/*.py) with `st.navigation`; before any page runs it refuses a
browser that came by a host name not its own (dashboard/guard.py), then checks that there is a
history to show, and otherwise explains how to make one instead of failing. Its settings
(127.0.0.1 only, no usage statistics, minimal toolbar, no source watching) are in
dashboard/.streamlit/config.toml, which Streamlit reads from the script's folder whatever the
working directory. The folder is not called `pages/`: Streamlit would then also serve each file as
a page of its own at its address, bypassing this router (and its checks) when someone opens a link
such as /changes directly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from dashboard import data, guard, vocab  # noqa: E402
from dashboard.render import plain  # noqa: E402
from dashboard.widgets import LANG_KEY, lang, t  # noqa: E402
from yange.errors import StorageError  # noqa: E402
from yange.settings import get_settings  # noqa: E402

VIEWS = Path(__file__).parent / "views"
ICONS = {
    "timeline": ":material/timeline:",
    "agency": ":material/account_balance:",
    "rounds": ":material/swap_horiz:",
    "digest": ":material/rss_feed:",
    "changes": ":material/compare_arrows:",
    "notice": ":material/description:",
    "search": ":material/search:",
    "sql": ":material/database:",
}

# An emoji, not a :material/: icon: for the tab's icon Streamlit would fetch that from fonts.gstatic.com.
st.set_page_config(page_title="沿革 Yange", page_icon="🏛️", layout="wide")

# Before anything is read: a browser that reached us by another host name (DNS rebinding) gets nothing.
if reason := guard.refusal(st.context.headers, get_settings().dashboard_hosts):
    st.error(
        vocab.text("app.refused", "zh", reason=plain(reason))
        + " / "
        + vocab.text("app.refused", "en", reason=plain(reason))
    )
    st.stop()

st.sidebar.radio(
    vocab.text("app.language", "zh") + " / " + vocab.text("app.language", "en"),
    list(vocab.LANGS),
    index=vocab.LANGS.index(lang()),
    format_func={"zh": "中文", "en": "English"}.get,
    horizontal=True,
    key=LANG_KEY,
)

db = data.db_path()
data.forget_if_changed(db)
state, problem = data.status(db)
if state == "unreadable":
    st.title(t("app.title"))
    st.error(t("app.unreadable", db=db, problem=problem), icon=":material/error:")
    st.stop()
if state != "ready":
    st.title(t("app.title"))
    st.info(t("app.missing" if state == "missing" else "app.empty", db=db), icon=":material/info:")
    st.stop()

st.sidebar.caption(t("app.history", db=db))
page = st.navigation(
    [
        st.Page(VIEWS / f"{name}.py", title=vocab.pick(words, lang()), icon=ICONS[name], url_path=name,
                default=name == "timeline")
        for name, words in vocab.PAGES.items()
    ]
)  # fmt: skip
try:
    page.run()
except StorageError as exc:  # a database replaced or damaged while the app runs: say so, no traceback
    st.error(t("app.failed", error=str(exc).splitlines()[0]), icon=":material/error:")
