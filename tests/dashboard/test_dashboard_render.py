"""The pure parts of the dashboard: alignment of two versions, HTML building, argument parsing."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import data
from dashboard.compare import align, items_of, reconcile
from dashboard.render import compare_table, highlighted_source, inline_html
from models import Adjustment, AgencyRecord, Duty, Staffing, Unit


def _record(
    duties: list[str], units: tuple[str, ...] = (), staff: int | None = None, **extra: Any
) -> AgencyRecord:
    return AgencyRecord(
        agency="某厅",
        duties=[Duty(ordinal=k, text=t, span=(0, 1)) for k, t in enumerate(duties, 1)],
        units=[Unit(name=u, duties=f"{u}的职责。", span=(0, 1)) for u in units],
        staffing=[Staffing(category="行政编制", count=staff, text=f"行政编制{staff}名")] if staff else [],
        **extra,
    )


def test_align_pairs_same_changed_added_removed_in_new_order() -> None:
    old = _record(["甲职责。", "乙职责。", "丙职责。"])
    new = _record(["甲职责。", "丙职责，加强监督。", "丁职责。"])
    changes = [
        {
            "change_type": "duty_reworded",
            "section": "duty",
            "old_text": "丙职责。",
            "new_text": "丙职责，加强监督。",
        }
    ]
    rows = align(old, new, changes)
    assert [(r.status, r.old and r.old.text, r.new and r.new.text) for r in rows] == [
        ("same", "甲职责。", "甲职责。"),
        ("removed", "乙职责。", None),  # placed after the item it followed in the old version
        ("changed", "丙职责。", "丙职责，加强监督。"),
        ("added", None, "丁职责。"),
    ]


def test_align_without_change_events_pairs_only_identical_text() -> None:
    rows = align(_record(["甲。", "乙。"]), _record(["甲。", "乙乙。"]))
    assert [r.status for r in rows] == ["same", "removed", "added"]


def test_align_units_by_rename_event_and_staffing_by_line() -> None:
    old = _record([], units=("外贸处",), staff=80)
    new = _record([], units=("贸易处",), staff=90)
    changes = [
        {
            "change_type": "unit_renamed",
            "section": "unit",
            "unit_name": "贸易处",
            "old_text": "外贸处",
            "new_text": "贸易处",
        },
        {
            "change_type": "staffing_changed",
            "section": "staffing",
            "old_text": "行政编制80名",
            "new_text": "行政编制90名",
        },
    ]
    rows = align(old, new, changes)
    assert [(r.section, r.status, r.change_type) for r in rows] == [
        ("unit", "changed", "unit_renamed"),
        ("staffing", "changed", "staffing_changed"),
    ]


def test_items_flatten_nested_duties_with_dotted_labels() -> None:
    nested = Duty(ordinal=2, text="总", span=(0, 1), items=[Duty(ordinal=1, text="分", span=(0, 1))])
    record = AgencyRecord(agency="某厅", duties=[nested])
    assert [(i.label, i.text) for i in items_of(record)] == [("2", "总"), ("2.1", "分")]


def test_reconcile_links_evidence_and_flags_the_rest() -> None:
    record = _record([], adjustments=[Adjustment(ordinal=1, kind="cancelled", text="取消甲。", span=(0, 1))])
    events = [
        {
            "change_type": "declared_adjustment",
            "new_text": "取消甲。",
            "detail": {"kind": "cancelled", "evidence": [2], "reconciled": True},
        },
        {
            "change_type": "declared_adjustment",
            "new_text": "划入乙。",
            "detail": {"kind": "transferred_in", "evidence": [], "reconciled": False},
        },
        {"change_type": "duty_removed", "old_text": "甲。"},
    ]
    borne, flagged = reconcile(record, events)
    assert (borne.kind, [e["old_text"] for e in borne.observed], borne.reconciled) == (
        "cancelled",
        ["甲。"],
        True,
    )
    assert (flagged.kind, flagged.observed, flagged.reconciled) == ("transferred_in", [], False)


def test_inline_html_shows_deletions_on_the_old_side_and_insertions_on_the_new() -> None:
    ops = [("equal", "负责"), ("delete", "全省"), ("insert", "<全市>"), ("equal", "工作")]
    assert inline_html(ops, side="old") == "负责<del>全省</del>工作"
    assert inline_html(ops, side="new") == "负责<ins>&lt;全市&gt;</ins>工作"


def test_compare_table_escapes_text_and_marks_rows() -> None:
    rows = align(_record(["<script>甲</script>"]), _record(["乙"]))
    html = compare_table(
        rows, [None] * len(rows), old_title="旧<", new_title="新", sections={"duty": "主要职责"}
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "旧&lt;" in html
    assert 'class="removed"' in html and 'class="added"' in html
    assert "主要职责" in html


def test_highlighted_source_marks_spans_escapes_and_merges_overlaps() -> None:
    text = "标题<i>\n一、职责甲。\n（一）子项。\n"
    start = text.index("一、")
    html = highlighted_source(
        text, [(start, len(text) - 1, "duty"), (text.index("（一）"), len(text) - 1, "item")]
    )
    assert html.count("<mark") == 1  # the nested item is inside the duty's mark
    assert "标题&lt;i&gt;" in html and "<i>" not in html
    body = html.split('<div class="yg-src">', 1)[1]
    assert body.replace('<mark title="duty">', "").replace("</mark>", "").replace(
        "</div>", ""
    ) == text.replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--db", "a.duckdb"], "b.duckdb", "a.duckdb"),  # the script argument wins
        (["--other", "x"], "b.duckdb", "b.duckdb"),  # then YANGE_DB
        ([], None, "data/yange.duckdb"),  # then the contract's default
    ],
)
def test_db_path(monkeypatch: pytest.MonkeyPatch, argv: list[str], env: str | None, expected: str) -> None:
    if env is None:
        monkeypatch.delenv("YANGE_DB", raising=False)
    else:
        monkeypatch.setenv("YANGE_DB", env)
    assert data.db_path(argv) == expected


def test_timeline_chart_lets_a_click_pick_an_agency() -> None:
    import datetime as dt

    import pandas as pd

    from dashboard.charts import PICK, picked_agency, timeline_chart

    events = pd.DataFrame(
        {
            "agency_id": ["a1"],
            "agency": ["某厅"],
            "day": [dt.date(2010, 5, 29)],
            "change_type": ["duty_added"],
            "events": [3],
        }
    )
    versions = pd.DataFrame(
        {
            "agency_id": ["a1"],
            "agency": ["某厅"],
            "day": [dt.date(2010, 5, 29)],
            "title": ["通知"],
            "derived": [False],
        }
    )
    agencies = pd.DataFrame({"agency_id": ["a1"], "agency": ["某厅"], "versions": [1], "events": [3]})
    spec = timeline_chart(agencies, events, versions, lang="zh").to_dict()
    params = spec.get("params", []) + [p for layer in spec["layer"] for p in layer.get("params", [])]
    assert [p["name"] for p in params] == [PICK]
    assert params[0]["select"]["fields"] == ["agency_id"]
    # What st.altair_chart(on_select="rerun") returns after a click, and after none.
    assert picked_agency({"selection": {PICK: [{"agency_id": "a1"}]}}) == "a1"
    assert picked_agency({"selection": {PICK: []}}) is None
    assert picked_agency(None) is None


def test_align_keeps_the_differs_own_character_ops_when_its_texts_are_the_rows() -> None:
    ops = [["equal", "丙职责"], ["insert", "，加强监督"], ["equal", "。"]]
    reworded = {"change_type": "duty_reworded", "section": "duty", "old_text": "丙职责。",
                "new_text": "丙职责，加强监督。", "detail": {"ops": ops}}  # fmt: skip
    (row,) = align(_record(["丙职责。"]), _record(["丙职责，加强监督。"]), [reworded])
    assert row.ops == [tuple(op) for op in ops]
    unit = {
        "change_type": "unit_renamed",
        "section": "unit",
        "old_text": "外贸处",
        "new_text": "贸易处",
        "detail": {"ops": ops},
    }
    (renamed,) = align(_record([], units=("外贸处",)), _record([], units=("贸易处",)), [unit])
    assert renamed.status == "changed" and renamed.ops is None  # row text is name + duties: diffed anew
