"""Parse reform notices (三定 regulations, unit-function notices, amendments) into records.

Pure: text or bytes in, a validated `ParsedNotice` out; no I/O. A text that is not a reform
notice raises `yange.errors.NoticeRejected` with a stable reason code.
"""

from __future__ import annotations

import re

from models import AgencyRecord, Notice, NoticeKind, ParsedNotice, QualityReport
from yange.errors import NoticeRejected
from yange.parse import functions, items
from yange.parse.amendment import parse_amendment_body
from yange.parse.anchors import finditer_at
from yange.parse.decode import bytes_to_text
from yange.parse.functions import parse_functions, unit_heading_count
from yange.parse.identity import notice_id
from yange.parse.items import heading_matches
from yange.parse.metadata import read_metadata
from yange.parse.normalise import normalise
from yange.parse.sanding import parse_sanding, parse_sanding_many, regulation_blocks
from yange.parse.screen import lookalike, what_page
from yange.parse.vocab import agencies, genre, markers, metadata, numerals

__all__ = ["detect_kind", "normalise", "parse_bytes", "parse_notice"]

MAX_BYTES = 20 * 1024 * 1024
_TERMINAL = tuple("。！？”）」》;；.")
# Notice content that may follow the last numbered item: staffing and other sections' wording.
_TAIL_CONTENT = re.compile(r"编制|职数|名|其他事项|附则|规定")
# …主要职责是： in a sentence, or an article labelled 第三条 主要职责 (the 2018-on form). 第 before its
# line-start check, so that the pattern opens with characters (numerals.after_boundary).
_DUTY_LIST = re.compile(
    rf"主要(?:职责|职能)(?:是|为|包括|如下)|第(?<=^第)[{numerals.CN_DIGITS}]{{1,4}}条\s*主要(?:职责|职能)",
    re.MULTILINE,
)


def _structural_sections(text: str) -> bool:
    """True when the text has a regulation's own numbered sections (二、主要职责, 三、内设机构), not
    just those words in a title."""
    sections = {markers.SECTION_HEADINGS.get(m.group(2)) for m in heading_matches(text)}
    sections -= {None, "preamble"}
    return len(sections) >= 2 and bool(sections & {"units", "staffing", "adjustments"})


def detect_kind(text: str) -> NoticeKind:
    """'amendment' for an interpretation of agencies' 三定 clauses, and when the title (or a reply's
    请示收悉…同意…) says the notice adjusts agencies and the text restates no 主要职责 / 内设机构 sections (a full 三定 whose adjustments say 划入 stays 'sanding');
    'functions' for notices of X主要职能 / X主要职责 unit headings (one such heading is enough when
    no 主要职责是： list says the text is one agency's regulation); else 'sanding'."""
    head = text[:3000]
    structural = _structural_sections(text)
    if genre.INTERPRETATION_TITLE.search(head[:300]):
        return "amendment"
    # the duty list is looked for only where the answer turns on it (a scan of the whole text)
    if (
        (_amendment_title(head) or genre.AMENDMENT_REPLY.search(head))
        and not (structural or _DUTY_LIST.search(text))
        and not agencies.REGULATION_SUFFIX.search(head)
    ):
        return "amendment"
    if not structural:
        units = unit_heading_count(text)
        if units >= 2 or (units and not _DUTY_LIST.search(text)):
            return "functions"
    return "sanding"


def _amendment_title(head: str) -> bool:
    """An amendment title standing as a title, not cited in 《》 (a news item reporting one)."""
    for m in finditer_at(genre.AMENDMENT_TITLE, head, genre.AMENDMENT_TITLE_ANCHORS):
        cited = m.start() > 0 and head[m.start() - 1] in "《〈"
        if not cited and not head.startswith(("》", "〉"), m.end()):
            return True
    return False


def _ends_mid_sentence(text: str) -> bool:
    tail = text.rstrip()
    if not tail:
        return False
    last_line = tail.rsplit("\n", 1)[-1]
    if numerals.CN_DATE.search(last_line) or numerals.ARABIC_DATE.search(last_line):
        return False  # a signature date ends a notice without a full stop
    return not tail.endswith(_TERMINAL)


def _without_furniture(text: str) -> str:
    """The text without trailing page furniture lines (下一篇：…, 打印 关闭, 版权所有…); the first line
    stays. Read from the end: only the last lines are looked at."""
    text = text.rstrip()
    cut = text.rfind("\n")
    while cut >= 0 and metadata.PAGE_FURNITURE_LINE.match(text[cut + 1 :].strip()):
        text = text[:cut]
        cut = text.rfind("\n")
    return text


