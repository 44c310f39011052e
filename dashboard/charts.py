"""Pure chart builders: DataFrame in, Altair chart out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

PICK = "pick"  # name of the timeline's click selection


def timeline_chart(events: pd.DataFrame, versions: pd.DataFrame) -> alt.LayerChart:
    """Agencies down, time across: a circle per day and change type (sized by events), a tick per
    version. Clicking a circle selects its agency (selection PICK, field agency_id)."""
    rows = max(1, events["agency"].nunique())
    y = alt.Y(
        "agency:N", title=None, sort=alt.EncodingSortField("day", op="min"), axis=alt.Axis(labelLimit=320)
    )
    pick = alt.selection_point(name=PICK, fields=["agency_id"], on="click")
    ticks = (
        alt.Chart(versions)
        .mark_tick(color="#888", thickness=2, size=14)
        .encode(
            x=alt.X(
                "day:T", title=None, scale=alt.Scale(padding=24), axis=alt.Axis(format="%Y", tickCount="year")
            ),
            y=y,
            tooltip=[
                alt.Tooltip("agency:N"),
                alt.Tooltip("day:T", title="version of"),
                "title:N",
                "derived:N",
            ],
        )
    )
    dots = (
        alt.Chart(events)
        .mark_circle(opacity=0.8)
        .encode(
            x=alt.X(
                "day:T", title=None, scale=alt.Scale(padding=24), axis=alt.Axis(format="%Y", tickCount="year")
            ),
            y=y,
            yOffset=alt.YOffset("change_type:N"),  # one lane per change type inside an agency's row
            color=alt.Color("change_type:N", title="change"),
            size=alt.Size("events:Q", scale=alt.Scale(range=[40, 400]), legend=None),
            tooltip=["agency:N", alt.Tooltip("day:T"), "change_type:N", "events:Q"],
        )
        .add_params(pick)
    )
    return alt.layer(ticks, dots).properties(height=min(2400, max(260, 60 + 48 * rows)))


def picked_agency(event: Any) -> str | None:
    """The agency_id a click on the timeline selected, if any."""
    selection = getattr(event, "selection", None) or (
        event.get("selection") if isinstance(event, Mapping) else None
    )
    points = (selection or {}).get(PICK) or []
    return str(points[0]["agency_id"]) if points and "agency_id" in points[0] else None


def staffing_chart(staffing: pd.DataFrame) -> alt.Chart:
    """Each staffing category's count at each version, as a step line."""
    return (
        alt.Chart(staffing)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("count:Q", title="posts"),
            color=alt.Color("category:N", title=None),
            tooltip=["category:N", alt.Tooltip("day:T"), "count:Q"],
        )
        .properties(height=280)
    )
