"""Title and issuer when a page puts them on lines of their own (constructed notices, derived)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yange.parse import parse_notice

FIXTURES = Path(__file__).resolve().parents[1] / "amend" / "fixtures" / "generalise"


@pytest.mark.parametrize(
    ("name", "title", "issuer"),
    [
        # a 相关文章 link to another notice stands above the real title, which the page broke in two
        (
            "central-2023-mofcom-broken-title-page-derived.txt",
            "中央编办关于调整商务部职责机构编制的通知",
            "中央编办",
        ),
        # the issuer on its own line above 关于…的通知
        (
            "central-2018-statistics-derived.txt",
            "中央机构编制委员会办公室关于国家统计局有关职责调整的通知",
            "中央机构编制委员会办公室",
        ),
    ],
)
def test_title_and_issuer(name: str, title: str, issuer: str) -> None:
    notice = parse_notice((FIXTURES / name).read_text(encoding="utf-8"), source=name).notice
    assert (notice.title, notice.issuer) == (title, issuer)


# A regulation with no covering letter (constructed): its 施行 date is the only date it gives.
REGULATION_ONLY = """东海省统计局职能配置、内设机构和人员编制规定
第一条 根据《东海省机构改革方案》，设立东海省统计局，为省政府直属机构，正厅级。
第二条 主要职责。
（一）组织实施全省统计调查。
（二）承办省委、省政府交办的其他任务。
第三条 内设机构。东海省统计局设下列内设机构：
（一）办公室。负责机关日常运转。
（二）综合处。负责统计综合工作。
第四条 人员编制。东海省统计局机关行政编制40名。
第五条 本规定自{when}起施行。
"""


@pytest.mark.parametrize(
    ("when", "expected"),
    [("2019年1月1日", "2019-01-01"), ("二〇一九年一月一日", "2019-01-01"), ("印发之日", None)],
)
def test_regulation_without_letter_is_dated_by_its_in_force_clause(when: str, expected: str | None) -> None:
    notice = parse_notice(REGULATION_ONLY.format(when=when)).notice
    assert notice.title == "东海省统计局职能配置、内设机构和人员编制规定"
    assert (notice.published_on.isoformat() if notice.published_on else None) == expected
