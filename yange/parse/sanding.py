"""A 三定 regulation of one agency: sections, items, repairs, then one AgencyRecord."""

from __future__ import annotations

import re
from itertools import chain

from models import Adjustment, AgencyRecord, OtherMatter, QualityReport, Unit
from yange.errors import NoticeRejected
from yange.parse.adjust import adjustment_shaped, classify_adjustment, unit_name
from yange.parse.items import Item, cut_at_boundary, duty_of, find_items
from yange.parse.lines import finditer_at_line_starts
from yange.parse.metadata import regulation_titles
from yange.parse.numbers import cn_number
from yange.parse.repair import SECTIONS, repair
from yange.parse.segment import Region, split_sections
from yange.parse.staffing import parse_staffing
from yange.parse.vocab import adjustments, agencies, markers, metadata, units
from yange.parse.vocab import names as names_vocab

_SENTENCE = re.compile(r"[^。]+。?")
_UNIT_START = re.compile(r"[。\n：]")


def repeated_passages(text: str, start: int, end: int) -> int:
    """Runs of sentences that repeat an earlier sentence word for word (a covering letter twice)."""
    seen: set[str] = set()
    runs = 0
    in_run = False
    for m in _SENTENCE.finditer(text, start, end):
        sentence = m.group(0).strip()
        if len(sentence) < 8:
            continue
        if sentence in seen:
            if not in_run:
                runs += 1
            in_run = True
        else:
            seen.add(sentence)
            in_run = False
    return runs


_HEADING_LINES = 6


def _name_line(text: str) -> str | None:
    """The page's heading when it is only a name (揭阳市揭东区工业信息化和科技局), among its first lines."""
    for line in text.split("\n", _HEADING_LINES)[:_HEADING_LINES]:
        line = line.strip()
        if metadata.SITE_FURNITURE_LINE.match(line):
            continue
        if agencies.NAME_LINE.fullmatch(line):
            return line
    return None


def naming_sentences(head: str) -> list[re.Match[str]]:
    """The sentences that establish and name an agency: 设立X, X是县政府工作部门, X（以下简称Y）是…. Each
    pattern is tried only where its key word is (the patterns themselves try every character)."""
    found = [m for m in (agencies.ESTABLISH.search(head),) if m is not None]
    kind = agencies.AGENCY_KIND.search(head)
    if kind and (m := agencies.AGENCY_IS.search(head, max(0, kind.start() - agencies.AGENCY_IS_REACH))):
        found.append(m)
    if agencies.SHORT_FORM_WORD in head and (m := agencies.AGENCY_SHORT_FORM.search(head)):
        found.append(m)
    return found


def agency_name(text: str, head: str, title: str = "") -> str | None:
    """The agency: from the regulation's title (X主要职责内设机构和人员编制规定), in the notice's own
    title first (a page may show a neighbouring notice's title above it); else the first sentence that
    names it (设立X, X是县政府工作部门, X（以下简称Y）是…, X的机构规格为…, X内设15个处室), in full when the
    page's heading line is the full form of the short name there (区X局 under 揭阳市揭东区X局); else that
    heading line; else a government office's duty of drafting the documents issued in its own name."""
    for name, _s, _e in chain(regulation_titles(title), regulation_titles(text, 0, 8000)):
        return name
    found = naming_sentences(head[:5000])
    if (m := agencies.AGENCY_STATED.search(head, 0, 5000)) is not None:
        found.append(m)
    if not found and (m := agencies.AGENCY_STATED.search(text, 0, 8000)) is not None:
        found = [m]  # a page cut at the top: the sentence on its units or staff is all that names it
    sentence = min(found, key=lambda m: m.start()).group(1) if found else None
    heading = _name_line(text)
    if sentence and heading and _core(heading).endswith(_core(sentence)):
        return heading
    return sentence or heading or _office_by_its_duty(text)


def _office_by_its_duty(text: str) -> str | None:
    """市政府办公室 from 起草或审核以市政府、市政府办公室名义发布的公文 (agencies.OFFICE_OWN_DOCUMENTS)."""
    if "名义" not in text:
        return None
    m = agencies.OFFICE_OWN_DOCUMENTS.search(text)
    return m.group(2) if m else None


