"""Normalisation: named pure `str -> str` steps that remove what varies between sources.

Spans in every parsed record point into the output of `normalise`, so the steps run once, in a fixed
order, before anything else looks at the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

import opencc

from yange.parse.vocab import markers, metadata

# Chinese punctuation that must survive width folding (NFKC would turn （ into ( and ： into :).
_KEEP = set("，。、；：！？（）【】〔〕《》〈〉“”‘’～")
_WIDTH_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP}
_WIDTH_TABLE.update(dict.fromkeys((12288, 160, 8194, 8195, 8201, 8239, 8287), " "))
_WIDTH_TABLE.update(dict.fromkeys((65279, 8203, 8204, 8205, 8288), ""))
_WIDTH_TABLE.update({0x2028: "\n", 0x2029: "\n", 0x0D: "\n", 0x0B: " ", 0x0C: "\n"})
# Parenthesised ideographs ㈠…㈩ (U+3220..3229) and circled numbers ①… read as numbered items.
_WIDTH_TABLE.update({0x3220 + i: f"（{n}）" for i, n in enumerate("一二三四五六七八九十")})
_WIDTH_TABLE.update({0x2460 + i: f"{i + 1}." for i in range(20)})
# Parenthesised numbers ⑴…⒇ read as （1）….
_WIDTH_TABLE.update({0x2474 + i: f"（{i + 1}）" for i in range(20)})
_WIDTH_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_WIDTH_TABLE)) + "]")

_ASCII_PARENS = re.compile(r"\(([^()\n]{0,80})\)")
# An ordinal in mismatched brackets, as scraped pages have them: （一) / (一） / (1）.
_MIXED_ORDINAL = re.compile(
    r"（([零〇一二三四五六七八九十百]{1,4}|\d{1,2})\)|\(([零〇一二三四五六七八九十百]{1,4}|\d{1,2})）"
)
_CJK = re.compile(r"[\u4e00-\u9fff〇○]")
# The bracket is found first and the ideograph before it checked in code, which keeps this fast
# (a leading [\u4e00-\u9fff]{1,10} or a lookbehind would be tried at every character).
# Brackets seen around the year: 〔〕 ［］ [] 【】 () （） and the small ﹝﹞ and 〖〗 of some pages; 第 before the
# number (〔2019〕第12号) is dropped with them.
_DOC_BRACKETS = re.compile(r"[〔［\[【(（﹝〖]\s*(\d{4})\s*[〕］\]】)）﹞〗]\s*第?\s*(\d{1,4})\s*号")
_CN_YEAR = re.compile(r"[零〇○◯OoＯ0一二三四五六七八九]{4}")
_CN_DIGIT = re.compile(r"[一二三四五六七八九]")
_ZERO_TABLE = str.maketrans(dict.fromkeys("零○◯OoＯ0", "〇"))
_SPACES = re.compile(r" +")
# A run of spaces after or before Chinese punctuation (or a line break), taken whole. It opens with a
# space, so a scan stops only at spaces, and only at a run's first one ((?<!  )): linear in the run.
_SPACES_NEAR_PUNCT = re.compile(
    r" (?<!  )(?: *+(?=[，。、；：！？（）【】〔〕《》〈〉“”\n])|(?<=[，。、；：！？（）【】〔〕《》〈〉“”\n] ) *)"
)

_PUNCT = frozenset("，。、；：！？（）【】〔〕《》〈〉“”\n")
_MARKER_START = re.compile(
    r"^(?:（[零〇一二三四五六七八九十百]{1,4}）|[零〇一二三四五六七八九十百]{1,3}、|第[零〇一二三四五六七八九十百]{1,4}条"
    r"|\d{1,2}[.．、](?!\d)|【|附\s*件)"
)
_DATE_LINE = re.compile(r"^[^。；]{0,30}[零〇一二三四五六七八九十\d]{4}年[^。；]{1,8}日$")
_TITLE_END = re.compile(r"的(?:通知|决定|批复)$")
_TITLE_WORDS = re.compile(r"的(?:通知|决定|批复)")
_MAX_TITLE = 120
# Running text has sentence punctuation; titles, headings, signatures and page furniture do not.
_RUNNING_PUNCT = re.compile(r"[，。；]")
# A hard-wrapped line (text copied from a PDF or a fixed-width page) stops mid-sentence: not after
# a sentence end, a colon or a closing bracket, and not at the end of a title or heading.
_CLOSED_END = tuple("。；：:！？）)》〉”」】")
_TITLE_TAIL = re.compile(r"(?:规定|通知|决定|批复|方案|办法|意见|解释|职能|职责|牌子|目录|附件)$")
_OPENERS = (("《", "》"), ("（", "）"), ("〈", "〉"), ("“", "”"))
# Shorter lines are headings, names and signatures rather than wrapped running text.
_MIN_WRAPPED = 16


def _date_line(line: str) -> bool:
    """Whether a line (no line break in it) is a date line; the literal test first, as most lines
    do not end with 日 and the pattern is slow to fail."""
    return line.endswith("日") and _DATE_LINE.match(line) is not None


def unify_newlines(text: str) -> str:
    """One line break character, so later steps can reason about lines."""
    return text.replace("\r\n", "\n")


# Characters that differ between the scripts and that any notice of the genre uses (職責, 機構, 編制, 內設,
# 辦公廳, 關於…): a text with none of them is simplified already and skips the conversion.
_TRADITIONAL_HINT = re.compile(
    "[職責機構編內設關於為與辦廳務門處會議導條發區縣實產專資營衛經濟財農規劃組織負調劑]"
)
# Wording that a Taiwan-usage conversion left in a mainland notice (a mirror site converted it to
# traditional with phrase tables): read back as the mainland wording.
_CONVERSION_ARTEFACTS = re.compile("最佳化")
_MAINLAND_WORDING = {"最佳化": "优化"}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    """OpenCC's traditional-to-simplified converter, loaded once per process (about 15 ms)."""
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters to simplified (OpenCC t2s), as mirror and encyclopedia sites copy
    mainland notices in traditional script; simplified leftovers stay as they are."""
    if _TRADITIONAL_HINT.search(text) is None:
        return text
    text = _t2s().convert(text)
    return _CONVERSION_ARTEFACTS.sub(lambda m: _MAINLAND_WORDING[m.group()], text)


def fold_width(text: str) -> str:
    """Full-width letters, digits and symbols to ASCII, odd spaces to plain ones; Chinese
    punctuation (，。：；（）…) is kept as it is, unlike plain NFKC."""
    # a regex scan finds the few characters to fold far faster than str.translate visits them all
    return _WIDTH_CHARS.sub(lambda m: _WIDTH_TABLE[ord(m.group())], text)


def fullwidth_parens(text: str) -> str:
    """ASCII brackets around Chinese text (or a Chinese ordinal) become （…）, so (一) reads （一）; an
    ordinal in mismatched brackets (（一) or (一）) too."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1)
        return f"（{inner}）" if _CJK.search(inner) else m.group(0)

    text = _ASCII_PARENS.sub(repl, text)
    if "(" in text or ")" in text:
        text = _MIXED_ORDINAL.sub(lambda m: f"（{m.group(1) or m.group(2)}）", text)
    return text


