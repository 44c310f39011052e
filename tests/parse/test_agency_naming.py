"""Regulations whose agency is named by no title or establishing sentence (a page cut at the top): a
government office still names itself in its duty of drafting the documents issued in the
government's name and its own; any other body stays unidentified, with a warning that says so."""

from __future__ import annotations

import pytest

from yange.parse import parse_notice

UNITS = "内设机构\n（一）秘书科\n负责文电工作。\n"


# (excerpt, the agency read, a warning about the agency or None)
CASES = [
    # a county office's duties: 以县政府、县政府办公室名义发布的公文 names the office
    (
        "主要职责\n（一）负责县政府会议的准备工作。\n（二）协助县政府领导同志组织起草或审核以县政府、"
        "县政府办公室名义发布的公文。\n" + UNITS,
        "县政府办公室",
        None,
    ),
    # a provincial 办公厅, the government written in full
    (
        "二、主要职责\n（一）负责省人民政府会议的准备工作。\n（二）协助省人民政府领导同志组织起草或审核以"
        "省人民政府、省人民政府办公厅名义发布的公文。\n三、" + UNITS,
        "省人民政府办公厅",
        None,
    ),
    # the sentence on its units names it in full, and wins over the duty's short form
    (
        "（二）协助县政府领导同志组织起草或审核以县政府、县政府办公室名义发布的公文。\n三、内设机构\n"
        "根据上述职责，县人民政府办公室内设8个股室：\n（一）秘书股\n负责文电工作。\n",
        "县人民政府办公室",
        None,
    ),
    # a 法制办 reviews the 规范性文件 issued in those names: it is not the office
    (
        "主要职责\n（一）负责审查以市政府、市政府办公室名义发布的规范性文件。\n（二）承办行政复议案件。\n"
        + UNITS,
        "未识别机构",
        "agency not named in the text",
    ),
    # a 研究室 drafts in the government's name alone
    (
        "主要职责\n（一）起草以市政府名义发布的公文。\n（二）开展调查研究。\n" + UNITS,
        "未识别机构",
        "agency not named in the text",
    ),
    # a 1998 page 4 that calls itself only 厅机关 (once 局机关): a 厅, its province and field unnamed
    (
        "（九）计划财务处\n负责厅机关及直属单位的财务工作。\n（十）人事处\n负责局机关人事工作，厅机关干部培训。\n"
        "机关党委。负责厅机关和直属单位的党群工作。\n四、人员编制和",
        "未识别机构",
        "agency not named in the text; it speaks of itself only as 厅机关",
    ),
]


@pytest.mark.parametrize(("text", "agency", "warning"), CASES)
def test_agency_of_a_regulation_cut_above_its_duties(text: str, agency: str, warning: str | None) -> None:
    parsed = parse_notice(text)
    assert parsed.records[0].agency == agency
    about_agency = [w for w in parsed.quality.warnings if w.startswith("agency not named")]
    assert about_agency == ([warning] if warning else [])
