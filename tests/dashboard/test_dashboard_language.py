"""ISSUE 15 point 1: Chinese first, English on a switch, from one vocabulary that is complete."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from dashboard import vocab
from models.changes import CHANGE_TYPES
from models.records import AdjustmentKind, EffectType
from tests.dashboard.dashboard_history import FUJIAN, OpenPage

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
PAGES = list(vocab.PAGES)
CODES = re.compile(r"\b(?:" + "|".join(CHANGE_TYPES) + r")\b")


@pytest.mark.parametrize(
    ("table", "codes"),
    [
        (vocab.CHANGE_TYPES, CHANGE_TYPES),
        (vocab.ADJUSTMENT_KINDS, AdjustmentKind.__args__),  # type: ignore[attr-defined]
        (vocab.EFFECT_TYPES, EffectType.__args__),  # type: ignore[attr-defined]
        (vocab.SECTIONS, ("duty", "unit", "adjustment", "other", "staffing", "rank", "alias")),
        (vocab.NOTICE_KINDS, ("sanding", "functions", "amendment", "parsed", "rejected")),
        (vocab.RELATIONS, ("renamed", "merged_into", "split_into", "duties_absorbed", "abolished_into")),
    ],
)
def test_every_code_has_a_word_in_both_languages(
    table: dict[str, tuple[str, str]], codes: tuple[str, ...]
) -> None:
    for code in codes:
        zh, en = table[code]
        assert zh and en and zh != code, code
        assert re.search(r"[\u4e00-\u9fff]", zh), f"{code}: {zh!r} is not Chinese"


def test_every_page_is_named_and_exists() -> None:
    views = {p.stem for p in (DASHBOARD / "views").glob("*.py")}
    assert set(vocab.PAGES) == views
    assert all(zh and en for zh, en in vocab.PAGES.values())


def test_every_label_a_page_asks_for_exists_in_both_languages() -> None:
    asked: set[str] = set()
    for path in [*DASHBOARD.rglob("*.py"), DASHBOARD.parent / "yange" / "cli.py"]:
        asked |= set(re.findall(r"""\b(?:t|raw|_w|text)\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
        asked |= (
            {f"sql.ex.{k}" for k in re.findall(r'^    "(\w+)": ', path.read_text(), re.M)}
            if path.name == "queries.py"
            else set()
        )
    assert asked, "no labels found: the pattern is out of date"
    missing = sorted(asked - set(vocab.LABELS))
    assert not missing, missing
    # Column and field headers are looked up by the column's name (widgets.columns, the notice page).
    sources = "".join(p.read_text() for p in DASHBOARD.rglob("*.py") if p.name != "vocab.py")
    sources += (DASHBOARD.parent / "yange" / "cli.py").read_text()
    unused = sorted(
        k for k in vocab.LABELS if f'"{k}"' not in sources and not k.startswith(("col.", "field.", "sql.ex."))
    )
    assert not unused, unused
    for key, (zh, en) in vocab.LABELS.items():
        assert zh.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


def test_dates_read_as_reviewers_write_them() -> None:
    assert vocab.date(dt.date(2010, 5, 29), "zh") == "2010年5月29日"
    assert vocab.date(dt.date(2010, 5, 29), "en") == "29 May 2010"
    assert vocab.date(None, "zh") == ""


def _words(at: Any) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error",
                                 "metric", "text") for e in getattr(at, kind)]  # fmt: skip
    parts += [str(getattr(e, "label", "")) for e in at.main] + [link.value for link in at.get("page_link")]
    for frame in at.dataframe:
        parts += [str(c) for c in frame.value.columns] + [str(v) for v in frame.value.to_numpy().ravel()]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_both_languages_shows_no_code(
    open_page: OpenPage, history: dict[str, Any], page: str, lang: str
) -> None:
    query = {"agency": history["agency_ids"][FUJIAN]} if page == "agency" else {}
    at = open_page(None if page == "timeline" else page, query=query, state={"lang": lang})
    assert not at.exception, at.exception
    shown = _words(at)
    assert not CODES.search(shown.replace("sql.ex", "")) or page == "sql", CODES.search(shown)
    title = vocab.pick(vocab.PAGES[page], lang) if page != "timeline" else vocab.text("app.title", lang)
    assert any(h.value == title for h in at.title), [h.value for h in at.title]


def test_the_switch_changes_the_language(open_page: OpenPage) -> None:
    at = open_page()
    assert at.title[0].value == "沿革：机构改革史" and "机构" in [m.label for m in at.metric]
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Yange 沿革: reform history"
    assert [m.label for m in at.metric] == ["Agencies", "Versions", "Change events"]
