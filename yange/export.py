"""Documents a reviewer hands on: the 新旧对照 of two versions as Word, and a record in force as Word
and Markdown.

Pure: plain records in, bytes or text out (python-docx), so the dashboard and any script produce the
same files and a test can open them. Every heading is passed in by the caller, already in the
reader's language. In the comparison, text taken out of the old version is struck through in red
and text put into the new one is underlined in green, as a reviewer marks a draft by hand.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import Pt, RGBColor
from docx.table import _Cell

Status = Literal["same", "changed", "added", "removed"]
Op = tuple[str, str]  # ("equal" | "insert" | "delete", text)

DELETED = RGBColor(0xC0, 0x00, 0x00)
INSERTED = RGBColor(0x00, 0x70, 0x30)


@dataclass(frozen=True)
class CompareRow:
    """One row of the 新旧对照: the old and new item (None when absent) and the character-level ops."""

    section: str
    status: Status
    old: str | None
    new: str | None
    ops: Sequence[Op] | None = None


@dataclass(frozen=True)
class RecordItem:
    section: str
    label: str
    text: str


def _document(title: str, subtitle: str) -> WordDocument:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(10.5)
    # East Asian text uses its own font slot in Word.
    normal.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "SimSun"
    )
    doc.add_heading(title, level=1)
    if subtitle:
        doc.add_paragraph(subtitle)
    return doc


def _bytes(doc: WordDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _marked(cell: _Cell, ops: Sequence[Op], *, side: Literal["old", "new"]) -> None:
    """The old side shows what was deleted (struck, red), the new side what was inserted (underlined)."""
    hidden, shown = ("insert", "delete") if side == "old" else ("delete", "insert")
    paragraph = cell.paragraphs[0]
    for op, text in ops:
        if op == hidden or not text:
            continue
        run = paragraph.add_run(text)
        if op == shown:
            run.font.color.rgb = DELETED if side == "old" else INSERTED
            run.font.strike = side == "old"
            run.font.underline = side == "new"


def _plain(cell: _Cell, text: str | None) -> None:
    if text:
        cell.paragraphs[0].add_run(text)


def comparison_docx(
    rows: Sequence[CompareRow],
    *,
    title: str,
    subtitle: str,
    old_title: str,
    new_title: str,
    adjustments_title: str,
    adjustments: Sequence[str] = (),
) -> bytes:
    """A Word document: a two-column table (old | new) by section with the marks, then the adjustments
    the new version declares (one paragraph each, already worded with their verdict)."""
    doc = _document(title, subtitle)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = old_title, new_title
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].font.bold = True
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            merged = table.add_row().cells
            merged[0].merge(merged[1])
            merged[0].text = section
            merged[0].paragraphs[0].runs[0].font.bold = True
        old_cell, new_cell = table.add_row().cells
        if row.status == "changed" and row.ops:
            _marked(old_cell, row.ops, side="old")
            _marked(new_cell, row.ops, side="new")
            continue
        if row.status == "removed":
            _marked(old_cell, [("delete", row.old or "")], side="old")
        else:
            _plain(old_cell, row.old)
        if row.status == "added":
            _marked(new_cell, [("insert", row.new or "")], side="new")
        else:
            _plain(new_cell, row.new)
    if adjustments:
        doc.add_heading(adjustments_title, level=2)
        for line in adjustments:
            doc.add_paragraph(line, style="List Bullet")
    return _bytes(doc)


def record_docx(items: Sequence[RecordItem], *, title: str, subtitle: str) -> bytes:
    """The record in force on a date: its items under a heading per section."""
    doc = _document(title, subtitle)
    section = None
    for item in items:
        if item.section != section:
            section = item.section
            doc.add_heading(section, level=2)
        doc.add_paragraph(f"{item.label} {item.text}".strip())
    return _bytes(doc)


_MARKDOWN = re.compile(r"[!-/:-@\[-`{-~]")


def markdown_text(text: str) -> str:
    """Notice text for a Markdown file: every ASCII punctuation mark escaped, so it reads as written."""
    return _MARKDOWN.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))


def record_markdown(items: Sequence[RecordItem], *, title: str, subtitle: str) -> str:
    lines = [f"# {markdown_text(title)}", "", markdown_text(subtitle), ""]
    section = None
    for item in items:
        if item.section != section:
            section = item.section
            lines += ["", f"## {markdown_text(section)}", ""]
        label = f"{markdown_text(item.label)} " if item.label else ""
        lines.append(f"- {label}{markdown_text(item.text)}")
    return "\n".join(lines).strip() + "\n"
