"""Numbers and dates as notices write them: 二十一, 两, 〇, 2010年5月29日, 二〇一〇年五月二十九日.

The one reader of numerals (cn2an) and dates for all three notice parsers; the patterns that find
them are in `vocab.numerals`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import cn2an

_ZEROS = str.maketrans({"○": "〇", "零": "〇", "O": "〇", "o": "〇", "0": "〇"})
_YEAR_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")}


@lru_cache(maxsize=1024)
def cn_number(token: str) -> int | None:
    """Chinese or Arabic numeral to int (二十一 -> 21, 两 -> 2, 〇 -> 0); None when it is not a
    number (十二二), so a malformed figure is left out rather than the notice.

    >>> cn_number("二十一"), cn_number("12"), cn_number("两"), cn_number("十二二")
    (21, 12, 2, None)
    """
    if token.isdigit():
        return int(token)
    try:
        value = cn2an.cn2an(token.replace("○", "〇").replace("两", "二"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if value == int(value) else None


def year_number(token: str) -> int | None:
    """A year written digit by digit: 二〇一〇 (or 二○一○, 二零一零) -> 2010, 2010 -> 2010."""
    if token.isdigit():
        return int(token)
    digits = [_YEAR_DIGITS.get(ch) for ch in token.translate(_ZEROS)]
    return int("".join(digits)) if digits and None not in digits else None  # type: ignore[arg-type]


def read_date(year: str, month: str, day: str) -> dt.date | None:
    """A date from its three parts as written, Arabic or Chinese; None when it is no real date.

    >>> read_date("二〇一〇", "五", "二十九"), read_date("2010", "5", "29"), read_date("2010", "2", "30")
    (datetime.date(2010, 5, 29), datetime.date(2010, 5, 29), None)
    """
    y, m, d = year_number(year), cn_number(month), cn_number(day)
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None