# ASCII , ; : ? ! next to an ideograph, as pages typed with a Western keyboard have them: read as the
# Chinese marks, so clause and list splitting sees one kind (09:55 and http:// keep theirs).
_ASCII_PUNCT = re.compile(r"[,;:?!]")
_CHINESE_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_BEFORE = re.compile(r"[\u4e00-\u9fff）》”]")
_AFTER = re.compile(r"[\u4e00-\u9fff（《“]")


def chinese_punctuation(text: str) -> str:
    """ASCII commas, semicolons, colons and marks next to Chinese text become the Chinese ones."""
    if not any(mark in text for mark in _CHINESE_PUNCT):  # literal searches: most texts have none
        return text
    out: list[str] = []
    pos = 0
    for m in _ASCII_PUNCT.finditer(text):
        i = m.start()
        if (i > 0 and _BEFORE.match(text, i - 1)) or _AFTER.match(text, i + 1):
            out.append(text[pos:i])
            out.append(_CHINESE_PUNCT[m.group()])
            pos = i + 1
    out.append(text[pos:])
    return "".join(out)


def doc_number_brackets(text: str) -> str:
    """〔〕［］[]【】()﹝﹞〖〗 around a document number's year all become 〔〕: 商办发［2003］9号 -> 商办发〔2003〕9号."""
    out: list[str] = []
    pos = 0
    for m in _DOC_BRACKETS.finditer(text):
        before = m.start()
        while before > pos and text[before - 1] in " \t":
            before -= 1
        if before == 0 or not ("\u4e00" <= text[before - 1] <= "\u9fff"):
            continue  # no issuer's abbreviation in front: not a document number
        out.append(text[pos:before])
        out.append(f"〔{m.group(1)}〕{m.group(2)}号")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def date_zeros(text: str) -> str:
    """○, O and 0 written for 〇 in Chinese-numeral years (二○一○年) all become 〇."""
    out: list[str] = []
    pos = 0
    i = text.find("年", 4)
    while i >= 0:
        year = text[i - 4 : i]
        if i - 4 >= pos and _CN_YEAR.fullmatch(year) and _CN_DIGIT.search(year):
            out.append(text[pos : i - 4])
            out.append(year.translate(_ZERO_TABLE))
            pos = i
        i = text.find("年", i + 1)
    out.append(text[pos:])
    return "".join(out)


