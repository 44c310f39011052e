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
        ("central-2023-mofcom-broken-title-page-derived.txt", "中央编办关于调整商务部职责机构编制的通知", "中央编办"),
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
