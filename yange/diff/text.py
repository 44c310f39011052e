"""Text keys for comparing items: what counts as "the same wording" is decided here, once.

Notices differ in full/half-width forms, spaces and punctuation between versions without any change
in meaning, so similarity is computed on a key with those removed (NFKC, then letters and digits
only). Spans and the texts shown to people always stay the originals.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Everything that is not a letter or digit in any script (Python's \W, plus the underscore).
NOT_WORD = re.compile(r"[\W_]+")
# Digits and Chinese numerals: a change in any of them is a change in substance (counts, dates).
NUMERALS = re.compile(r"[0-9〇零一二三四五六七八九十百千万两]+")
# Clause boundaries inside one duty text: the semicolons and full stops that separate 三定 clauses.
CLAUSE_BREAK = re.compile(r"[；;。]+")


# Bounded for memory: a pair is keyed over and over within itself, not across a national history,
# and 8,192 keys of duty text hold a few MB where 65,536 could hold tens (docs/scale.md).
@lru_cache(maxsize=8192)
def comparison_key(text: str) -> str:
    """The text without width variants, whitespace or punctuation: the form similarity is taken on."""
    return NOT_WORD.sub("", unicodedata.normalize("NFKC", text))


def numerals(text: str) -> list[str]:
    """The runs of digits and Chinese numerals in a text, in order."""
    return NUMERALS.findall(comparison_key(text))


def clauses(text: str) -> list[str]:
    """The non-empty comparison keys of the clauses of a duty text."""
    keys = (comparison_key(part) for part in CLAUSE_BREAK.split(text))
    return [key for key in keys if key]


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of a comparison key (a single character counts as its own gram)."""
    key = comparison_key(text)
    if len(key) < 2:
        return frozenset({key}) if key else frozenset()
    return frozenset(map(str.__add__, key, key[1:]))


def coverage(subject: str, text: str) -> float:
    """Share of the subject's bigrams found in `text`: how far `text` speaks of the subject."""
    wanted = bigrams(subject)
    if not wanted:
        return 0.0
    return len(wanted & bigrams(text)) / len(wanted)
