"""A notice's identity: the same notice from two sources (an HTML page and a .txt of it, a
traditional-character mirror) gets the same `notice_id`.

The id is the sha256 of the normalised text (OpenCC included) with the site's furniture lines left
out and no whitespace: what differs between copies of one notice is the page around it and where its
lines break, not its words.
"""

from __future__ import annotations

import hashlib
import re

from yange.parse.vocab import metadata

# A furniture line, tried at each line's start (one match per line is far cheaper than a MULTILINE
# scan, which sre tries at every character): the words it opens with, then, where the gate finds one,
# a footer's words or a mask (metadata.PAGE_FURNITURE_FOOTER).
_FURNITURE_OPENING = re.compile(
    rf"(?:{metadata.SITE_FURNITURE_LINE.pattern})|(?:{metadata.PAGE_FURNITURE_OPENING})"
)


def content(norm: str) -> str:
    """The words of a normalised notice without site furniture and whitespace. A page's <title> line
    (its first, with the site's name after the title) is furniture too."""
    first, nl, rest = norm.partition("\n")
    if metadata.SITE_SUFFIX.search(first, max(0, len(first.rstrip()) - metadata.SITE_SUFFIX_REACH)):
        norm = rest
    opening, gate, footer = (
        _FURNITURE_OPENING.match,
        metadata.PAGE_FOOTER_GATE.search,
        metadata.PAGE_FURNITURE_FOOTER.match,
    )
    reach = metadata.PAGE_FOOTER_REACH
    kept = "".join(
        [
            line
            for line in norm.split("\n")
            if opening(line) is None and (gate(line, 0, reach) is None or footer(line) is None)
        ]
    )
    return "".join(kept.split())


def notice_id(norm: str) -> str:
    """sha256 hex of the notice's content (see `content`)."""
    return hashlib.sha256(content(norm).encode("utf-8")).hexdigest()
