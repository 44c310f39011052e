"""What several pages share: the language of the session, its words, and the filter widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import vocab
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


def event_filters(opts: Options, *, key: str, types: bool = True) -> dict[str, Any]:
    """Agency, region, change type and date range, in the sidebar; returns keyword arguments for
    `data.timeline` / `data.changes`. The date range is only a filter once it differs from the
    history's whole span, so versions without a date still count."""
    side = st.sidebar
    agencies = side.multiselect(
        raw("filter.agency"),
        list(opts.agencies),
        format_func=lambda a: opts.agencies.get(a, a),
        placeholder=raw("filter.choose"),
        key=f"{key}_agencies",
    )
    regions = side.multiselect(
        raw("filter.region"), opts.regions, placeholder=raw("filter.choose"), key=f"{key}_regions"
    )
    picked_types = (
        side.multiselect(
            raw("filter.type"),
            opts.change_types,
            format_func=lambda c: word(vocab.CHANGE_TYPES, c),
            placeholder=raw("filter.choose"),
            key=f"{key}_types",
        )
        if types
        else []
    )
    start, end = date_range(opts, key=f"{key}_dates")
    return {
        "agencies": tuple(agencies),
        "regions": tuple(regions),
        "types": tuple(picked_types),
        "start": start,
        "end": end,
    }


def date_range(opts: Options, *, key: str) -> tuple[dt.date | None, dt.date | None]:
    first, last = opts.first_day, opts.last_day
    if not (first and last):
        return None, None
    picked = st.sidebar.date_input(
        raw("filter.dates"),
        value=(first, last),
        min_value=dt.date(1949, 10, 1),
        max_value=dt.date(2100, 1, 1),
        format="YYYY-MM-DD",
        key=key,
    )
    start, end = first, last
    if isinstance(picked, tuple) and len(picked) == 2:
        start, end = picked
    elif isinstance(picked, tuple) and picked:
        start = picked[0]
    if (start, end) == (first, last):
        return None, None
    return start, end
