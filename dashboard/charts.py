"""Pure chart builders: DataFrame in, Altair chart out, with titles and legends in the given language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from dashboard import vocab

PICK = "pick"  # name of the timeline's click selection


def _w(key: str, lang: vocab.Lang) -> str:
    return vocab.text(key, lang)


def timeline_chart(
    agencies: pd.DataFrame, events: pd.DataFrame, versions: pd.DataFrame, *, lang: vocab.Lang
) -> alt.LayerChart:
    """Agencies down (in `agencies` order), time across: a tick per version, a circle per day and
    change type (sized by events). Clicking a circle selects its agency (selection PICK)."""
    order = agencies["agency"].tolist()
    y = alt.Y(
        "agency:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelLimit=320)
    )
    x = alt.X("day:T", title=None, scale=alt.Scale(padding=24), axis=alt.Axis(format="%Y", tickCount="year"))
    pick = alt.selection_point(name=PICK, fields=["agency_id"], on="click")
    ticks = (
        alt.Chart(versions)
        .mark_tick(color="#888", thickness=2, size=14)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("agency:N", title=_w("chart.agency", lang)),
                alt.Tooltip("day:T", title=_w("chart.version_of", lang), format="%Y-%m-%d"),
                alt.Tooltip("title:N", title=_w("chart.title", lang)),
            ],
        )
    )
    height = min(2400, max(260, 60 + 48 * len(order)))
    if events.empty:  # no agency shown has a change event: a click on a version's tick picks it
        return alt.layer(ticks.add_params(pick)).properties(height=height)
    shown = events.assign(change=[vocab.code(vocab.CHANGE_TYPES, c, lang) for c in events["change_type"]])
    dots = (
        alt.Chart(shown)
        .mark_circle(opacity=0.8)
        .encode(
            x=x,
            y=y,
            yOffset=alt.YOffset("change:N"),  # one lane per change type inside an agency's row
            color=alt.Color("change:N", title=_w("chart.change", lang)),
            size=alt.Size("events:Q", scale=alt.Scale(range=[40, 400]), legend=None),
            tooltip=[
                alt.Tooltip("agency:N", title=_w("chart.agency", lang)),
                alt.Tooltip("day:T", title=_w("chart.date", lang), format="%Y-%m-%d"),
                alt.Tooltip("change:N", title=_w("chart.change", lang)),
                alt.Tooltip("events:Q", title=_w("chart.events", lang)),
            ],
        )
        .add_params(pick)
    )
    return alt.layer(ticks, dots).properties(height=height)


def picked_agency(event: Any) -> str | None:
    """The agency_id a click on the timeline selected, if any."""
    selection = getattr(event, "selection", None) or (
        event.get("selection") if isinstance(event, Mapping) else None
    )
    points = (selection or {}).get(PICK) or []
    return str(points[0]["agency_id"]) if points and "agency_id" in points[0] else None


def staffing_chart(staffing: pd.DataFrame, *, lang: vocab.Lang) -> alt.Chart:
    """Each staffing category's count at each version, as a step line."""
    return (
        alt.Chart(staffing)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("day:T", title=None, axis=alt.Axis(format="%Y-%m")),  # Vega's month names are English
            y=alt.Y("count:Q", title=_w("chart.posts", lang)),
            color=alt.Color("category:N", title=_w("chart.category", lang)),
            tooltip=[
                alt.Tooltip("category:N", title=_w("chart.category", lang)),
                alt.Tooltip("day:T", title=_w("chart.date", lang), format="%Y-%m-%d"),
                alt.Tooltip("count:Q", title=_w("chart.count", lang)),
            ],
        )
        .properties(height=280)
    )


def flow_chart(flows: pd.DataFrame, *, lang: vocab.Lang) -> alt.LayerChart:
    """Givers on the left, receivers on the right, a line between them as wide as the number of
    items that moved (`flows`: giver, receiver, count): a two-column Sankey of one reform round."""
    givers = sorted(set(flows["giver"]))
    receivers = sorted(set(flows["receiver"]))
    gy = {name: k for k, name in enumerate(givers)}
    ry = {name: k for k, name in enumerate(receivers)}
    scale = max(len(givers), len(receivers), 1)
    links = flows.assign(
        x0=0.0,
        x1=1.0,
        y0=[(gy[g] + 0.5) / len(givers) * scale for g in flows["giver"]],
        y1=[(ry[r] + 0.5) / len(receivers) * scale for r in flows["receiver"]],
    )
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    y_scale = alt.Scale(domain=[scale, 0])
    x_scale = alt.Scale(domain=[-0.9, 1.9])  # the outer parts hold the names
    lines = (
        alt.Chart(links)
        .mark_rule(opacity=0.5, color="#4c78a8")
        .encode(
            x=alt.X("x0:Q", axis=axis, scale=x_scale),
            x2="x1:Q",
            y=alt.Y("y0:Q", axis=axis, scale=y_scale),
            y2="y1:Q",
            strokeWidth=alt.StrokeWidth("count:Q", scale=alt.Scale(range=[2, 24]), legend=None),
            tooltip=[
                alt.Tooltip("giver:N", title=_w("chart.giver", lang)),
                alt.Tooltip("receiver:N", title=_w("chart.receiver", lang)),
                alt.Tooltip("count:Q", title=_w("chart.count", lang)),
            ],
        )
    )
    nodes = pd.DataFrame(
        [{"x": 0.0, "y": (k + 0.5) / len(givers) * scale, "name": g, "align": "right"} for k, g in enumerate(givers)]
        + [{"x": 1.0, "y": (k + 0.5) / len(receivers) * scale, "name": r, "align": "left"} for k, r in enumerate(receivers)]
    )  # fmt: skip
    left = alt.Chart(nodes[nodes["align"] == "right"]).mark_text(align="right", dx=-8, fontSize=13)
    right = alt.Chart(nodes[nodes["align"] == "left"]).mark_text(align="left", dx=8, fontSize=13)
    labels = [
        part.encode(
            x=alt.X("x:Q", axis=axis, scale=x_scale), y=alt.Y("y:Q", axis=axis, scale=y_scale), text="name:N"
        )
        for part in (left, right)
    ]
    dots = (
        alt.Chart(nodes)
        .mark_circle(size=120, color="#333")
        .encode(x=alt.X("x:Q", axis=axis, scale=x_scale), y=alt.Y("y:Q", axis=axis, scale=y_scale))
    )
    return (
        alt.layer(lines, dots, *labels).properties(height=max(240, 40 * scale)).configure_view(strokeWidth=0)
    )
