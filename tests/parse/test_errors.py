"""A parser bug is reported as `parser_error`, never as a verdict that the text is no notice."""

from __future__ import annotations

from pathlib import Path

import pytest

import yange.parse as parse
from yange.errors import NoticeRejected

SEED = Path(__file__).resolve().parents[1] / "golden" / "fujian-2010-foreign-trade-sanding.txt"


@pytest.mark.parametrize("error", [IndexError("list index out of range"), KeyError("units"), TypeError("x")])
def test_a_bug_in_a_genre_parser_is_a_parser_error(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(parse, "parse_sanding", broken)
    with pytest.raises(NoticeRejected) as caught:
        parse.parse_notice(SEED.read_text(encoding="utf-8"))
    assert caught.value.reason_code == "parser_error"
    assert type(error).__name__ in caught.value.detail


def test_a_text_without_sections_is_not_a_notice() -> None:
    with pytest.raises(NoticeRejected) as caught:
        parse.parse_notice("关于做好内设机构调整工作的说明。各单位要按照要求做好工作。")
    assert caught.value.reason_code == "not_a_notice"