def _last_item(records: list[AgencyRecord]) -> tuple[int, str] | None:
    """(end offset, text) of the item that ends last in the text."""
    last: tuple[int, str] | None = None
    for r in records:
        spans = [(x.span[1], x.text) for x in (*r.adjustments, *r.duties, *r.other_matters)]
        spans += [(d.span[1], d.text) for duty in r.duties for d in duty.items]
        spans += [(u.span[1], u.duties or u.name) for u in r.units]
        for end, text in spans:
            if last is None or end > last[0]:
                last = (end, text)
    return last


def _looks_truncated(text: str, records: list[AgencyRecord], kind: NoticeKind) -> bool:
    """A page cut short: its last item stops mid-sentence, or the text after the last item (a
    staffing passage, say) does. Page furniture after a complete notice (a footer line with no full
    stop) does not count."""
    text = _without_furniture(text)
    last = _last_item(records) if kind != "amendment" else None
    if last is None:
        return _ends_mid_sentence(text)
    end, item_text = last
    if not item_text.rstrip().endswith(_TERMINAL):
        return True
    tail = text[end:]
    return bool(_TAIL_CONTENT.search(tail)) and _ends_mid_sentence(tail)


def _no_notice(detail: str, text: str) -> str:
    """The reason a text holds no notice, naming the kind of page it is when it says."""
    page = what_page(text)
    return f"{page}: {detail}" if page else detail


def _records(norm: str, kind: NoticeKind, title: str) -> tuple[list[AgencyRecord], QualityReport]:
    """The genre parser's records. A genre parser rejects what is not its genre itself; any other
    exception is a bug of ours, reported as `parser_error` so that it is never taken for a verdict."""
    try:
        if kind == "amendment":
            return parse_amendment_body(norm)
        if kind == "functions":
            return parse_functions(norm)
        blocks = regulation_blocks(norm)
        if blocks:  # one notice issuing the regulations of several agencies
            return parse_sanding_many(norm, blocks)
        record, quality = parse_sanding(norm, title)
        return [record], quality
    except NoticeRejected as exc:
        raise NoticeRejected(exc.reason_code, _no_notice(exc.detail, norm)) from None
    except Exception as exc:
        raise NoticeRejected("parser_error", f"{type(exc).__name__}: {exc}"[:300]) from exc


def parse_notice(text: str, *, source: str = "") -> ParsedNotice:
    """Parse one notice's text. Raises NoticeRejected('empty'|'not_a_notice'|'parser_error', detail)."""
    items.forget_texts()
    functions.forget_texts()
    norm = normalise(text)
    if not norm.strip():
        raise NoticeRejected("empty", "no text")
    if (why := lookalike(norm)) is not None:
        raise NoticeRejected("not_a_notice", why)
    if not (
        genre.SANDING_CUE.search(norm)
        or genre.FUNCTIONS_CUE.search(norm)
        or genre.AMENDMENT_TITLE.search(norm)
    ):
        raise NoticeRejected(
            "not_a_notice", _no_notice("no 三定/职能/职责调整 wording: not a reform notice", norm)
        )
    kind = detect_kind(norm)
    meta = read_metadata(norm)
    records, quality = _records(norm, kind, meta.title or "")
    if not any(r.duties or r.units or r.adjustments or r.staffing or r.effects for r in records):
        raise NoticeRejected(
            "not_a_notice", _no_notice("no duties, units, adjustments or staffing found", norm)
        )

    title = meta.title or (records[0].agency if records else "") or "未命名通知"
    if _looks_truncated(norm, records, kind):
        quality.truncated = True
        quality.warnings.append("text looks truncated: it stops mid-sentence")
    notice = Notice(
        notice_id=notice_id(norm),
        title=title,
        doc_number=meta.doc_number,
        issuer=meta.issuer,
        published_on=meta.published_on,
        source=source,
        kind=kind,
    )
    return ParsedNotice(notice=notice, records=records, quality=quality, text=norm)


def parse_bytes(data: bytes, *, source: str = "", max_bytes: int = MAX_BYTES) -> ParsedNotice:
    """Parse a file's bytes: size cap, decoding, HTML stripping, then parse_notice."""
    return parse_notice(bytes_to_text(data, max_bytes=max_bytes), source=source)
