"""Storage with the real parser, diff and amendment engine, on the seeds and notices derived from them."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import duckdb
import pytest

import storage
from flows.engines import default_engines
from models import ParsedNotice
from storage import queries
from tests.storage.conftest import dump
from yange.errors import NoticeRejected
from yange.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[2]
FUJIAN = ROOT / "tests" / "golden" / "fujian-2010-foreign-trade-sanding.txt"
MOFCOM = ROOT / "tests" / "golden" / "mofcom-2003-unit-functions.txt"
AMEND = Path(__file__).parent / "fixtures" / "fujian-2012-foreign-trade-units-amend-derived.txt"


def fujian_2015() -> bytes:
    """A later regulation of the same agency, derived from the seed: new date and number, one duty
    reworded, and the agency named by its trimmed form in the title."""
    text = FUJIAN.read_text(encoding="utf-8")
    for old, new in [
        ("2010-05-29", "2015-01-20"),
        ("闽政办〔2010〕175号", "闽政办〔2015〕9号"),
        ("二○一○年五月二十九日", "二○一五年一月二十日"),
        ("起草并组织实施全省外经贸人才规划", "起草并组织实施全省商务人才发展规划"),
    ]:
        assert old in text
        text = text.replace(old, new)
    return text.encode("utf-8")


INPUTS: list[tuple[str, bytes]] = [
    ("fujian-2010", FUJIAN.read_bytes()),
    ("mofcom-2003", MOFCOM.read_bytes()),
    ("fujian-2012-amend", AMEND.read_bytes()),
    ("fujian-2015", fujian_2015()),
]


@pytest.fixture(scope="module")
def parsed() -> list[tuple[ParsedNotice, bytes, str]]:
    return [(parse_bytes(raw, source=name), raw, name) for name, raw in INPUTS]


def load(con: duckdb.DuckDBPyConnection, items: list[tuple[ParsedNotice, bytes, str]]) -> None:
    for notice, raw, source in items:
        storage.store_notice(con, parsed=notice, raw=raw, source=source, engines=default_engines())


def test_seeds_build_a_history(
    con: duckdb.DuckDBPyConnection, parsed: list[tuple[ParsedNotice, bytes, str]]
) -> None:
    load(con, parsed)
    agency_id = queries.resolve_agency(con, "省对外贸易经济合作厅")
    assert agency_id is not None
    versions = queries.timeline(con, agency_id)
    assert [(v["valid_from"], v["derived"]) for v in versions] == [
        (dt.date(2010, 5, 29), False),
        (dt.date(2012, 9, 20), True),
        (dt.date(2015, 1, 20), False),
    ]
    events = queries.agency_events(con, agency_id)
    types = {(str(e["published_on"]), e["change_type"]) for e in events}
    assert ("2010-05-29", "declared_adjustment") in types
    assert ("2012-09-20", "unit_renamed") in types
    assert ("2015-01-20", "duty_reworded") in types
    json.dumps(events, ensure_ascii=False, default=str)  # what `yange diff --json` prints
    units_2013 = {
        r["unit_name"]
        for r in queries.duties_as_of(con, dt.date(2013, 1, 1), agency_id=agency_id)
        if r["section"] == "unit"
    }
    assert "对外投资和经济合作处" in units_2013 and "对外投资处" not in units_2013
    assert con.execute("SELECT count(*) FROM agencies WHERE region = '中央'").fetchone() == (6,)


def test_order_of_real_notices_does_not_matter(parsed: list[tuple[ParsedNotice, bytes, str]]) -> None:
    orders = list(itertools.permutations(parsed))[::5]  # 5 of the 24 orders, backfills included
    dumps = []
    for order in orders:
        con = storage.connect(":memory:")
        load(con, list(order))
        dumps.append(dump(con))
        con.close()
    assert all(d == dumps[0] for d in dumps[1:])


def test_rebuild_reproduces_the_history(
    con: duckdb.DuckDBPyConnection, parsed: list[tuple[ParsedNotice, bytes, str]]
) -> None:
    load(con, parsed)
    with pytest.raises(NoticeRejected) as rejected:
        parse_bytes(b"", source="empty.txt")
    storage.record_rejection(con, source="empty.txt", raw=b"", reason=str(rejected.value))
    before = dump(con)
    counts = storage.rebuild(con, engines=default_engines())
    assert counts["notices"] == 5 and counts["parsed"] == 4 and counts["rejected"] == 1
    assert dump(con) == before


def test_example_queries_of_the_schema_docs_run(
    con: duckdb.DuckDBPyConnection, parsed: list[tuple[ParsedNotice, bytes, str]]
) -> None:
    load(con, parsed)
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```sql\n")[1:]]
    assert len(blocks) >= 3
    results = [con.execute(block).fetchall() for block in blocks]
    point_in_time, all_changes, transferred_in = results[:3]
    assert len(point_in_time) == 12  # the seed's main duties
    assert all_changes and all_changes == sorted(all_changes, key=lambda r: r[0])
    assert any("口岸协调" in r[2] for r in transferred_in)
