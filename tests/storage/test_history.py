"""store_notice: idempotence, SCD-2 ranges, identity, order independence, rollback, amendments."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import duckdb
import pytest

import storage
from models import ParsedNotice
from storage import queries, raw_bytes
from tests.storage.conftest import dump
from tests.storage.factories import effect, engines, fake_apply, notice, record

FJ = "福建省人民政府办公厅关于印发福建省对外贸易经济合作厅主要职责内设机构和人员编制规定的通知"

# A small history of one provincial agency (derived, in the seeds' genre): a 2010 regulation, a
# 2014 one naming the agency by its trimmed form, a 2009 backfill, and a sister agency in 2014.
V2010 = notice(
    FJ,
    "2010-05-29",
    record(
        "福建省对外贸易经济合作厅",
        ["贯彻执行国家对外经贸的法律法规", "负责口岸管理工作", "负责外商投资管理"],
        aliases=["福建省人民政府口岸工作办公室"],
        adjustments=[
            (
                "transferred_in",
                "原省口岸和海防管理委员会办公室",
                "从原省口岸和海防管理委员会办公室划入口岸协调职责",
            )
        ],
        staff=100,
    ),
)
V2014 = notice(
    "福建省人民政府办公厅关于印发省对外贸易经济合作厅主要职责的通知",
    "2014-03-01",
    record(
        "省对外贸易经济合作厅",
        ["贯彻执行国家对外经贸的法律法规", "负责外商投资管理", "负责电子商务促进"],
        adjustments=[("transferred_out", "省口岸管理局", "将口岸管理职责划给省口岸管理局")],
        staff=95,
    ),
)
V2009 = notice(
    "福建省人民政府办公厅关于印发福建省对外贸易经济合作厅职责调整的通知",
    "2009-01-15",
    record("福建省对外贸易经济合作厅", ["贯彻执行国家对外经贸的法律法规", "负责加工贸易管理"], staff=110),
)
SISTER = notice(
    "福建省人民政府办公厅关于印发福建省口岸管理局主要职责的通知",
    "2014-03-01",
    record("福建省口岸管理局", ["负责口岸管理工作，协调口岸通关"], staff=30),
)
HISTORY = [V2010, V2014, V2009, SISTER]


def store(con: duckdb.DuckDBPyConnection, parsed: ParsedNotice, **kwargs: Any) -> str:
    return storage.store_notice(
        con, parsed=parsed, raw=parsed.text.encode(), source=parsed.notice.source, engines=engines(**kwargs)
    )


def test_same_notice_is_stored_once(con: duckdb.DuckDBPyConnection) -> None:
    assert store(con, V2010) == "new"
    before = dump(con)
    assert store(con, V2010) == "unchanged"
    assert dump(con) == before
    assert con.execute("SELECT count(*) FROM notices").fetchone() == (1,)


def test_notice_row_keeps_raw_text_and_quality(con: duckdb.DuckDBPyConnection) -> None:
    store(con, V2010)
    deflated, text, status, kind, quality = con.execute(
        "SELECT raw_deflated, text, status, kind, quality FROM notices"
    ).fetchone()
    assert raw_bytes.unpack(None, deflated) == V2010.text.encode() and text == V2010.text
    assert (status, kind) == ("parsed", "sanding")
    assert '"duplicates_removed"' in quality


def test_trimmed_name_and_alias_resolve_to_one_agency(con: duckdb.DuckDBPyConnection) -> None:
    store(con, V2010)
    store(con, V2014)
    # one agency, and the port bureau V2014 hands a duty to (no notice describes it: implied)
    assert con.execute(
        "SELECT name, agency_id IN (SELECT agency_id FROM snapshots WHERE implied) FROM agencies ORDER BY 1"
    ).fetchall() == [("福建省口岸管理局", True), ("福建省对外贸易经济合作厅", False)]
    agency_id = queries.resolve_agency(con, "省对外贸易经济合作厅")
    assert agency_id is not None
    assert queries.resolve_agency(con, "福建省对外贸易经济合作厅") == agency_id
    assert queries.resolve_agency(con, "福建省人民政府口岸工作办公室") == agency_id
    assert queries.resolve_agency(con, "国家外汇管理局") is None
    name, region = con.execute(
        "SELECT name, region FROM agencies WHERE agency_id = ?", [agency_id]
    ).fetchone()
    assert (name, region) == ("福建省对外贸易经济合作厅", "福建")


def test_validity_ranges_follow_publication_dates(con: duckdb.DuckDBPyConnection) -> None:
    for parsed in HISTORY:
        store(con, parsed)
    agency_id = queries.resolve_agency(con, "福建省对外贸易经济合作厅")
    ranges = con.execute(
        "SELECT valid_from, valid_to FROM snapshots WHERE agency_id = ? ORDER BY valid_from", [agency_id]
    ).fetchall()
    assert ranges == [
        (dt.date(2009, 1, 15), dt.date(2010, 5, 29)),
        (dt.date(2010, 5, 29), dt.date(2014, 3, 1)),
        (dt.date(2014, 3, 1), None),
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2008-12-31", set()),  # before the first version
        ("2009-06-01", {"负责加工贸易管理"}),
        ("2010-05-29", {"负责口岸管理工作", "负责外商投资管理"}),  # the new version starts that day
        ("2020-01-01", {"负责外商投资管理", "负责电子商务促进"}),
    ],
)
def test_duties_as_of(con: duckdb.DuckDBPyConnection, day: str, expected: set[str]) -> None:
    for parsed in HISTORY:
        store(con, parsed)
    rows = con.execute(
        "SELECT text FROM duties_as_of(?::DATE) WHERE agency = '福建省对外贸易经济合作厅' AND section = 'duty'",
        [day],
    ).fetchall()
    assert {r[0] for r in rows} - {"贯彻执行国家对外经贸的法律法规"} == expected


def test_changes_between_consecutive_versions(con: duckdb.DuckDBPyConnection) -> None:
    for parsed in HISTORY:
        store(con, parsed)
    agency_id = queries.resolve_agency(con, "福建省对外贸易经济合作厅")
    assert agency_id
    events = [
        (str(e["published_on"]), e["change_type"], e["old_text"] or e["new_text"])
        for e in queries.agency_events(con, agency_id)
    ]
    assert ("2010-05-29", "duty_removed", "负责加工贸易管理") in events
    assert ("2010-05-29", "duty_added", "负责口岸管理工作") in events
    assert ("2014-03-01", "duty_removed", "负责口岸管理工作") in events
    assert events == sorted(events, key=lambda e: e[0])  # oldest first
    first = queries.agency_events(con, agency_id)[0]
    assert first["from_snapshot"] is None and first["agency"] == "福建省对外贸易经济合作厅"


def test_transfer_between_agencies_is_paired(con: duckdb.DuckDBPyConnection) -> None:
    for parsed in HISTORY:
        store(con, parsed)
    rows = con.execute(
        "SELECT a.name, c.detail->>'direction', c.counterpart_agency_id IS NOT NULL FROM changes c "
        "JOIN agencies a USING (agency_id) WHERE change_type = 'transferred' ORDER BY 2"
    ).fetchall()
    assert rows == [("福建省口岸管理局", "in", True), ("福建省对外贸易经济合作厅", "out", True)]


def test_counterpart_named_before_it_is_stored_is_resolved(con: duckdb.DuckDBPyConnection) -> None:
    store(con, V2014)
    query = "SELECT counterpart_agency_id FROM changes WHERE change_type = 'declared_adjustment'"
    # no notice describes the port bureau yet: the declaration names its implied agency
    implied = con.execute("SELECT agency_id FROM snapshots WHERE implied").fetchall()
    assert con.execute(query).fetchall() == implied and implied[0][0] is not None
    store(con, SISTER)
    assert con.execute(query).fetchall() == [(queries.resolve_agency(con, "福建省口岸管理局"),)]
    at = con.execute(
        "SELECT c.counterpart_snapshot = s.snapshot_id FROM changes c, snapshots s "
        "WHERE c.change_type = 'declared_adjustment' AND s.notice_id = ?",
        [SISTER.notice.notice_id],
    ).fetchall()
    assert at == [(True,)]  # the sister agency's version in force on that day


def test_any_ingestion_order_gives_identical_tables() -> None:
    dumps = []
    for order in list(itertools.permutations(HISTORY))[::2]:  # 12 of the 24 orders
        con = storage.connect(":memory:")
        for parsed in order:
            store(con, parsed)
        dumps.append(dump(con))
        con.close()
    assert all(d == dumps[0] for d in dumps[1:])
    assert len(dumps[0]["snapshots"]) == 4 and dumps[0]["changes"]


def test_store_is_one_transaction(con: duckdb.DuckDBPyConnection) -> None:
    store(con, V2010)
    before = dump(con)

    def broken_diff(old: object, new: object) -> list[object]:
        raise RuntimeError("diff failed half-way")

    with pytest.raises(RuntimeError):
        storage.store_notice(con, parsed=V2014, raw=b"x", source="x", engines=engines(broken_diff))
    assert dump(con) == before


def test_store_joins_an_outer_transaction(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(RuntimeError), storage.transaction(con):
        store(con, V2010)
        raise RuntimeError("the caller's own step failed")
    assert con.execute("SELECT count(*) FROM notices").fetchone() == (0,)
    with storage.transaction(con):
        store(con, V2010)
    assert con.execute("SELECT count(*) FROM notices").fetchone() == (1,)


def test_rejection_is_recorded_once(con: duckdb.DuckDBPyConnection) -> None:
    for _ in range(2):
        storage.record_rejection(con, source="a.txt", raw=b"\x00\x01", reason="binary: not text")
    storage.record_rejection(con, source="gone.txt", raw=None, reason="unreadable: gone")
    rows = con.execute("SELECT source, status, reason FROM notices ORDER BY source").fetchall()
    assert rows == [("a.txt", "rejected", "binary: not text"), ("gone.txt", "rejected", "unreadable: gone")]


def test_functions_notice_units_belong_to_their_ministry(con: duckdb.DuckDBPyConnection) -> None:
    parsed = notice(
        "商务部关于印发机关服务中心、外贸发展中心等单位的主要职能的通知",
        "2003-06-26",
        record("机关服务中心", ["承担部机关后勤服务保障工作"], aliases=["机关服务局"]),
        record("外贸发展中心", ["为我国企业开拓国际市场提供相关服务"], aliases=["外贸发展事务局"]),
        kind="functions",
    )
    store(con, parsed)
    names = con.execute("SELECT name, region FROM agencies ORDER BY name").fetchall()
    assert names == [("商务部外贸发展中心", "中央"), ("商务部机关服务中心", "中央")]
    assert queries.resolve_agency(con, "机关服务局") == queries.resolve_agency(con, "商务部机关服务中心")


# --- amendments --------------------------------------------------------------------------------

AMEND = notice(
    "福建省机构编制委员会关于调整省对外贸易经济合作厅职责的通知",
    "2012-07-01",
    record(
        "省对外贸易经济合作厅",
        effects=[effect("duty_transferred_in", "负责服务贸易促进", counterpart="省发展和改革委员会")],
    ),
    kind="amendment",
)


def test_amendment_derives_a_version_from_the_last_one_before_it(con: duckdb.DuckDBPyConnection) -> None:
    for parsed in (V2010, AMEND, V2014):
        store(con, parsed, applier=fake_apply_derivation)
    rows = con.execute(
        "SELECT valid_from, valid_to, derived, base_snapshot IS NOT NULL FROM snapshots "
        "WHERE NOT amendment AND NOT implied ORDER BY valid_from"
    ).fetchall()
    assert rows == [
        (dt.date(2010, 5, 29), dt.date(2012, 7, 1), False, False),
        (dt.date(2012, 7, 1), dt.date(2014, 3, 1), True, True),
        (dt.date(2014, 3, 1), None, False, False),
    ]
    duties = con.execute("SELECT text FROM duties_as_of(DATE '2013-01-01') WHERE section = 'duty'").fetchall()
    assert ("负责服务贸易促进",) in duties and ("负责口岸管理工作",) in duties
    # the amendment record itself is no version: it is kept apart, and no range is empty
    assert con.execute(
        "SELECT count(*) FROM snapshots WHERE amendment OR valid_to = valid_from"
    ).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM amendment_records").fetchone() == (1,)


def test_backfilled_base_re_derives_the_amended_version() -> None:
    tables = []
    for order in ((V2009, V2010, AMEND), (AMEND, V2010, V2009), (V2010, AMEND, V2009)):
        con = storage.connect(":memory:")
        for parsed in order:
            store(con, parsed, applier=fake_apply_derivation)
        tables.append(dump(con))
        con.close()
    assert tables[0] == tables[1] == tables[2]


def test_without_the_amendment_engine_amendments_stay_out_of_the_chain(
    con: duckdb.DuckDBPyConnection,
) -> None:
    for parsed in (V2010, AMEND):
        store(con, parsed, applier=None)
    assert con.execute("SELECT count(*) FROM snapshots WHERE derived").fetchone() == (0,)
    assert con.execute("SELECT valid_to FROM snapshots WHERE NOT amendment").fetchone() == (None,)


class _Derived:
    def __init__(self, record: object, partial: bool) -> None:
        self.record, self.partial, self.abolished = record, partial, False
        self.warnings: list[str] = ["partial: no earlier version"] if partial else []


def fake_apply_derivation(base, amendment, *, agency, counterparts=None):  # type: ignore[no-untyped-def]
    if base is None:
        return _Derived(fake_apply(record(agency), amendment, agency=agency), True)
    return _Derived(fake_apply(base, amendment, agency=agency), False)


def test_abolished_agency_is_closed_on_the_amendment_date(con: duckdb.DuckDBPyConnection) -> None:
    abolish = notice(
        "福建省机构编制委员会关于不再保留省对外贸易经济合作厅的通知",
        "2015-06-01",
        record(
            "省对外贸易经济合作厅",
            effects=[
                effect("body_abolished", "不再保留省对外贸易经济合作厅", subject="省对外贸易经济合作厅")
            ],
        ),
        kind="amendment",
    )

    def abolishing(base, amendment, *, agency, counterparts=None):  # type: ignore[no-untyped-def]
        derived = _Derived(base, False)
        derived.abolished = True
        return derived

    for parsed in (V2010, abolish, V2014):
        store(con, parsed, applier=abolishing)
    rows = con.execute(
        "SELECT valid_from, valid_to FROM snapshots WHERE NOT amendment AND NOT implied ORDER BY valid_from"
    ).fetchall()
    assert rows == [(dt.date(2010, 5, 29), dt.date(2014, 3, 1)), (dt.date(2014, 3, 1), dt.date(2015, 6, 1))]
    in_force = (
        "SELECT count(*) FROM duties_as_of(DATE '2016-01-01') WHERE agency = '福建省对外贸易经济合作厅'"
    )
    assert con.execute(in_force).fetchone() == (0,)


def test_an_undated_notice_is_kept_but_never_in_force(con: duckdb.DuckDBPyConnection) -> None:
    undated = notice(
        "福建省人民政府办公厅关于印发福建省对外贸易经济合作厅职责的通知（无日期）",
        None,
        record("福建省对外贸易经济合作厅", ["负责某项工作"]),
    )
    store(con, undated)
    store(con, V2010)
    rows = con.execute(
        "SELECT valid_from, valid_to FROM snapshots ORDER BY valid_from NULLS FIRST"
    ).fetchall()
    assert rows == [(None, dt.date(2010, 5, 29)), (dt.date(2010, 5, 29), None)]
    texts = {r[0] for r in con.execute("SELECT text FROM duties_as_of(DATE '2000-01-01')").fetchall()}
    assert texts == set()


def test_a_batch_gives_the_same_tables_as_one_by_one(con: duckdb.DuckDBPyConnection) -> None:
    for parsed in HISTORY:
        store(con, parsed)
    batch = storage.connect(":memory:")
    items = [(p, p.text.encode(), p.notice.source) for p in reversed(HISTORY)]
    assert storage.store_notices(batch, items, engines=engines()) == ["new"] * 4
    assert dump(batch) == dump(con)
    assert storage.store_notices(batch, items[:1], engines=engines()) == ["unchanged"]
    batch.close()


def _same_day(agency: str, day: str, duties: list[str], *, note: str = "") -> ParsedNotice:
    title = f"福建省人民政府办公厅关于印发{agency}主要职责内设机构和人员编制规定的通知{note}"
    return notice(title, day, record(agency, duties))


# One date, several records of one agency (derived, in the seeds' genre): a regulation and its revised
# text on 2018-10-22 with two amendments of that day, and a price bureau restated on the day an
# amendment abolishes it.
SAME_DAY = [
    _same_day("福建省商务厅", "2010-05-04", ["负责全省内外贸易管理", "负责外商投资管理"]),
    _same_day("福建省商务厅", "2018-10-22", ["负责全省内外贸易管理", "负责电子商务"]),
    _same_day(
        "福建省商务厅",
        "2018-10-22",
        ["负责全省内外贸易管理", "负责电子商务", "负责服务贸易"],
        note="（修订）",
    ),
    notice(
        "福建省机构编制委员会关于调整省商务厅职责的通知",
        "2018-10-22",
        record(
            "省商务厅",
            effects=[effect("duty_transferred_in", "负责口岸通关协调", counterpart="省发展改革委")],
        ),
        kind="amendment",
    ),
    notice(
        "福建省机构编制委员会关于调整省商务厅机构编制的通知",
        "2018-10-22",
        record(
            "省商务厅", effects=[effect("duty_transferred_out", "负责服务贸易", counterpart="省发展改革委")]
        ),
        kind="amendment",
    ),
    _same_day("福建省物价局", "2010-05-06", ["负责价格监督检查"]),
    _same_day("福建省物价局", "2018-11-01", ["负责价格监督检查", "负责价格认证"]),
    notice(
        "福建省机构编制委员会关于调整省物价局职责机构编制的通知",
        "2018-11-01",
        record("省物价局", effects=[effect("body_abolished", "不再保留省物价局", subject="省物价局")]),
        kind="amendment",
    ),
]


def _store_all(parsed_notices: list[ParsedNotice]) -> duckdb.DuckDBPyConnection:
    con = storage.connect(":memory:")
    for parsed in parsed_notices:
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
    return con


def test_records_of_one_day_make_one_version_in_every_order() -> None:
    """Issue 14, point 2: no version with an empty range, whatever arrives first. The day's last
    regulation with the day's amendments applied is the version of the day; the records never in
    force (the day's first text, the price bureau's restatement on the day it was abolished) are kept
    in superseded_records."""
    con = _store_all(SAME_DAY)
    assert con.execute("SELECT count(*) FROM snapshots WHERE valid_to <= valid_from").fetchone() == (0,)
    rows = con.execute(
        "SELECT a.name, s.valid_from, s.valid_to, s.derived FROM snapshots s JOIN agencies a USING (agency_id) "
        "WHERE a.name IN ('福建省商务厅', '福建省物价局') ORDER BY 1, 2"
    ).fetchall()
    assert rows == [
        ("福建省商务厅", dt.date(2010, 5, 4), dt.date(2018, 10, 22), False),
        ("福建省商务厅", dt.date(2018, 10, 22), None, True),
        ("福建省物价局", dt.date(2010, 5, 6), dt.date(2018, 11, 1), False),
    ]
    day = con.execute(
        "SELECT d.text FROM duties_as_of(DATE '2018-10-22') d WHERE d.agency = '福建省商务厅' ORDER BY d.text"
    ).fetchall()
    assert {t for (t,) in day} >= {"负责口岸通关协调", "负责电子商务"} and ("负责服务贸易",) not in day
    assert con.execute("SELECT count(*) FROM superseded_records").fetchone() == (3,)
    expected = dump(con)
    for order in list(itertools.permutations(range(len(SAME_DAY))))[1::4001]:  # 11 of the 40,320
        other = _store_all([SAME_DAY[i] for i in order])
        assert other.execute("SELECT count(*) FROM snapshots WHERE valid_to = valid_from").fetchone() == (0,)
        assert dump(other) == expected, order
        other.close()
