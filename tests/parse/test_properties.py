"""Property tests: reshuffling, repeating, dropping or displacing whole numbered items of a clean
notice never crashes the parser, never yields an item twice, and every dropped ordinal is reported.

The clean notice is the derived fixture tests/parse/fixtures/xinan-2009-water-sanding-derived.txt,
cut into its front matter and its sections' items, then put back together in the drawn order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.parse.conftest import CLEAN
from yange.parse import parse_notice

SECTION_OF = {
    "职责调整": "adjustments",
    "主要职责": "duties",
    "内设机构": "units",
    "人员编制": "staffing",
    "其他事项": "other_matters",
}
_HEADING = re.compile(r"^[一二三四五]、(职责调整|主要职责|内设机构|人员编制|其他事项)$")
_ITEM = re.compile(r"^\(([一二三四五六七八九十]+)\)")
_CN = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


@dataclass(frozen=True)
class Block:
    ordinal: int | None
    text: str  # the item's lines, marker included


@dataclass
class Notice:
    front: str
    sections: dict[str, tuple[str, list[str], list[Block]]]  # name -> (heading, lead lines, items)


def _split() -> Notice:
    lines = CLEAN.read_text(encoding="utf-8").splitlines()
    front: list[str] = []
    sections: dict[str, tuple[str, list[str], list[Block]]] = {}
    current: str | None = None
    for line in lines:
        h = _HEADING.match(line)
        if h:
            current = SECTION_OF[h.group(1)]
            sections[current] = (line, [], [])
            continue
        if current is None:
            front.append(line)
            continue
        heading, lead, items = sections[current]
        m = _ITEM.match(line)
        if m:
            items.append(Block(_CN[m.group(1)], line))
        elif line == "机关党委":
            items.append(Block(None, line))
        elif items:
            items[-1] = Block(items[-1].ordinal, items[-1].text + "\n" + line)
        else:
            lead.append(line)
    return Notice("\n".join(front), sections)


NOTICE = _split()
MOVABLE = ("adjustments", "duties", "units")


def _build(order: dict[str, list[Block]]) -> str:
    parts = [NOTICE.front]
    for name, (heading, lead, _items) in NOTICE.sections.items():
        parts.append(heading)
        parts.extend(lead)
        parts.extend(b.text for b in order.get(name, []))
    return "\n".join(parts) + "\n"


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, dict[str, set[int]]]:
    """The clean notice with each section's items shuffled, some repeated and some dropped (never
    the last-numbered one: a missing last item leaves no gap to see)."""
    order: dict[str, list[Block]] = {}
    dropped: dict[str, set[int]] = {}
    for name, (_h, _lead, items) in NOTICE.sections.items():
        numbered = [b.ordinal for b in items if b.ordinal is not None]
        last = max(numbered, default=None)
        droppable = [b for b in items if b.ordinal is not None and b.ordinal != last]
        drop = (
            draw(st.lists(st.sampled_from(droppable), unique_by=lambda b: b.ordinal, max_size=3))
            if droppable
            else []
        )
        kept = [b for b in items if b not in drop]
        repeat = draw(st.lists(st.sampled_from(kept), max_size=3)) if kept else []
        order[name] = draw(st.permutations(kept + repeat))
        dropped[name] = {b.ordinal for b in drop if b.ordinal is not None}
    return _build(order), dropped


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_shuffled_repeated_dropped_items(case: tuple[str, dict[str, set[int]]]) -> None:
    text, dropped = case
    parsed = parse_notice(text)
    record = parsed.records[0]
    for section in ("adjustments", "duties", "units", "other_matters"):
        items = getattr(record, section)
        numbered = [x.ordinal for x in items if x.ordinal is not None]
        assert len(numbered) == len(set(numbered)), f"{section}: an ordinal twice"
        texts = [getattr(x, "text", None) or getattr(x, "duties", "") for x in items]
        assert len(texts) == len(set(texts)), f"{section}: an item twice"
        assert dropped[section] <= set(parsed.quality.missing_ordinals.get(section, [])), section
        assert not set(numbered) & dropped[section]
    assert parsed.quality.relocated == []


@st.composite
def displaced(draw: st.DrawFn) -> tuple[str, str, int, str]:
    """The clean notice with one item of a section standing somewhere in another section."""
    source = draw(st.sampled_from(MOVABLE))
    target = draw(
        st.sampled_from(
            [
                s
                for s in (*MOVABLE, "other_matters")
                if s != source and not (source == "units" and target_ok_units(s))
            ]
        )
    )
    order = {name: list(items) for name, (_h, _l, items) in NOTICE.sections.items()}
    block = draw(st.sampled_from([b for b in order[source] if b.ordinal is not None]))
    order[source].remove(block)
    at = draw(st.integers(0, len(order[target])))
    assert block.ordinal is not None
    # Left out: a section's last item standing right after the target's last item and numbered as its
    # next (units (八) after adjustments (一)…(七)). By numbering it continues where it stands, which is
    # how a regulation's units (八)…(十一) worded like duties follow duties (一)…(七): repair keeps it.
    numbered = [b.ordinal for b in order[target] if b.ordinal is not None]
    continues = at == len(order[target]) and block.ordinal == max(numbered, default=0) + 1
    assume(not (continues and block.ordinal > max((b.ordinal or 0) for b in order[source])))
    order[target].insert(at, block)
    return _build(order), source, block.ordinal, target


def target_ok_units(section: str) -> bool:
    # a unit item among 其他事项 is left where it stands: other matters may open with a body's name
    return section == "other_matters"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(displaced())
def test_a_displaced_item_goes_home(case: tuple[str, str, int, str]) -> None:
    text, home, ordinal, stood_in = case
    parsed = parse_notice(text)
    record = parsed.records[0]
    assert ordinal in [x.ordinal for x in getattr(record, home)]
    assert [(r.ordinal, r.from_section, r.to_section) for r in parsed.quality.relocated] == [
        (ordinal, stood_in, home)
    ]
    assert parsed.quality.missing_ordinals == {}
