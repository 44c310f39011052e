"""Invariants of diff_snapshots over generated versions: no change without an edit, and swapping old
and new swaps what was added and what was removed."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import AgencyRecord, Duty, Staffing, Unit
from tests.diff.diff_factories import fujian
from yange.diff import diff_snapshots

BASE = fujian()
DUTY_POOL = [d.text for d in BASE.duties]
UNIT_POOL = [(u.name, u.duties) for u in BASE.units if u.duties]


@st.composite
def edited(draw: st.DrawFn, pool: list[str]) -> list[str]:
    """A subset of the pool, in any order, some texts cut or extended the way a rewording would."""
    picked = draw(st.lists(st.sampled_from(range(len(pool))), unique=True, max_size=len(pool)))
    out = []
    for k in picked:
        text = pool[k]
        cut = draw(st.integers(0, 3))
        if cut == 1:  # drop a stretch
            at = draw(st.integers(0, len(text) - 1))
            text = text[:at] + text[at + draw(st.integers(1, 12)) :] or text
        elif cut == 2:  # insert words
            at = draw(st.integers(0, len(text)))
            text = (
                text[:at]
                + draw(st.sampled_from(["和协调", "，加强监督", "承担有关", "（不含金融类）"]))
                + text[at:]
            )
        out.append(text)
    return out


@st.composite
def records(draw: st.DrawFn) -> AgencyRecord:
    duties = draw(edited(DUTY_POOL))
    units = draw(st.lists(st.sampled_from(range(len(UNIT_POOL))), unique=True, max_size=6))
    renamed = draw(st.sets(st.sampled_from(range(len(UNIT_POOL)))))
    return AgencyRecord(
        agency=BASE.agency,
        rank=draw(st.sampled_from(["正厅级", "副厅级", None])),
        aliases=draw(st.lists(st.sampled_from(["口岸工作办公室", "外事办公室"]), unique=True)),
        duties=[Duty(ordinal=k, text=t, span=(k * 100, k * 100 + len(t))) for k, t in enumerate(duties, 1)],
        units=[
            Unit(
                ordinal=k,
                name=UNIT_POOL[u][0] + ("（新）" if u in renamed else ""),
                duties=UNIT_POOL[u][1],
                span=(5000 + k * 100, 5000 + k * 100 + 50),
            )
            for k, u in enumerate(units, 1)
        ],  # fmt: skip
        staffing=[Staffing(category="机关行政编制", count=draw(st.integers(100, 200)), text="机关行政编制")],
        declared_unit_count=draw(st.sampled_from([20, 22, None])),
        adjustments=BASE.adjustments[: draw(st.integers(0, 3))],
    )


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(records())
def test_a_version_against_itself_has_no_changes(record: AgencyRecord) -> None:
    assert diff_snapshots(record, record) == []


def _texts(changes: list, change_type: str, side: str) -> Counter[tuple[str, str | None]]:
    return Counter((c.section, getattr(c, side)) for c in changes if c.change_type == change_type)


@FAST
@given(records(), records())
def test_swapping_versions_swaps_added_and_removed(a: AgencyRecord, b: AgencyRecord) -> None:
    forward, backward = diff_snapshots(a, b), diff_snapshots(b, a)
    assert _texts(forward, "duty_removed", "old_text") == _texts(backward, "duty_added", "new_text")
    assert _texts(forward, "duty_added", "new_text") == _texts(backward, "duty_removed", "old_text")
    assert _texts(forward, "duty_reworded", "old_text") == _texts(backward, "duty_reworded", "new_text")
    assert _texts(forward, "unit_removed", "unit_name") == _texts(backward, "unit_added", "unit_name")
    kinds = ("staffing_changed", "rank_changed", "alias_changed", "unit_renamed")
    assert Counter(c.change_type for c in forward if c.change_type in kinds) == Counter(
        c.change_type for c in backward if c.change_type in kinds
    )


@FAST
@given(records(), records())
def test_diff_is_deterministic(a: AgencyRecord, b: AgencyRecord) -> None:
    assert diff_snapshots(a, b) == diff_snapshots(a.model_copy(deep=True), b.model_copy(deep=True))


@FAST
@given(records(), records())
def test_links_point_both_ways(a: AgencyRecord, b: AgencyRecord) -> None:
    b = b.model_copy(update={"adjustments": BASE.adjustments[3:]})  # declarations a cannot share
    changes = diff_snapshots(a, b)
    for k, change in enumerate(changes):
        for index in change.detail.get("evidence", []):
            assert k in changes[index].detail["explained_by"]
        for index in change.detail.get("explained_by", []):
            assert changes[index].change_type == "declared_adjustment"
            assert k in changes[index].detail["evidence"]
        if "explained" in change.detail:
            assert change.detail["explained"] == bool(change.detail["explained_by"])