def squeeze_spaces(text: str) -> str:
    """Strip each line, collapse runs of spaces, drop spaces next to Chinese punctuation and blank lines."""

    # literal searches: a character-class regex would visit every character of the notice
    text = text.replace("\t", " ")
    if " " in text:
        # two passes without a Python call per run: runs next to punctuation go, the others become one
        text = _SPACES.sub(" ", _SPACES_NEAR_PUNCT.sub("", text))
    return "\n".join(stripped for line in text.split("\n") if (stripped := line.strip(" ")))


def join_broken_lines(text: str) -> str:
    """Re-join an item that a page broke over two lines: a line that opens with no item marker,
    is not a date line, and reads as running text (has ，。；) continues a running-text line before it
    (one that does not end with a colon). A title split as 关于印发…厅 / …规定的通知 is re-joined too."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    # what the rules ask of each line is found once per line
    furniture, punct, marker_start = (
        metadata.SITE_FURNITURE_LINE.match,
        _RUNNING_PUNCT.search,
        _MARKER_START.match,
    )
    out: list[str] = []
    # the output line being built, in local names (no object per line): its physical lines, their
    # length, whether any reads as running text, whether it is a site's furniture line (索引号：…, never
    # part of the running text after it), and its openers minus closers per bracket kind, counted the
    # first time a rule asks (most lines never) and kept up to date after, so that joining stays linear
    # however many lines a page runs together
    parts = [lines[0]]
    length = len(lines[0])
    prev_running = punct(lines[0]) is not None
    prev_furniture = furniture(lines[0]) is not None
    balance: list[int] | None = None
    for line in lines[1:]:
        is_furniture = furniture(line) is not None
        running = punct(line) is not None
        if not (prev_furniture or is_furniture):
            marker = marker_start(line) is not None
            last = parts[-1]
            tail = last if len(last) >= _TAIL or len(parts) == 1 else "".join(parts[-3:])[-_TAIL:]
            # cheapest tests first; each is pure, so the order changes no outcome
            continues = (
                running
                and prev_running
                and not marker
                and not tail.endswith(("：", ":"))
                and not _date_line(line)
            )
            if not continues and not running and not marker and length + len(line) <= _MAX_TITLE:
                # a title broken over two lines: 关于印发…厅 / 主要职责…规定的通知
                whole = "".join(parts)
                continues = (
                    "关于" in whole
                    and "。" not in whole
                    and not _TITLE_WORDS.search(whole)
                    and _TITLE_END.search(whole + line) is not None
                )
            if not continues:
                wrapped = _hard_wrapped(length, prev_running, parts[0], tail, line, marker, running)
                if wrapped is None:  # it turns on whether a bracket is still open
                    if balance is None:
                        whole = "".join(parts)
                        balance = [whole.count(o) - whole.count(c) for o, c in _OPENERS]
                    wrapped = any(b > 0 for b in balance)
                continues = wrapped or _cut_heading(parts, line)
            if continues:
                parts.append(line)
                length += len(line)
                prev_running = prev_running or running
                if balance is not None:
                    balance = [
                        b + line.count(o) - line.count(c) for b, (o, c) in zip(balance, _OPENERS, strict=True)
                    ]
                continue
        out.append("".join(parts))
        parts = [line]
        length = len(line)
        prev_running = running
        prev_furniture = is_furniture
        balance = None
    out.append("".join(parts))
    return "\n".join(out)


# How much of the line being built the joining rules look at (its last characters).
_TAIL = 12
# A heading that a page break cut in two (二、主要 / 职责): the number and the start of a heading word.
_HEADING_START = re.compile(r"^[零〇一二三四五六七八九十]{1,2}、\s*[\u4e00-\u9fff]{1,6}$")


def _cut_heading(parts: list[str], line: str) -> bool:
    """Whether `line` completes a section heading that the line being built, of physical lines
    `parts`, began (二、主要 + 职责 = 二、主要职责)."""
    if len(parts) > 1 or len(line) > 12 or not _HEADING_START.match(parts[0]):
        return False
    whole = parts[0] + line
    m = markers.HEADING.match(whole)
    return m is not None and m.end(2) >= len(parts[0]) + 1 and len(whole.strip()) == m.end(2)


def _hard_wrapped(
    length: int, prev_running: bool, first: str, tail: str, line: str, marker: bool, running: bool
) -> bool | None:
    """Whether `line` (opening with an item `marker`, `running` text) continues the line being built
    (`length` long, running text or not, opening with physical line `first`, ending with `tail`) that
    a hard wrap cut mid-sentence: that line is long, reads as running text (an item, a sentence, or an
    open bracket) and does not end like a sentence, title or heading; `line` is no item, no date, and
    reads as running text itself. None when only an open bracket would make it so (the caller counts
    brackets)."""
    if marker or not (running or line.endswith(_CLOSED_END)):
        return False
    if length < _MIN_WRAPPED or tail.endswith(_CLOSED_END) or _TITLE_TAIL.search(tail):
        return False
    if _date_line(line):
        return False
    return True if (prev_running or _MARKER_START.match(first) or length >= 20) else None


# Fixed-width wrapping (text copied from a PDF or a terminal): at least this many lines, this share of
# the lines of at least _WRAP_MIN_WIDTH at the wrap width (at least _WRAP_MIN_FULL of them), and most
# of those ending mid-sentence.
_WRAP_MIN_LINES = 8
_WRAP_MIN_WIDTH = 12
_WRAP_SHARE = 0.2
_WRAP_MIN_FULL = 4
_SENTENCE_END = tuple("。；：:！？")


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at, or None when it was not: many lines reach that width
    (give or take one, as half-width digits wrap unevenly) and most of them stop mid-sentence."""
    if len(lines) < _WRAP_MIN_LINES:
        return None
    counts = Counter(len(line) for line in lines if len(line) >= _WRAP_MIN_WIDTH)
    if not counts:
        return None
    # the wrap width is the longest length that many lines reach; hardly any line may exceed it
    long_lines = sum(counts.values())
    width = next(
        (w for w in sorted(counts, reverse=True) if counts[w] + counts.get(w - 1, 0) >= _WRAP_MIN_FULL), None
    )
    if width is None or sum(n for w, n in counts.items() if w > width) > 0.1 * long_lines:
        return None
    full = [line for line in lines if width - 1 <= len(line) <= width]
    if len(full) < _WRAP_SHARE * long_lines:
        return None
    open_ended = sum(1 for line in full if not line.endswith(_SENTENCE_END))
    return width if open_ended >= 0.6 * len(full) else None


