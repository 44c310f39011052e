"""Single amendment clauses in the shapes other issuers write them, each under one constructed head."""

from __future__ import annotations

import pytest

from tests.amend.amend_factories import Expected, expect, observed
from tests.amend.amend_generalise import (
    BSB,
    DHB,
    DUTY,
    HEAD,
    NSB,
    both_ends,
    in_order,
)
from yange.parse.amendment import parse_amendment_body


@pytest.mark.parametrize(
    ("clause", "effects", "totals"),
    [
        # No 将: the giver named before 的.
        ("东海部的海洋渔业管理职责划入南山部。", both_ends(DHB, NSB, 1, "duty_transferred", DUTY), {}),
        # A comma before the verb.
        (
            "将东海部承担的海洋渔业管理职责，划入南山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY),
            {},
        ),
        # Two duties named in full: two transfers.
        (
            "将东海部的海洋渔业管理职责和远洋渔业监管职责划入南山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, NSB, 1, "duty_transferred", "远洋渔业监管职责"),
            {},
        ),
        # 分别: the duties pair with the receivers in order.
        (
            "将东海部的海洋渔业管理、远洋渔业监管职责分别划入南山部和北山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, BSB, 1, "duty_transferred", "远洋渔业监管职责"),
            {},
        ),
        # A duty leaving with no receiver named.
        ("将东海部的海洋渔业管理职责划出。", [expect(DHB, 1, "duty_transferred_out", DUTY)], {}),
        ("东海部不再承担海洋渔业管理职责。", [expect(DHB, 1, "duty_transferred_out", DUTY)], {}),
        # The giver first (从A划出…，划入B).
        (
            "从东海部划出行政编制5名，划入南山部。",
            both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 5}),
            {},
        ),
        # 交由B承担 without 将, then the staff of a unit 一并划转 in the same sentence.
        (
            "东海部的远洋渔业监管职责交由南山部承担，东海部远洋处的行政编制6名、处级领导职数2名一并划转。",
            both_ends(DHB, NSB, 1, "duty_transferred", "远洋渔业监管职责")
            + both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 6, "处级领导职数": 2}),
            {},
        ),
        # A body moved under another agency with 划归…管理.
        (
            "将东海部所属的东海渔业研究所划归南山部管理。",
            both_ends(DHB, NSB, 1, "supervision_transferred", "东海渔业研究所"),
            {},
        ),
        # Merged with a comma: 合并，组建.
        (
            "将东海部的渔业司与远洋处合并，组建渔业渔政司。",
            [
                expect(DHB, 1, "unit_added", "渔业渔政司"),
                expect(DHB, 1, "unit_removed", "渔业司", new="渔业渔政司"),
                expect(DHB, 1, "unit_removed", "远洋处", new="渔业渔政司"),
            ],
            {},
        ),
        # A unit folded into another.
        ("将东海部的远洋处并入渔业司。", [expect(DHB, 1, "unit_removed", "远洋处", new="渔业司")], {}),
        # Totals without 调整后: the figure restated as changed; and 上述调整后; and 设N个内设机构.
        (
            "东海部内设机构由12个调整为13个，机关行政编制由120名调整为115名。",
            [],
            {DHB: {"内设机构": 13, "机关行政编制": 115}},
        ),
        (
            "上述调整后，东海部内设机构十个，机关行政编制一百名，司局级领导职数二十名。",
            [],
            {DHB: {"内设机构": 10, "机关行政编制": 100, "司局级领导职数": 20}},
        ),
        (
            "调整后，东海部设12个内设机构，机关行政编制为118名。",
            [],
            {DHB: {"内设机构": 12, "机关行政编制": 118}},
        ),
        ("核定东海部机关行政编制100名。", [], {DHB: {"机关行政编制": 100}}),
        (
            "东海部机关行政编制增加至120名，司局级领导职数增加到25名。",
            [],
            {DHB: {"机关行政编制": 120, "司局级领导职数": 25}},
        ),
        # …but staff moved with 调整到 is a transfer, not a total.
        (
            "将东海部行政编制5名调整到南山部。",
            both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 5}),
            {},
        ),
        # Quoted unit names; a new name that repeats the agency's.
        (
            "将“渔业处”更名为“渔业渔政处”。",
            [expect(DHB, 1, "unit_renamed", "渔业处", old="渔业处", new="渔业渔政处")],
            {},
        ),
        (
            "将东海部机关服务中心更名为东海部机关事务服务中心。",
            [expect(DHB, 1, "unit_renamed", "机关服务中心", old="机关服务中心", new="机关事务服务中心")],
            {},
        ),
        # Wording added (no old text) and deleted (empty new text).
        (
            "在东海部渔业司职责中增加“负责远洋渔业国际合作”。",
            [expect(DHB, 1, "duty_text_amended", "渔业司", new="负责远洋渔业国际合作")],
            {},
        ),
        (
            "删去东海部渔业司职责中的“负责渔船检验”。",
            [expect(DHB, 1, "duty_text_amended", "渔业司", old="负责渔船检验", new="")],
            {},
        ),
        # A body abolished and where its duties go (to an agency, or to a unit of one).
        (
            "不再保留东海渔业委员会，其职责划入南山部。",
            [expect("东海渔业委员会", 1, "body_abolished", "东海渔业委员会")]
            + both_ends("东海渔业委员会", NSB, 1, "duty_transferred", "东海渔业委员会职责"),
            {},
        ),
        (
            "不再保留东海渔业委员会办公室，具体工作由东海部渔业司承担。",
            [expect("东海渔业委员会办公室", 1, "body_abolished", "东海渔业委员会办公室")]
            + both_ends("东海渔业委员会办公室", DHB, 1, "duty_transferred", "东海渔业委员会办公室职责"),
            {},
        ),
        # A bracketed aside that makes its own change.
        (
            "将东海部的海洋渔业管理职责划入南山部（南山部加挂“南山渔政局”牌子）。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY) + [expect(NSB, 1, "alias_added", "南山渔政局")],
            {},
        ),
        # A duty to a unit of another agency: the agency receives it; the unit that held it is dropped.
        (
            "将东海部渔业司的海洋渔业管理职责划入南山部渔政司。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY),
            {},
        ),
        # 下放 to lower governments as a class: the duty leaves, no record for the receivers.
        (
            "将东海部的海洋渔业管理职责下放至沿海各市。",
            [expect(DHB, 1, "duty_transferred_out", DUTY, to="沿海各市")],
            {},
        ),
        # A sub-unit removed by its full name; a follow-up that changes nothing named (相应调整…).
        ("撤销东海部渔业司远洋处。", [expect(DHB, 1, "unit_removed", "渔业司远洋处")], {}),
        (
            "将东海部的海洋渔业管理职责划入南山部，相应调整南山部有关内设机构职责。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY) + [expect(NSB, 1, "other")],
            {},
        ),
        # Arrangements that change nothing themselves: kept as other, no warning.
        (
            "将东海部的海洋渔业管理职责划入南山部。具体划转编制数另行核定。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY) + [expect(DHB, 1, "other")],
            {},
        ),
        ("本通知自印发之日起执行。", [expect(DHB, 1, "other")], {}),
        # A unit folded into a unit whose name starts like a place (城市…科): still a unit.
        (
            "撤销你部的公用事业科，其职责并入城市管理科。",
            [expect(DHB, 1, "unit_removed", "公用事业科", new="城市管理科")],
            {},
        ),
        # A unit removed, its duties and staff going to another agency.
        (
            "撤销东海部渔业司，其职责和行政编制8名划入南山部。",
            [expect(DHB, 1, "unit_removed", "渔业司")]
            + both_ends(DHB, NSB, 1, "duty_transferred", "渔业司职责")
            + both_ends(DHB, NSB, 1, "staffing_transferred", "渔业司", {"行政编制": 8}),
            {},
        ),
        # 由B承担 as the transfer verb; supervision taken on with no giver; 设置 a unit.
        ("东海部的海洋渔业管理职责由南山部承担。", both_ends(DHB, NSB, 1, "duty_transferred", DUTY), {}),
        ("南山部代管东海渔业研究所。", [expect(NSB, 1, "supervision_transferred_in", "东海渔业研究所")], {}),
        (
            "东海部设置远洋渔业司，负责远洋渔业管理。",
            [expect(DHB, 1, "unit_added", "远洋渔业司", new="负责远洋渔业管理")],
            {},
        ),
        # Two transfers in one sentence, each way.
        (
            "将东海部的海洋渔业管理职责划入南山部，南山部的内河渔业管理职责划入东海部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(NSB, DHB, 1, "duty_transferred", "内河渔业管理职责"),
            {},
        ),
        # 撤销…，设立…: a unit removed and another added, neither lost.
        (
            "撤销东海部渔业处，设立远洋渔业处。",
            [expect(DHB, 1, "unit_removed", "渔业处"), expect(DHB, 1, "unit_added", "远洋渔业处")],
            {},
        ),
        # The staff of a transfer written as 相应核减 / 相应核增 on each side.
        (
            "将东海部的海洋渔业管理职责划入南山部。东海部相应核减行政编制5名，南山部相应核增行政编制5名。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, NSB, 1, "staffing_transferred", None, {"行政编制": 5}),
            {},
        ),
        # A whole unit moving to another agency: removed from one, added to the other.
        (
            "将东海部的远洋处整体划入南山部。",
            [
                expect(DHB, 1, "unit_removed", "远洋处", to=NSB),
                expect(NSB, 1, "unit_added", "远洋处", to=DHB),
            ],
            {},
        ),
        (
            "将东海部内设的远洋处及其职责、编制整体划入南山部。",
            [
                expect(DHB, 1, "unit_removed", "远洋处", to=NSB),
                expect(NSB, 1, "unit_added", "远洋处", to=DHB),
            ],
            {},
        ),
        # 事业编制 of an institution the giver runs.
        (
            "将东海部所属东海渔业信息中心事业编制20名划入南山部。",
            both_ends(DHB, NSB, 1, "staffing_transferred", "东海渔业信息中心", {"事业编制": 20}),
            {},
        ),
        # Two duties with "，以及".
        (
            "将东海部的海洋渔业管理职责，以及远洋渔业监管职责划入南山部。",
            both_ends(DHB, NSB, 1, "duty_transferred", DUTY)
            + both_ends(DHB, NSB, 1, "duty_transferred", "远洋渔业监管职责"),
            {},
        ),
        # Staff changed inside one agency, verb after the category: kept as other with the counts.
        (
            "东海部机关行政编制增加5名，用于加强远洋渔业监管。",
            [expect(DHB, 1, "other", "增加", counts={"机关行政编制": 5})],
            {},
        ),
    ],
)
def test_clause_shapes(clause: str, effects: list[Expected], totals: dict[str, dict[str, int]]) -> None:
    records, quality = parse_amendment_body(HEAD + clause)
    assert in_order(observed(records)) == in_order(effects)
    assert {r.agency: r.stated_totals for r in records if r.stated_totals} == totals
    assert quality.warnings == []


