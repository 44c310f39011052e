"""align, inline_diff and the reconciliation's subject cues, table by table."""

from __future__ import annotations

import pytest

from yange.diff import align, diff_snapshots, inline_diff
from yange.diff.align import similarity_matrix
from yange.diff.reconcile import subject

DUTIES = [
    "贯彻执行国家对外经贸和口岸管理的法律、法规和政策。",
    "负责组织协调反倾销、反补贴、保障措施及其他与进出口公平贸易相关的工作。",
    "起草并组织实施我省口岸工作的政策、规划，负责协调口岸查验机构。",
    "承办省委、省政府交办的其他事项。",
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # identical lists pair item by item, similarity 1
        (DUTIES, DUTIES, [(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0), (3, 3, 1.0)]),
        # reordered: paired by meaning, listed in the new order
        (DUTIES, DUTIES[::-1], [(3, 0, 1.0), (2, 1, 1.0), (1, 2, 1.0), (0, 3, 1.0)]),
        # one removed: it sits after the item its old predecessor became
        (DUTIES, [DUTIES[0], DUTIES[2], DUTIES[3]], [(0, 0, 1.0), (1, None, 0.0), (2, 1, 1.0), (3, 2, 1.0)]),
        # one added in front
        (DUTIES[1:], DUTIES, [(None, 0, 0.0), (0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]),
        # punctuation and width differences do not count as changes
        (["负责口岸工作；协调查验。"], ["负责口岸工作;协调查验."], [(0, 0, 1.0)]),
        # nothing to pair with
        ([], DUTIES[:1], [(None, 0, 0.0)]),
        (DUTIES[:1], [], [(0, None, 0.0)]),
    ],
)
def test_align_table(
    old: list[str], new: list[str], expected: list[tuple[int | None, int | None, float]]
) -> None:
    assert align(old, new, threshold=0.55) == expected


def test_align_pairs_a_rewording_above_the_threshold_only() -> None:
    reworded = DUTIES[2].replace("负责协调口岸查验机构", "负责协调口岸查验机构，推进电子口岸建设")
    [(i, j, sim)] = align([DUTIES[2]], [reworded], threshold=0.55)
    assert (i, j) == (0, 0) and 0.55 <= sim < 1.0
    # below the threshold: removed and added, the removed one first (nothing precedes it)
    assert align([DUTIES[2]], [reworded], threshold=sim + 0.01) == [(0, None, 0.0), (None, 0, 0.0)]


def test_align_prefers_the_globally_best_assignment() -> None:
    # old 0 is as close to new 0 as old 1 is; greedy row by row would give new 0 to old 0 and leave
    # old 1 without a partner, while old 0 can still take new 1
    old = ["甲乙丙丁戊己庚辛", "丙丁戊己庚辛壬癸"]
    new = ["乙丙丁戊己庚辛壬", "甲乙丙丁戊子丑寅"]
    pairs = {(i, j) for i, j, _ in align(old, new, threshold=0.6)}
    assert pairs == {(1, 0), (0, 1)}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("承担口岸协调工作", "承担口岸协调工作", [("equal", "承担口岸协调工作")]),
        ("承担口岸协调工作", "负责口岸协调和管理工作",
         [("delete", "承担"), ("insert", "负责"), ("equal", "口岸协调"), ("insert", "和管理"), ("equal", "工作")]),
        ("", "新增职责", [("insert", "新增职责")]),
        ("取消的职责", "", [("delete", "取消的职责")]),
    ],
)  # fmt: skip
def test_inline_diff_table(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert inline_diff(old, new) == expected


def test_inline_diff_rebuilds_both_sides() -> None:
    old, new = DUTIES[1], DUTIES[1].replace("反补贴", "反补贴、反规避").replace("相关的工作", "相关工作")
    ops = inline_diff(old, new)
    assert "".join(t for op, t in ops if op != "insert") == old
    assert "".join(t for op, t in ops if op != "delete") == new
    assert all(op in {"equal", "delete", "insert"} for op, _ in ops)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("从原省口岸和海防管理委员会办公室划入口岸协调职责。", "口岸协调"),  # 从…划入X职责
        ("取消已公布取消的行政审批事项。", "已公布取消的行政审批"),  # 取消X事项
        ("承担商务部下放的进出口企业经营资格备案职责。", "进出口企业经营资格备案"),  # 下放的 before 承担
        (
            "将贸易促进等的具体技术性、事务性、辅助性等工作交由事业单位负责。",
            "贸易促进等的具体技术性、事务性、辅助性",
        ),
        ("加强多、双边和区域经贸合作。", "多、双边和区域经贸合作"),
        ("其他调整。", "其他调整"),  # no cue: the whole text
    ],
)
def test_subject_of_a_declaration(text: str, expected: str) -> None:
    assert subject(text) == expected


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        # one character in a long text: under the unchanged threshold's noise allowance
        (DUTIES[1] * 8, DUTIES[1] * 7 + DUTIES[1].replace("反补贴", "反补帖"), False),
        # but a character taken away or added in a long text is a change of scope, not a slip
        (DUTIES[1] * 8, DUTIES[1] * 7 + DUTIES[1].replace("组织协调", "协调"), True),
        (DUTIES[1] * 8, DUTIES[1] * 7 + DUTIES[1].replace("负责", "不再负责"), True),
        # and a number never is noise
        (DUTIES[1] * 8 + "设立驻上海、深圳等2个办事处", DUTIES[1] * 8 + "设立驻上海、深圳等3个办事处", True),
        # nor is a word in a short text
        ("承担口岸协调工作", "承担口岸管理工作", True),
    ],
)
def test_small_changes_and_numbers(old: str, new: str, changed: bool) -> None:
    from models import AgencyRecord, Duty

    def record(text: str) -> AgencyRecord:
        return AgencyRecord(agency="某厅", duties=[Duty(ordinal=1, text=text, span=(0, len(text)))])

    assert bool(diff_snapshots(record(old), record(new))) is changed


