"""Numerals and dates as notices write them: the patterns that find them (cn2an reads them)."""

from __future__ import annotations

import re

# Chinese numeral characters used in ordinals, counts and dates. 〇/○/零 appear in years (二○一○).
CN_DIGITS = "零〇○一二三四五六七八九十百千两"
CN = f"[{CN_DIGITS}]"
# A count: Arabic or Chinese numerals (编制二十五名 as well as 25名).
COUNT = rf"(?:\d+|{CN}+)"
# The same without the group, for patterns that name their own groups: (?P<n>NUM).
NUM = rf"\d+|{CN}+"


def after_boundary(chars: str, first: str) -> str:
    """A lookbehind for "at a line start or after one of `chars`", to put right after the pattern's
    first character (class) `first`. A pattern that opens with a lookbehind, a group of them or a repeat
    is tried at every character of the text; one that opens with a character (class) is tried only
    where that character stands, which makes a scan of a whole notice several times faster.
    Same matches: `(?:(?<=^)|(?<=[C]))X…` is `X(?<![^C]X)…` when C holds the line break."""
    return rf"(?<![^{chars}]{first})"


# 二〇一〇年五月二十九日 (Chinese numerals; 〇/○/零 all read 0). {CN}{CN}{3}, not {CN}{4}: see after_boundary.
CN_DATE = re.compile(rf"({CN}{CN}{{3}})年({CN}{{1,2}})月({CN}{{1,3}})日")
# 2010年5月29日 / 2010-05-29 / 2010.05.29 / 2010/5/29.
ARABIC_DATE = re.compile(r"(\d{4})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)\s*(\d{1,2})\s*日?")
# Either kind written with 年月日, digit kinds not mixed within a part: 2023年9月24日, 二〇二三年九月二十四日.
DATE = re.compile(rf"(?P<y>\d{{4}}|{CN}{{4}})年(?P<m>\d{{1,2}}|{CN}{{1,3}})月(?P<d>\d{{1,2}}|{CN}{{1,3}})日")