def unwrap_fixed_width(text: str) -> str:
    """Re-join a text hard-wrapped at a fixed width: a line that reaches the wrap width and does not
    end a sentence continues on the next line, unless that line opens an item, a heading or a date."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    # each output line as a list of physical lines, joined once at the end (no quadratic concatenation)
    out: list[list[str]] = [[lines[0]]]
    for line in lines[1:]:
        last = out[-1][-1]  # the last physical line decides whether the next one continues it
        if (
            len(last) >= width - 1
            and not last.endswith(_SENTENCE_END)
            and line
            and not _MARKER_START.match(line)
            and not _date_line(line)
        ):
            out[-1].append(line)
        else:
            out.append([line])
    return "\n".join("".join(parts) for parts in out)


STEPS: dict[str, Callable[[str], str]] = {
    "unify_newlines": unify_newlines,
    "to_simplified": to_simplified,
    "fold_width": fold_width,
    "fullwidth_parens": fullwidth_parens,
    "chinese_punctuation": chinese_punctuation,
    "doc_number_brackets": doc_number_brackets,
    "date_zeros": date_zeros,
    "squeeze_spaces": squeeze_spaces,
    "unwrap_fixed_width": unwrap_fixed_width,
    "join_broken_lines": join_broken_lines,
}
DEFAULT_STEPS: tuple[str, ...] = tuple(STEPS)


def normalise(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> str:
    """Run the named steps in order. The result is what every span refers to.

    >>> normalise("商办发［2003］9号　　(一)二○一○年")
    '商办发〔2003〕9号（一）二〇一〇年'
    """
    for name in steps:
        try:
            step = STEPS[name]
        except KeyError:
            raise ValueError(f"unknown normalise step {name!r}; valid steps: {', '.join(STEPS)}") from None
        text = step(text)
    return text
