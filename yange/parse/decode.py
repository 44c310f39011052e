"""Bytes to text: size cap, encodings (UTF-8, BOMs, UTF-16, GB18030), HTML stripped to its text."""

from __future__ import annotations

import codecs
import re

from yange.errors import NoticeRejected

# Markup that is never notice text. nav/header/footer/aside carry site menus and page furniture.
DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "iframe", "svg", "head")
# Elements after which the text breaks a line, so items and headings keep their own lines.
BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "title", "td", "th", "dd", "dt", "blockquote", "pre", "ul", "ol"]
)
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|body|div|p|table|span|br|meta|head)\b", re.IGNORECASE)
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes) -> str:
    """Decode by BOM, then strict UTF-8, then GB18030 (a superset of GBK/GB2312), then
    charset-normalizer's best guess. Raises NoticeRejected('binary'|'encoding')."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NoticeRejected("encoding", f"bad UTF-16: {exc.reason}") from None
    if b"\x00" in data[:4096]:
        raise NoticeRejected("binary", "NUL bytes: not a text file")
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


def looks_like_html(text: str) -> bool:
    return _HTML_SNIFF.search(text[:4096].encode("utf-8", "ignore")) is not None


def html_to_text(html: str) -> str:
    """The visible text of a page: scripts, styles and navigation dropped, block elements on their
    own lines. Uses lexbor (selectolax), which copes with broken and hostile markup in linear time."""
    from selectolax.lexbor import LexborHTMLParser

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
