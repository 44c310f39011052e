"""What several pages share: the language of the session, its words, and the filter widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import data, vocab
from dashboard.data import Options
from dashboard.render import plain

LANG_KEY = "lang"


def lang() -> vocab.Lang:
    """The session's language: what the sidebar switch says, Chinese until it is changed."""
    value = st.session_state.get(LANG_KEY) or st.query_params.get("lang")
    return "en" if value == "en" else "zh"


def t(key: str, **fields: object) -> str:
    """The label `key` in the session's language; notice-derived fields are made plain text."""
    return vocab.text(key, lang(), **{k: plain(v) for k, v in fields.items()})


def raw(key: str, **fields: object) -> str:
    """The label `key` for an element that shows plain text already (st.text, tables, options)."""
    return vocab.text(key, lang(), **fields)


def day(value: dt.date | dt.datetime | None) -> str:
    return vocab.date(value, lang())


def word(table: dict[str, tuple[str, str]], code: object) -> str:
    return vocab.code(table, code, lang())


def columns(frame: pd.DataFrame, dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table for display: codes as words, dates in the session's style, headers translated."""
    out = frame.copy()
    for name in dates:
        if name in out:
            out[name] = [day(v) if isinstance(v, dt.date) else "" for v in out[name]]
    if "change_type" in out:
        out["change_type"] = [word(vocab.CHANGE_TYPES, v) for v in out["change_type"]]
    if "section" in out:
        out["section"] = [word(vocab.SECTIONS, v) for v in out["section"]]
    if "kind" in out:
        out["kind"] = [word(vocab.ADJUSTMENT_KINDS, v) if v else "" for v in out["kind"]]
    names = {c: raw(f"col.{c}") for c in out.columns if f"col.{c}" in vocab.LABELS}
    return out.rename(columns=names)


def event_filters(db: str, opts: Options, *, key: str) -> dict[str, Any]:
    """Agency (by part of a name or alias), region, change type and date range, in a popover of the
    sidebar; returns keyword arguments for `data.timeline` / `data.changes`. The date range is only a
    filter once it differs from the history's whole span, so versions without a date still count.

    A popover, because the browser draws its widgets only once it is opened: drawn in the sidebar,
    the five widgets' scripts (22 more files) were fetched and run before the first page's figures
    and chart could show, and the first page took about 0.25 s longer to draw (medians of 6 visits
    to the 1,000,000-row history, interleaved)."""
    side = st.sidebar.popover(raw("filter.title"), icon=":material/filter_list:", width="stretch")
    q = side.text_input(raw("filter.agency"), placeholder=raw("filter.agency_hint"), key=f"{key}_agency_q")
    regions = side.multiselect(
        raw("filter.region"), opts.regions, placeholder=raw("filter.choose"), key=f"{key}_regions"
    )
    types = side.multiselect(
        raw("filter.type"),
        opts.change_types,
        format_func=lambda c: word(vocab.CHANGE_TYPES, c),
        placeholder=raw("filter.choose"),
        key=f"{key}_types",
    )
    start, end = date_range(opts, key=f"{key}_dates", place=side)
    return {
        "agencies": data.match_agencies(db, q),
        "regions": tuple(regions),
        "types": tuple(types),
        "start": start,
        "end": end,
    }


def date_range(opts: Options, *, key: str, place: Any = None) -> tuple[dt.date | None, dt.date | None]:
    """From and to which year, as two lists side by side in `place` (the sidebar unless given; a
    date picker made the first page ~0.7 s slower to draw); (None, None) while they span the whole
    history."""
    first, last = opts.first_day, opts.last_day
    if not (first and last):
        return None, None
    years = list(range(first.year, last.year + 1))
    left, right = (place or st.sidebar).columns(2)
    start = left.selectbox(raw("filter.from"), years, index=0, key=f"{key}_from")
    end = right.selectbox(raw("filter.to"), years, index=len(years) - 1, key=f"{key}_to")
    if (start, end) == (first.year, last.year):
        return None, None
    return dt.date(min(start, end), 1, 1), dt.date(max(start, end), 12, 31)
