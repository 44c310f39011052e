"""Widgets shared by several pages: the event filters of the timeline and changes pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from dashboard.data import Options


def event_filters(opts: Options, *, key: str) -> dict[str, Any]:
    """Agency, region, change type and date range, in the sidebar; returns keyword arguments for
    `data.timeline` / `data.changes`."""
    side = st.sidebar
    agencies = side.multiselect(
        "Agency", list(opts.agencies), format_func=lambda a: opts.agencies.get(a, a), key=f"{key}_agencies"
    )
    regions = side.multiselect("Region", opts.regions, key=f"{key}_regions")
    types = side.multiselect("Change type", opts.change_types, key=f"{key}_types")
    start, end = opts.first_day, opts.last_day
    if start and end:
        picked = side.date_input(
            "Date range",
            value=(start, end),
            min_value=dt.date(1949, 10, 1),
            max_value=dt.date(2100, 1, 1),
            key=f"{key}_dates",
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            start, end = picked
        elif isinstance(picked, tuple) and picked:
            start = picked[0]
    return {
        "agencies": tuple(agencies),
        "regions": tuple(regions),
        "types": tuple(types),
        "start": start,
        "end": end,
    }
