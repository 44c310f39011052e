"""Fixtures shared by every test package. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
FUJIAN = GOLDEN / "fujian-2010-foreign-trade-sanding.txt"
MOFCOM = GOLDEN / "mofcom-2003-unit-functions.txt"


@pytest.fixture(scope="session")
def fujian_text() -> str:
    return FUJIAN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mofcom_text() -> str:
    return MOFCOM.read_text(encoding="utf-8")