def unnamed_warning(text: str) -> str:
    """The quality warning of a regulation whose agency the text never names, with the word it uses
    for itself when it has one (厅机关: a 厅, its province unknown)."""
    words = [m.group(0) for m in agencies.SELF_AS_OFFICE.finditer(text)]
    if not words:
        return "agency not named in the text"
    word = max(dict.fromkeys(words), key=words.count)
    return f"agency not named in the text; it speaks of itself only as {word}"


def _core(name: str) -> str:
    """A name as its short forms write it: 区X局 for 揭阳市揭东区X局, 省政府X室 for 浙江省人民政府X室."""
    return name.replace("人民政府", "政府").lstrip(names_vocab.LEVEL_PREFIX_CHARS)


_BRACKETED_NAME = re.compile(r"(.{2,}?)（([^（）]{2,40})）")


def _split_bracketed(agency: str, aliases: list[str]) -> tuple[str, list[str]]:
    """X（Y） in a regulation's title names the agency X and its other name Y (福建省人民政府外事办公室
    （福建省人民政府港澳事务办公室）); Y is added to the aliases unless one of them already holds it."""
    m = _BRACKETED_NAME.fullmatch(agency)
    if m is None:
        return agency, aliases
    name, other = m.group(1), m.group(2)
    if not units.NOT_AN_ALIAS.match(other) and not any(other in a for a in aliases):
        aliases = [other, *aliases]
    return name, aliases


def _other_bodys_bracket(head: str, at: int, agency: str) -> bool:
    """Whether position `at` stands inside a bracket after another body's name: 中卫国家气候观象台（挂沙坡头区
    气象局牌子） is that body's sign, not the agency's. A bracket after the agency or after 设立X is its own."""
    opened = head.rfind("（", 0, at)
    if opened < 0 or head.rfind("）", opened, at) >= 0:
        return False
    before = head[max(0, opened - 40) : opened]
    return (
        bool(agency)
        and not before.endswith((agency, agency.lstrip(names_vocab.LEVEL_PREFIX_CHARS)))
        and "设立" not in before
    )


def aliases_of(head: str, agency: str = "") -> list[str]:
    """The agency's other names: the signs it carries (加挂…牌子) and its outward name (对外称…); not a
    reference word (该机构) nor another body's sign in a bracket after that body's name."""
    out: list[str] = []
    found: list[str] = []
    for m in agencies.ALIAS_SIGN.finditer(head):
        if _other_bodys_bracket(head, m.start(), agency):
            continue
        found.append(m.group(1))
        more = agencies.ALIAS_SIGN_MORE.match(head, m.end())
        while more is not None:
            found.append(more.group(1))
            more = agencies.ALIAS_SIGN_MORE.match(head, more.end())
    found += [m.group(1) for m in agencies.ALIAS_EXTERNAL.finditer(head)]
    for names in found:
        for name in re.split(r"[”“\"「」、]+", names):
            name = name.strip('“”"「」 ')
            if (
                len(name) >= 2
                and name not in out
                and not names_vocab.SELF_REFERENCE.fullmatch(name)
                and name != "该机构"
            ):
                out.append(name)
    return out


def rank_of(head: str) -> str | None:
    m = agencies.RANK.search(head)
    return m.group(1) if m else None


def declared_units(text: str, start: int, end: int) -> int | None:
    m = units.DECLARED_UNITS.search(text, start, end)
    if m is None:
        return None
    return cn_number(m.group(1) or m.group(2) or m.group(3) or m.group(4))


def _span(it: Item) -> tuple[int, int]:
    return (it.start, it.end)


# The longest text a unit name's match can reach the end of: 20 characters and 机关党委, a bracket of 30
# and the character after it (units.UNIT_SHAPE; VERB_NAMED_UNIT is shorter). Past it, a full stop added
# at the end changes no match.
_UNIT_MATCH_REACH = 60


