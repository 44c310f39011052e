"""Text from the outside world (file names, titles, reasons) made safe to store and to print.

A file name need not be UTF-8 (Python hands it over with lone surrogates, which DuckDB refuses),
and a name or title may hold control characters: a newline forges an extra line of a summary, an
escape sequence recolours or rewrites the terminal. `printable` keeps every other character and
spells those out (\\n, \\x1b, \\xff), so the same string is stored, shown and printed.
"""

from __future__ import annotations

import unicodedata

# Controls, format characters (bidirectional overrides reorder what a reader sees) and the line and
# paragraph separators (a line break to some displays).
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def printable(text: str) -> str:
    """`text` with control characters and undecodable bytes written as escapes."""
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif char in "\n\r\t":
            out.append(char.encode("unicode_escape").decode("ascii"))
        elif unicodedata.category(char) in UNSAFE_CATEGORIES:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
