"""Character-level inline diff for the side-by-side view of a reworded item."""

from __future__ import annotations

from rapidfuzz.distance import Indel

# An unchanged run this short between two edits is folded into them: Chinese wording changes are
# whole words, and a lone shared character (的, 和) splitting an edit only makes it harder to read.
SHORT_EQUAL = 1


def _raw_ops(old: str, new: str) -> list[tuple[str, str]]:
    ops: list[tuple[str, str]] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            ops.append(("equal", old[op.src_start : op.src_end]))
        else:
            if op.src_end > op.src_start:
                ops.append(("delete", old[op.src_start : op.src_end]))
            if op.dest_end > op.dest_start:
                ops.append(("insert", new[op.dest_start : op.dest_end]))
    return ops


def _merge(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join neighbouring ops of one kind and put each edit's deletion before its insertion."""
    out: list[tuple[str, str]] = []
    pending = {"delete": "", "insert": ""}
    for tag, text in ops:
        if tag == "equal":
            out.extend((k, pending[k]) for k in ("delete", "insert") if pending[k])
            pending = {"delete": "", "insert": ""}
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + text)
            else:
                out.append(("equal", text))
        else:
            pending[tag] += text
    out.extend((k, pending[k]) for k in ("delete", "insert") if pending[k])
    return out


def inline_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Edit operations turning `old` into `new`, as `(op, text)` with op in equal/delete/insert.

    Joining the equal and delete texts gives `old`; joining the equal and insert texts gives `new`.
    """
    ops = _merge(_raw_ops(old, new))
    folded: list[tuple[str, str]] = []
    for k, (tag, text) in enumerate(ops):
        edits_around = 0 < k < len(ops) - 1 and ops[k - 1][0] != "equal" and ops[k + 1][0] != "equal"
        if tag == "equal" and len(text) <= SHORT_EQUAL and edits_around:
            folded.extend([("delete", text), ("insert", text)])
        else:
            folded.append((tag, text))
    return _merge(folded)