def _unit(it: Item) -> Unit:
    parsed = unit_name(it.text)
    if parsed is None and len(it.text) <= _UNIT_MATCH_REACH:
        parsed = unit_name(it.text + "。")  # a bare name, as a listed unit has
    if (
        parsed is None
        and (fixed := _without_stray_space(it.text)) != it.text
        and (parsed := unit_name(fixed))
    ):
        name, alias, rest = parsed
        parsed = name, alias, rest + len(it.text) - len(fixed)
    if parsed is None:
        # no recognisable name: keep the item, named by its first clause, rather than drop it
        name = re.split(r"[，。；：]", it.text, maxsplit=1)[0][:20]
        return Unit(ordinal=it.ordinal, name=name, alias=None, duties=it.text, span=_span(it))
    name, alias, rest = parsed
    return Unit(ordinal=it.ordinal, name=name, alias=alias, duties=it.text[rest:], span=_span(it))


def _listed_units(text: str, region: Region) -> list[Item]:
    """Units named in one sentence (设办公室、政策法规处等2个内设机构, or 设下列内设机构：办公室、…), each
    a unit without duties."""
    m = units.UNIT_LIST_AFTER_COLON.search(text, region.start, region.end) or units.UNIT_LIST.search(
        text, region.start, region.end
    )
    if m is None:
        return []
    items = []
    pos = m.start(1)
    for name in units.UNIT_LIST_SEPARATOR.split(m.group(1)):
        name = name.strip()
        if not name:
            continue
        start = text.index(name, pos)
        pos = start + len(name)
        if unit_name(name + "。") is not None:
            items.append(Item(None, start, pos, name, "units", start))
    return items


_STRAY_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _without_stray_space(window: str) -> str:
    """A unit's name line with a space an OCR or a line wrap put inside the name (秘书 一处)."""
    line, nl, rest = window.partition("\n")
    return _STRAY_SPACE.sub("", line) + nl + rest if len(line) <= 40 else window


def _named_units(text: str, region: Region) -> list[Item]:
    """Units without numbers, each a sentence opening with its name and a colon or full stop
    (办公室：负责… / 林业股（加挂…牌子）：负责…), as county-level regulations often list them. Pages
    run such lines together, so a unit may also start right after the previous one's 。."""
    starts: list[int] = []
    # a unit may start the section, or follow a sentence, a line, or the colon of 设下列内设机构：
    candidates = [region.start, *(m.end() for m in _UNIT_START.finditer(text, region.start, region.end))]
    for pos in candidates:
        while pos < region.end and text[pos] in " \n":
            pos += 1
        window = text[pos : min(region.end, pos + 80)]
        parsed = unit_name(window) or unit_name(_without_stray_space(window))
        if parsed is not None:
            name, _alias, rest = parsed
            between = window[len(name) : rest] if window.startswith(name) else window[: rest + 1]
            # NAME：负责… / NAME。负责… / a line holding only NAME（ALIAS）, its duties on the next line
            named = any(ch in "：:。" for ch in between) or (
                "\n" in between and units.DUTY_SHAPE.match(window.partition("\n")[2]) is not None
            )
            if named and (not starts or starts[-1] != pos):
                starts.append(pos)
    items = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else cut_at_boundary(text, s, region.end)
        body = text[s:e].strip()
        if body:
            items.append(Item(None, s, s + len(body), body, "units", s))
    return items


def _paragraphs(text: str, region: Region) -> list[Item]:
    """Unnumbered other matters: each running-text paragraph of the section is one, numbered in
    order (五、其他事项 followed by one sentence)."""
    end = cut_at_boundary(text, region.start, region.end)
    items = []
    pos = region.start
    for line in text[region.start : end].split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if "。" in stripped:
            off = text.index(stripped, start)
            items.append(Item(len(items) + 1, off, off + len(stripped), stripped, "other_matters", off))
    return items


_CLAUSE = re.compile(r"[^。；\n]+[。；]?")


def _clauses(text: str, region: Region) -> list[Item]:
    """Unnumbered adjustments: a 职责调整 section written as one run of clauses (将A职责划归B；将C职责
    划归D。), each clause one adjustment, numbered in order."""
    end = cut_at_boundary(text, region.start, region.end)
    items = []
    for m in _CLAUSE.finditer(text, region.start, end):
        s, e = m.start(), m.end()
        while s < e and text[s] in " \n":
            s += 1
        if e - s >= 6:
            items.append(Item(len(items) + 1, s, e, text[s:e], "adjustments", s))
    return items


