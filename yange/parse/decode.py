"""Bytes to text: size cap, encodings (UTF-8, BOMs, UTF-16, GB18030), HTML stripped to its text."""

from __future__ import annotations

import codecs
import html as html_lib
import re

from yange.errors import NoticeRejected
from yange.parse.html_depth import nesting_depth

# Markup that is never notice text. nav/header/footer/aside carry site menus and page furniture.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "svg",
    "head",
)
# Elements after which the text breaks a line, so items and headings keep their own lines.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "section",
        "article",
        "title",
        "td",
        "th",
        "dd",
        "dt",
        "blockquote",
        "pre",
        "ul",
        "ol",
    ]
)
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|body|div|p|table|span|br|meta|head)\b", re.IGNORECASE)
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
_DROP_OPEN = re.compile(r"<(script|style|noscript|template|iframe|svg|head|nav|header|footer|aside)\b")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
# Lexbor builds trees fast, but its cost grows with the square of the nesting: 160,000 nested <div>
# took 83 s. Deeper pages (by yange.parse.html_depth's HTML5 estimate) are stripped flat instead.
MAX_TREE_DEPTH = 2000


def decode(data: bytes) -> str:
    """Decode by BOM, then strict UTF-8, then GB18030 (a superset of GBK/GB2312), then
    charset-normalizer's best guess. Raises NoticeRejected('binary'|'encoding')."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NoticeRejected("encoding", f"bad UTF-16: {exc.reason}") from None
    if b"\x00" in data[:4096]:
        text = _bomless_utf16(data)
        if text is None:
            raise NoticeRejected("binary", "NUL bytes: not a text file")
        return text
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _TEXT_CONTROL.search(text[:4096]):
            break
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise NoticeRejected("encoding", "no text encoding fits these bytes")
    return data.decode(best.encoding, errors="replace")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM has NUL bytes too; accept it only when it decodes to text that is
    nearly all ideographs, letters, punctuation and line breaks."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:2000]
        readable = sum(1 for ch in sample if ch.isprintable() or ch in "\r\n\t")
        if sample and readable >= 0.98 * len(sample) and _TEXT_CONTROL.search(sample) is None:
            return text
    return None


def looks_like_html(text: str) -> bool:
    return _HTML_SNIFF.search(text[:4096].encode("utf-8", "ignore")) is not None


def _strip_tags_flat(html: str) -> str:
    """Linear fallback for markup nested too deep for a tree parser: drop the contents of
    script/style-like elements, turn block tags into line breaks and other tags into nothing."""
    out: list[str] = []
    pos = 0
    lower = html.lower()
    while True:
        m = _DROP_OPEN.search(lower, pos)
        end = len(html) if m is None else m.start()
        out.append(html[pos:end])
        if m is None:
            break
        close = lower.find(f"</{m.group(1)}", m.end())
        if close < 0:
            break
        pos = lower.find(">", close)
        pos = len(html) if pos < 0 else pos + 1
    text = "".join(out)
    text = _COMMENT.sub("", text)
    text = _TAG.sub(lambda t: "\n" if t.group(2).lower() in BLOCK_TAGS else "", text)
    return html_lib.unescape(text)


def html_to_text(html: str) -> str:
    """The visible text of a page: scripts, styles and navigation dropped, block elements on their
    own lines. Uses lexbor (selectolax); markup nested deeper than MAX_TREE_DEPTH (which makes
    tree building slow) goes through a flat, linear tag stripper instead."""
    from selectolax.lexbor import LexborHTMLParser

    if nesting_depth(html, limit=MAX_TREE_DEPTH) > MAX_TREE_DEPTH:
        return _strip_tags_flat(html)

    tree = LexborHTMLParser(html)
    title = tree.css_first("title")
    page_title = title.text(strip=True) if title is not None else ""
    tree.strip_tags(list(DROP_TAGS))
    root = tree.body or tree.root
    if root is None:
        return page_title
    parts: list[str] = [page_title, "\n"] if page_title else []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in BLOCK_TAGS:
            parts.append("\n")
    return "".join(parts)


def bytes_to_text(data: bytes, *, max_bytes: int) -> str:
    """Everything parse_bytes needs before parse_notice. Raises NoticeRejected."""
    if len(data) > max_bytes:
        raise NoticeRejected("too_large", f"{len(data)} bytes is over the {max_bytes} byte limit")
    if not data.strip():
        raise NoticeRejected("empty", "the file is empty")
    text = decode(data)
    if "\x00" in text or _TEXT_CONTROL.search(text[:4096]) and len(_TEXT_CONTROL.findall(text[:4096])) > 8:
        raise NoticeRejected("binary", "control characters: not a text file")
    if looks_like_html(text):
        text = html_to_text(text)
    return text
