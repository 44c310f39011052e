"""What changed since a date: every notice published since, with its change events, as Markdown and
Atom to hand to subscribers (the same text as `yange digest`)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import data, vocab
from dashboard.render import plain
from dashboard.widgets import day, lang, raw, t
from yange import digest as render

BASE_URL = "http://127.0.0.1:8501"

db = data.db_path()
st.title(vocab.pick(vocab.PAGES["digest"], lang()))
st.caption(t("digest.intro"))
opts = data.options(db)
last = opts.last_day or dt.date.today()
since_col, agency_col = st.columns([1, 2])
try:  # ?since=YYYY-MM-DD: the address a feed's id and alternate link point to
    wanted = dt.date.fromisoformat(st.query_params.get("since", ""))
except ValueError:
    wanted = last - dt.timedelta(days=365 * 3)
since = since_col.date_input(
    raw("digest.since"),
    value=wanted,
    min_value=dt.date(1949, 10, 1),
    max_value=dt.date(2100, 1, 1),
    format="YYYY-MM-DD",
    key="digest_since",
)
agency_id = agency_col.selectbox(
    raw("filter.agency"),
    ["", *opts.agencies],
    format_func=lambda a: opts.agencies.get(a, raw("filter.all")),
    key="digest_agency",
)
entries = data.digest(db, since, agency_id or None)
st.caption(t("digest.count", n=len(entries)))
if not entries:
    st.info(t("digest.none"))
    st.stop()

words = {code: vocab.pick(pair, lang()) for code, pair in vocab.CHANGE_TYPES.items()}
heading = raw("digest.heading", since=day(since))
md_col, atom_col = st.columns(2)
md_col.download_button(
    raw("digest.download_md"),
    render.markdown(entries, since=since, base_url=BASE_URL, words=words, heading=heading).encode("utf-8"),
    f"digest-{since.isoformat()}.md",
    "text/markdown",
    key="digest_md",
)
atom_col.download_button(
    raw("digest.download_atom"),
    render.atom(entries, since=since, base_url=BASE_URL, words=words, heading=heading,
                updated=dt.datetime.now(dt.UTC)),
    f"digest-{since.isoformat()}.atom",
    "application/atom+xml",
    key="digest_atom",
)  # fmt: skip

for entry in entries:
    box = st.container(border=True)
    box.page_link(
        "views/notice.py",
        label=t("digest.entry", day=day(entry["published_on"]), title=entry["title"] or entry["source"]),
        query_params={"notice": entry["notice_id"]},
    )
    if entry.get("doc_number"):
        box.caption(plain(entry["doc_number"]))
    for line in render.summary(entry, words):
        box.text(line)
