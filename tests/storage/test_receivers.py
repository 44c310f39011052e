"""A receiver no notice describes gets an agency and a partial version (issue 14, point 4).

The notices are written for this test in the genre of the seeds (derived, not copied from any
source): the Fujian commerce department hands its port duty to a port office that has no regulation
of its own, and its human resources department hands social insurance collection to the central tax
bureau in Fujian, of which no notice is stored either.
"""

from __future__ import annotations

import datetime as dt
import itertools

import duckdb

import storage
from flows.engines import diff_versions
from models import ParsedNotice
from storage import identity
from tests.storage.conftest import dump
from tests.storage.factories import engines, notice, record

PORT = "负责口岸通关协调工作"
SOCIAL = "负责全省社会保险费征缴管理工作"
TAX = "国家税务总局福建省税务局"


def _regulation(agency: str, day: str, duties: list[str], **kwargs: object) -> ParsedNotice:
    title = f"福建省人民政府办公厅关于印发{agency}主要职责内设机构和人员编制规定的通知"
    return notice(title, day, record(agency, duties, **kwargs), issuer="福建省人民政府办公厅")  # type: ignore[arg-type]


COMMERCE = [
    _regulation("福建省商务厅", "2010-05-04", ["负责全省内外贸易管理", PORT]),
    _regulation(
        "福建省商务厅",
        "2018-10-22",
        ["负责全省内外贸易管理"],
        adjustments=[("transferred_out", "省口岸办", "将口岸通关协调职责划给省口岸办")],
    ),
    _regulation("福建省人力资源和社会保障厅", "2010-06-01", ["负责全省就业工作", SOCIAL]),
    _regulation(
        "福建省人力资源和社会保障厅",
        "2018-10-20",
        ["负责全省就业工作"],
        adjustments=[("transferred_out", TAX, f"将社会保险费征缴职责划给{TAX}")],
    ),
]
PORT_OFFICE = _regulation("福建省口岸办", "2019-06-01", ["负责口岸通关协调工作", "负责口岸规划建设"])


def _store(parsed_notices: list[ParsedNotice] | tuple[ParsedNotice, ...]) -> duckdb.DuckDBPyConnection:
    con = storage.connect(":memory:")
    for parsed in parsed_notices:
        storage.store_notice(
            con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines(diff_versions)
        )
    return con


def _id(key: str) -> str:
    return identity.agency_id(key)


def test_a_receiver_named_only_in_a_regulation_gets_an_agency_and_a_partial_version() -> None:
    con = _store(COMMERCE)
    port, tax = _id("福建|口岸办"), _id(f"中央|{TAX}")
    rows = con.execute(
        "SELECT a.name, a.region, s.partial, s.implied, s.derived, s.valid_from, s.valid_to, s.warnings[1] "
        "FROM snapshots s JOIN agencies a USING (agency_id) WHERE s.implied ORDER BY a.name"
    ).fetchall()
    assert [r[:7] for r in rows] == [
        (TAX, "中央", True, True, True, dt.date(2018, 10, 20), None),
        ("福建省口岸办", "福建", True, True, True, dt.date(2018, 10, 22), None),
    ]
    assert all(r[7].startswith("partial: no notice describes") for r in rows)
    # what it holds is the duty the giver lost, so the two ends are one transfer (across regions too)
    duties = con.execute(
        "SELECT s.agency_id, d.text FROM duties d JOIN snapshots s USING (snapshot_id) WHERE s.implied ORDER BY 1"
    ).fetchall()
    assert sorted(duties) == sorted([(port, PORT), (tax, SOCIAL)])
    moves = con.execute(
        "SELECT g.name, c.counterpart_agency_id, c.old_text FROM changes c JOIN agencies g USING (agency_id) "
        "WHERE c.change_type = 'transferred' AND c.detail->>'direction' = 'out' ORDER BY 1"
    ).fetchall()
    assert moves == [("福建省人力资源和社会保障厅", tax, SOCIAL), ("福建省商务厅", port, PORT)]
    # the declarations point at it, and agency_identity says which rule named it
    assert con.execute(
        "SELECT count(*) FROM changes WHERE change_type = 'declared_adjustment' AND counterpart_agency_id IS NULL"
    ).fetchone() == (0,)
    assert con.execute(
        "SELECT agency_id, how FROM agency_identity WHERE name = '省口岸办' AND context = '福建'"
    ).fetchall() == [(port, "region-qualified")]


def test_implied_receivers_are_the_same_in_every_order() -> None:
    expected = dump(_store(COMMERCE))
    for order in list(itertools.permutations(COMMERCE))[1::4]:  # 6 of the 24, each giver's pair split
        assert dump(_store(order)) == expected


def test_a_receiver_described_later_loses_its_implied_version() -> None:
    """Once the port office's own regulation is stored, it is an agency like any other: its implied
    version goes, in whichever order the notices came."""
    later = _store([*COMMERCE, PORT_OFFICE])
    first = _store([PORT_OFFICE, *COMMERCE])
    assert dump(later) == dump(first)
    rows = later.execute(
        "SELECT s.implied, s.partial, s.valid_from FROM snapshots s WHERE agency_id = ?", [_id("福建|口岸办")]
    ).fetchall()
    assert rows == [(False, False, dt.date(2019, 6, 1))]
    assert later.execute("SELECT via FROM agency_names WHERE name_key = '福建|口岸办'").fetchall() == [
        ("name",)
    ]
