"""The agency page's downloads: its comparison and record in force, in the reader's language, as the
plain records yange.export turns into Word and Markdown."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from dashboard import vocab
from dashboard.data import Comparison
from yange.export import CompareRow, RecordItem, comparison_docx, record_docx, record_markdown

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def file_name(name: str, day: dt.date | None, *, suffix: str, prefix: str = "") -> str:
    """A download's file name from an agency name and a date, without path or control characters."""
    parts = [p for p in (prefix, name, day.isoformat() if day else "") if p]
    return _UNSAFE.sub("_", "-".join(parts))[:120] + f".{suffix}"


def _items(record: pd.DataFrame, lang: vocab.Lang) -> list[RecordItem]:
    items = []
    for row in record.itertuples():
        label = row.unit_name if isinstance(row.unit_name, str) and row.section == "unit" else ""
        if not label and pd.notna(row.ordinal):
            label = f"{int(row.ordinal)}."
        kind = (
            f"【{vocab.code(vocab.ADJUSTMENT_KINDS, row.kind, lang)}】" if row.section == "adjustment" else ""
        )
        items.append(RecordItem(vocab.code(vocab.SECTIONS, row.section, lang), label, kind + str(row.text)))
    return items


def record_word(record: pd.DataFrame, *, title: str, lang: vocab.Lang) -> bytes:
    return record_docx(_items(record, lang), title=title, subtitle=vocab.text("agency.in_force", lang))


def record_md(record: pd.DataFrame, *, title: str, lang: vocab.Lang) -> bytes:
    text = record_markdown(_items(record, lang), title=title, subtitle=vocab.text("agency.in_force", lang))
    return text.encode("utf-8")


def comparison_word(
    cmp: Comparison, *, title: str, old_title: str, new_title: str, lang: vocab.Lang
) -> bytes:
    """The 新旧对照 with every row (unchanged ones too) and the declared adjustments with their verdict."""
    rows = [
        CompareRow(
            section=vocab.code(vocab.SECTIONS, row.section, lang),
            status=row.status,
            old=row.old.text if row.old else None,
            new=row.new.text if row.new else None,
            ops=ops,
        )
        for row, ops in zip(cmp.rows, cmp.ops, strict=True)
    ]
    verdicts = {False: "agency.flagged", None: "agency.first"}
    adjustments = [
        f"【{vocab.code(vocab.ADJUSTMENT_KINDS, rec.kind, lang)}】{rec.text}"
        + (f" — {vocab.text(verdicts[rec.reconciled], lang)}" if rec.reconciled in verdicts else " ✓")
        for rec in cmp.reconciliations
    ]
    return comparison_docx(
        rows,
        title=title,
        subtitle=f"{old_title} → {new_title}",
        old_title=old_title,
        new_title=new_title,
        adjustments_title=vocab.text("agency.declared", lang),
        adjustments=adjustments,
    )