def _declared_in_lead(text: str, region: Region, items: list[Item]) -> list[Item]:
    """An article of duties may declare a transfer before its list (第三条 将A职责划入县X局。县X局的主要
    职责是：（一）…): each such sentence of its lead is an adjustment."""
    lead_end = min((it.marker_start for it in items), default=region.end)
    found = []
    for m in _CLAUSE.finditer(text, region.start, lead_end):
        s, e = m.start(), m.end()
        while s < e and text[s] in " \n":
            s += 1
        if adjustment_shaped(text[s:e]) and adjustments.TRANSFER_CUE.search(text, s, e):
            found.append(Item(len(found) + 1, s, e, text[s:e], "adjustments", s))
    return found


def _items_of(text: str, region: Region) -> list[Item]:
    """Items of one section, numbered （一） or, failing that, 1. / 1、 or （1）."""
    extra = units.UNNUMBERED_UNITS if region.section == "units" else None
    items = find_items(text, region.start, region.end, region.section, extra_starts=extra)
    for marker in (markers.DIGIT_MARKER, markers.ARABIC_PAREN_MARKER):
        if any(it.ordinal is not None for it in items):
            break
        numbered = find_items(text, region.start, region.end, region.section, marker, extra_starts=extra)
        if any(it.ordinal is not None for it in numbered):
            items = numbered
    if region.section == "units" and not any(it.ordinal is not None for it in items):
        # no numbered units: those of a list sentence (设A、B等N个股室), those named line by line (A：负责…),
        # and 机关党委-like ones, one per start (a line-by-line unit is the fuller reading of its start)
        merged = {it.start: it for it in items}
        for it in _listed_units(text, region):
            merged.setdefault(it.start, it)
        merged.update((it.start, it) for it in _named_units(text, region))
        items = sorted(merged.values(), key=lambda it: it.start)
    if not items and region.section == "other_matters" and region.ordinal is not None:
        # an article of the 2018-on form with no numbered items is one other matter
        body = text[region.start : region.end].strip()
        if body:
            off = text.index(body, region.start)
            items = [Item(region.ordinal, off, off + len(body), body, "other_matters", region.start)]
    elif not items and region.section == "other_matters":
        items = _paragraphs(text, region)
    elif not items and region.section == "adjustments":
        items = _clauses(text, region)
    elif region.section == "duties" and region.ordinal is not None:
        items = [*_declared_in_lead(text, region, items), *items]
    return items


def _outside(text: str, items: list[Item]) -> str:
    """The text with the given items' spans left out (each gap becomes a line break)."""
    pieces, pos = [], 0
    for it in sorted(items, key=lambda it: it.start):
        if it.start >= pos:
            pieces.append(text[pos : it.start])
            pos = it.end
    pieces.append(text[pos:])
    return "\n".join(pieces)


def _staffing_apart(text: str, regions: list[Region]) -> list[Region]:
    """A notice with no staffing section of its own (三、内设机构和人员编制) states its staff after the
    units: that passage becomes a staffing region, so the last unit does not take it in."""
    if any(r.section == "staffing" for r in regions):
        return regions
    out: list[Region] = []
    for r in regions:
        m = units.STAFFING_LINE.search(text, r.start, r.end) if r.section == "units" else None
        if m is None:
            out.append(r)
            continue
        out += [
            Region("units", r.start, m.start(), r.ordinal),
            Region("staffing", m.start(), r.end, r.ordinal),
        ]
    return out


def regulation_blocks(text: str) -> list[tuple[str, int, int]]:
    """(agency, start, end) of each regulation of a notice that issues several (关于印发县发展和改革局等
    24个部门主要职责…规定的通知); [] when it issues one (a page repeating one title counts once)."""
    heads = [
        (m.group(1), m.start())
        for m in finditer_at_line_starts(
            agencies.REGULATION_TITLE_LINE, text, line_end=agencies.REGULATION_TITLE_LINE_END
        )
    ]
    if len({agency for agency, _ in heads}) < 2:
        return []
    return [
        (agency, start, heads[i + 1][1] if i + 1 < len(heads) else len(text))
        for i, (agency, start) in enumerate(heads)
    ]


