"""Fixtures of the parser tests: the derived variant notices written for them."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# A clean notice in the older form, every section present, numbering (一) with ASCII brackets.
CLEAN = FIXTURES / "xinan-2009-water-sanding-derived.txt"
# The 2018-on form: articles 第N条, no covering letter, staffing in Chinese numerals.
ARTICLES = FIXTURES / "donghai-2019-ecology-articles-derived.txt"
# A ministry's regulation: 司/厅/室 units, （司局） count, 六、附则, page title with a site suffix above.
CENTRAL = FIXTURES / "central-2008-trade-ministry-sanding-derived.txt"


@pytest.fixture(scope="session")
def clean_text() -> str:
    return CLEAN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def articles_text() -> str:
    return ARTICLES.read_text(encoding="utf-8")