def test_subjects_of_an_amendment_clause_name_its_items_not_its_agencies() -> None:
    from yange.diff.reconcile import subjects

    clause = (
        "将福建省对外贸易经济合作厅承担的起草并组织实施口岸工作政策、规划和协调口岸查验机构的职责及其内设的"
        "口岸管理处、大通关协调处12名行政编制、2名正处级领导职数划入福建省人民政府口岸与海防办公室"
    )
    parts = subjects(clause, names=["福建省对外贸易经济合作厅", "福建省人民政府口岸与海防办公室"])
    assert {"起草并组织实施口岸工作政策", "口岸管理处", "大通关协调处", "行政编制", "正处级领导职数"} <= set(
        parts
    )
    assert not any("福建省对外贸易经济合作厅" in p for p in parts)
    # a short subject stays whole: 口岸协调 is one thing, not two
    assert subjects("从原省口岸和海防管理委员会办公室划入口岸协调职责。") == ["口岸协调"]


def test_width_and_punctuation_of_names_are_no_change() -> None:
    """A re-issue typing ＷＴＯ for WTO renames nothing: unit labels, agency aliases and staffing
    categories are compared on their comparison keys."""
    from models import AgencyRecord, Staffing, Unit

    def record(alias: str, plate: str, category: str) -> AgencyRecord:
        unit = Unit(ordinal=1, name="国际经贸关系处", alias=alias, duties="承担有关工作。", span=(0, 9))
        line = Staffing(category=category, count=5, text=f"{category}5名")
        return AgencyRecord(agency="某厅", aliases=[plate], units=[unit], staffing=[line])

    before = record("省政府WTO事务协调办公室", "某省口岸办公室", "机关行政编制")
    assert (
        diff_snapshots(before, record("省政府ＷＴＯ事务协调办公室", "某省口岸办公室 ", "机关行政编制")) == []
    )
    renamed = diff_snapshots(
        before, record("省政府世界贸易组织事务协调办公室", "某省口岸办公室", "机关行政编制")
    )
    assert [c.change_type for c in renamed] == ["unit_renamed"]
    plate = diff_snapshots(before, record("省政府WTO事务协调办公室", "某省口岸与海防办公室", "机关行政编制"))
    assert [(c.change_type, c.detail["added"], c.detail["removed"]) for c in plate] == [
        ("alias_changed", ["某省口岸与海防办公室"], ["某省口岸办公室"])
    ]


RESTATED = (
    "承担贸易救济工作，组织反倾销、反补贴调查，维护公平贸易秩序。"  # DUTIES[1] restated: similarity 0.41
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # the one item left on each side of the same gap, restated: paired despite low similarity
        (DUTIES, [DUTIES[0], RESTATED, *DUTIES[2:]], {0: 0, 1: 1, 2: 2, 3: 3}),
        # the same, at the head of the list
        (DUTIES[1:], [RESTATED, *DUTIES[2:]], {0: 0, 1: 1, 2: 2}),
        # an unrelated duty in the place of a removed one stays added, the other removed
        (
            DUTIES,
            [DUTIES[0], "组织实施公民出境就业，管理监督境外就业职业介绍机构。", *DUTIES[2:]],
            {0: 0, 2: 2, 3: 3},
        ),
        # two left over on the old side: position cannot say which one was restated
        (DUTIES, [DUTIES[0], RESTATED, DUTIES[3]], {0: 0, 3: 2}),
    ],
)
def test_slot_pairs_pair_a_restated_item_in_its_place(
    old: list[str], new: list[str], expected: dict[int, int]
) -> None:
    from yange.diff.align import identical_pairs, match, similarity_matrix, slot_pairs

    scores = similarity_matrix(old, new)
    assert slot_pairs(match(scores, threshold=0.55, fixed=identical_pairs(old, new)), scores) == expected


def test_slot_pairs_read_the_same_both_ways_when_pairs_cross() -> None:
    """Moved duties cross each other; the restated one is paired whichever version comes first."""
    from yange.diff.align import identical_pairs, match, similarity_matrix, slot_pairs

    old, new = DUTIES[:3], [DUTIES[2], DUTIES[0], RESTATED]
    for a, b, restated in ((old, new, (1, 2)), (new, old, (2, 1))):
        scores = similarity_matrix(a, b)
        pairs = slot_pairs(match(scores, threshold=0.55, fixed=identical_pairs(a, b)), scores)
        assert pairs.get(restated[0]) == restated[1], (a, b)


def test_similarity_with_fixed_pairs_scores_what_pairing_reads() -> None:
    old = [*DUTIES, "负责全省对外经济合作工作。"]
    new = [DUTIES[1], "负责全省对外经济合作和援外工作。", DUTIES[0], DUTIES[3]]
    fixed = {1: 0, 0: 2, 3: 3}
    full = similarity_matrix(old, new)
    part = similarity_matrix(old, new, fixed=fixed)
    free_old, free_new = [2, 4], [1]
    for i in range(len(old)):
        for j in range(len(new)):
            wanted = full[i, j] if fixed.get(i) == j or (i in free_old and j in free_new) else 0.0
            assert part[i, j] == wanted, (i, j)