def parse_sanding_many(
    text: str, blocks: list[tuple[str, int, int]]
) -> tuple[list[AgencyRecord], QualityReport]:
    """One record per regulation block. Each block is parsed in a copy of the text with everything
    outside it blanked to line breaks, so spans still point into the whole notice."""
    records: list[AgencyRecord] = []
    total = QualityReport()
    for agency, start, end in blocks:
        masked = "\n" * start + text[start:end] + "\n" * (len(text) - end)
        try:
            record, q = parse_sanding(masked, agency=agency)
        except NoticeRejected:
            total.warnings.append(f"{agency}: no sections found")
            continue
        records.append(record)
        total.merge(q, prefix=f"{record.agency}: ")
    if not records:
        raise NoticeRejected("not_a_notice", "no regulation of the notice has sections")
    return records, total


def parse_sanding(
    text: str, title: str = "", agency: str | None = None
) -> tuple[AgencyRecord, QualityReport]:
    """One AgencyRecord and the quality report for a 三定 regulation (`agency` when the caller knows
    it). Raises ValueError when the text has no sections at all (the caller turns that into a
    rejection)."""
    regions = _staffing_apart(text, split_sections(text))
    if not regions:
        raise NoticeRejected("not_a_notice", "no 职责/内设机构/编制 sections found")
    item_regions = [r for r in regions if r.section in SECTIONS]
    first_duty = next((r.start for r in regions if r.section == "duties"), regions[0].start)
    head = text[:first_duty]

    items: list[Item] = []
    for region in item_regions:
        items.extend(_items_of(text, region))

    unit_region = next((r for r in regions if r.section == "units"), None)
    declared = declared_units(text, unit_region.start, unit_region.end) if unit_region else None
    article_form = any(r.ordinal is not None for r in regions)
    gap_sections = ("adjustments", "duties", "units") if article_form else SECTIONS
    fixed = repair(items, declared_units=declared, gap_sections=gap_sections)
    fixed.duplicates_removed += repeated_passages(text, 0, regions[0].start)

    # the agency's own signs and rank are read outside the adjustment items (不再加挂…牌子, 将X局（副厅级）
    # 的职责划入 speak of other bodies)
    intro = _outside(head, [it for it in fixed.sections["adjustments"] if it.end <= len(head)])
    named = agency or agency_name(text, head, title)
    unnamed = named is None
    named = named or "未识别机构"
    agency, aliases = _split_bracketed(named, aliases_of(intro, named))
    staffing_text = "".join(text[r.start : r.end] for r in regions if r.section == "staffing")
    record = AgencyRecord(
        agency=agency,
        aliases=aliases,
        rank=rank_of(intro),
        adjustments=[
            Adjustment(ordinal=it.ordinal or 0, kind=k, counterpart=c, text=it.text, span=_span(it))
            for it in fixed.sections["adjustments"]
            for k, c in [classify_adjustment(it.text, agency)]
        ],
        duties=[duty_of(text, it, markers.DIGIT_MARKER) for it in fixed.sections["duties"]],
        units=[_unit(it) for it in fixed.sections["units"]],
        declared_unit_count=declared,
        staffing=parse_staffing(staffing_text, agency),
        other_matters=[
            OtherMatter(ordinal=it.ordinal or 0, text=it.text, span=_span(it))
            for it in fixed.sections["other_matters"]
        ],
    )
    warnings = list(fixed.warnings)
    if unnamed:
        warnings.append(unnamed_warning(text))
    for r in regions:
        if r.section == "preamble" and r.ordinal is not None:
            n = len(find_items(text, r.start, r.end, "preamble"))
            if n:
                warnings.append(
                    f"article {r.ordinal}: {n} numbered items in an article not read as a section"
                )
    for label, present in (
        ("主要职责", record.duties),
        ("内设机构", record.units),
        ("人员编制", record.staffing),
    ):
        if not present:
            warnings.append(f"no {label} found")
    quality = QualityReport(
        duplicates_removed=fixed.duplicates_removed,
        relocated=fixed.relocated,
        missing_ordinals=fixed.missing,  # type: ignore[arg-type]
        warnings=warnings,
    )
    return record, quality
