"""HTML for the views Streamlit has no widget for: highlighted source text and the 新旧对照 table.

Notice text is untrusted input: every piece of it goes through `html.escape` before it is wrapped
in markup, so a notice can never inject HTML into the page. `plain` does the same for the Streamlit
elements that render Markdown (titles, captions, alerts, link and widget labels).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape

from dashboard.compare import Row

Op = tuple[str, str]

# ASCII punctuation: a backslash before any of it makes CommonMark show it as written.
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
# Where GFM would see a bare link (http:, www., name@host): it links text, escaped or not, so a
# word joiner (U+2060, invisible) goes between the letters and the : . or @ that follow them.
_LINKABLE = re.compile(r"(?<=[0-9A-Za-z])(?=[:.@])")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` (a title, a name, a warning, a file name) for an element that renders Markdown, so
    that it shows as written: no image loads, no link, no bold, colour, icon or maths from data."""
    value = _LINKABLE.sub(WORD_JOINER, "" if text is None else str(text))
    value = _PUNCTUATION.sub(lambda m: "\\" + m.group(0), value)
    return " ".join(value.split())  # newlines and runs of spaces would start Markdown blocks


STYLE = """
<style>
.yg-cmp {border-collapse: collapse; width: 100%; font-size: 0.92rem;}
.yg-cmp td, .yg-cmp th {border: 1px solid #ddd; padding: 4px 8px; vertical-align: top; width: 50%;}
.yg-cmp tr.added td.new {background: #e6ffed;}
.yg-cmp tr.removed td.old {background: #ffeef0;}
.yg-cmp ins {background: #acf2bd; text-decoration: none;}
.yg-cmp del {background: #fdb8c0;}
.yg-cmp .tag {font-size: 0.75rem; color: #666; margin-right: 4px;}
.yg-src {white-space: pre-wrap; line-height: 1.7; font-size: 0.95rem;}
.yg-src mark {background: #fff3b0; border-bottom: 2px solid #e0b000;}
</style>
"""


def inline_html(ops: Sequence[Op], *, side: str) -> str:
    """One side of a character-level diff: the old side shows deletions, the new side insertions."""
    hidden, shown, tag = ("insert", "delete", "del") if side == "old" else ("delete", "insert", "ins")
    parts = []
    for op, text in ops:
        if op == hidden:
            continue
        parts.append(f"<{tag}>{escape(text)}</{tag}>" if op == shown else escape(text))
    return "".join(parts)


def _cell(row: Row, side: str, ops: Sequence[Op] | None) -> str:
    item = row.old if side == "old" else row.new
    if item is None:
        return f'<td class="{side}"></td>'
    label = f'<span class="tag">{escape(item.label)}</span>' if item.label else ""
    mark = {("added", "new"): "＋ ", ("removed", "old"): "－ "}.get((row.status, side), "")
    body = inline_html(ops, side=side) if ops is not None else escape(item.text)
    return f'<td class="{side}">{escape(mark)}{label}{body}</td>'


def compare_table(
    rows: Sequence[Row],
    ops: Sequence[Sequence[Op] | None],
    *,
    old_title: str,
    new_title: str,
    sections: Mapping[str, str],
) -> str:
    """The side-by-side table; `ops[k]` is the inline diff of rows[k] (None: no highlighting), and
    `sections` the heading of each section in the reader's language."""
    html = [STYLE, '<table class="yg-cmp">']
    html.append(f"<tr><th>{escape(old_title)}</th><th>{escape(new_title)}</th></tr>")
    section = None
    for row, row_ops in zip(rows, ops, strict=True):
        if row.section != section:
            section = row.section
            html.append(f'<tr><th colspan="2">{escape(sections.get(section, section))}</th></tr>')
        html.append(f'<tr class="{row.status}">{_cell(row, "old", row_ops)}{_cell(row, "new", row_ops)}</tr>')
    html.append("</table>")
    return "".join(html)


def highlighted_source(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """The notice text with each record span marked; `spans` are [start, end) offsets and a title.

    Overlapping spans (an item nested in a duty) are merged into the outer one, so marks never nest.
    """
    merged: list[list[int | str]] = []
    for start, end, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        if merged and start < int(merged[-1][1]):
            merged[-1][1] = max(int(merged[-1][1]), end)
            continue
        merged.append([start, end, title])
    parts, pos = [STYLE, '<div class="yg-src">'], 0
    for start, end, title in merged:
        parts.append(escape(text[pos : int(start)]))
        parts.append(f'<mark title="{escape(str(title))}">{escape(text[int(start) : int(end)])}</mark>')
        pos = int(end)
    parts.append(escape(text[pos:]))
    parts.append("</div>")
    return "".join(parts)