@pytest.mark.parametrize(
    ("clause", "agency", "unit"),
    [
        ("东海部渔业司加挂远洋渔业办公室牌子。", DHB, "渔业司"),  # the agency named before its unit
        ("在渔业司加挂远洋渔业办公室牌子。", DHB, "渔业司"),  # the unit alone: the notice's agency
        ("东海部的渔业司加挂远洋渔业办公室牌子。", DHB, "渔业司"),
        ("东海部加挂远洋渔业办公室牌子。", DHB, None),  # the agency itself
    ],
)
def test_sign_on_a_unit_names_the_unit(clause: str, agency: str, unit: str | None) -> None:
    records, quality = parse_amendment_body(HEAD + clause)
    assert [(r.agency, e.type, e.subject, e.unit) for r in records for e in r.effects] == [
        (agency, "alias_added", "远洋渔业办公室", unit)
    ]
    assert quality.warnings == []


def test_respective_lists_that_do_not_pair_are_kept_for_review() -> None:
    """Three duties 分别 to two agencies: no guess, one `other` effect and a warning."""
    records, quality = parse_amendment_body(
        HEAD + "将东海部的海洋渔业管理、远洋渔业监管和渔船检验职责分别划入南山部和北山部。"
    )
    assert [(r.agency, e.type) for r in records for e in r.effects] == [(DHB, "other")]
    assert len(quality.warnings) == 1 and "分别" in quality.warnings[0]
