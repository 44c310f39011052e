"""A province's reform round, ingested in many orders, gives the same tables (issue 14).

The notices are written for this test in the genre of the seeds (derived, not copied from any source):
a 2010 round of six Fujian bodies and a 2018 round that merges two of them into a new market
regulator, renames the science department, moves duties between commerce and the development
commission in both directions (the commission written by its short name, 省发展改革委), abolishes the
price bureau by an amendment, and a 2019 amendment that hands a duty to a port office no notice has
described, which arrives before its base in most orders. The human resources department hands social
insurance collection to the central tax bureau in Fujian, which no notice describes: an implied
receiver in another region (中央), paired across regions.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pytest

import storage
from flows.engines import diff_versions
from models import ParsedNotice
from storage import identity
from tests.storage.conftest import dump
from tests.storage.factories import effect, engines, notice, record

TITLE = "福建省人民政府办公厅关于印发{}主要职责内设机构和人员编制规定的通知"
AID = "负责对外援助项目的管理和监督"
PRICES = "负责重要商品价格的监测预警"
PORT = "负责口岸通关协调工作"
SOCIAL = "负责全省社会保险费征缴管理工作"
TAX = "国家税务总局福建省税务局"


def _sanding(agency: str, day: str, duties: list[str], *, body: str = "", **kwargs: object) -> ParsedNotice:
    return notice(TITLE.format(agency), day, record(agency, duties, **kwargs), body=body)  # type: ignore[arg-type]


ROUND = [
    _sanding("福建省工商行政管理局", "2010-05-01", ["负责市场主体登记注册", "负责市场秩序监管"]),
    _sanding("福建省质量技术监督局", "2010-05-02", ["负责产品质量监督", "负责计量和标准化工作"]),
    _sanding("福建省科学技术厅", "2010-05-03", ["拟订全省科技发展规划", "负责科技计划管理"]),
    _sanding("福建省商务厅", "2010-05-04", ["负责全省内外贸易管理", AID, PORT]),
    _sanding("福建省发展和改革委员会", "2010-05-05", ["拟订全省国民经济和社会发展规划", PRICES]),
    _sanding("福建省物价局", "2010-05-06", ["负责价格监督检查"]),
    _sanding("福建省人力资源和社会保障厅", "2010-06-01", ["负责全省就业工作", SOCIAL]),
    # 2018: the round itself
    _sanding(
        "福建省市场监督管理局",
        "2018-10-20",
        ["负责市场主体登记注册", "负责市场秩序监管", "负责产品质量监督", "负责计量和标准化工作"],
        body="组建福建省市场监督管理局，不再保留省工商行政管理局、省质量技术监督局。",
    ),
    _sanding(
        "福建省人力资源和社会保障厅",
        "2018-10-19",
        ["负责全省就业工作"],
        adjustments=[("transferred_out", TAX, f"将社会保险费征缴职责划给{TAX}")],
    ),
    _sanding(
        "福建省科技创新厅",
        "2018-10-21",
        ["拟订全省科技发展规划", "负责科技计划管理", "负责科技成果转化"],
        body="省科学技术厅更名为省科技创新厅。",
    ),
    _sanding(
        "福建省商务厅",
        "2018-10-22",
        ["负责全省内外贸易管理", PORT, PRICES],
        adjustments=[("transferred_out", "省发展改革委", "将对外援助职责划给省发展改革委")],
    ),
    notice(
        "福建省人民政府办公厅关于印发省发展改革委主要职责内设机构和人员编制规定的通知",
        "2018-10-23",
        record(
            "省发展改革委",
            ["拟订全省国民经济和社会发展规划", AID],
            adjustments=[("transferred_out", "省商务厅", "将重要商品价格监测职责划给省商务厅")],
        ),
    ),
    notice(
        "福建省机构编制委员会关于调整省物价局职责机构编制的通知",
        "2018-11-01",
        record("省物价局", effects=[effect("body_abolished", "不再保留省物价局", subject="省物价局")]),
        kind="amendment",
        body="将省物价局的职责划入省发展改革委，不再保留省物价局。",
    ),
    notice(
        "福建省机构编制委员会关于调整省商务厅职责机构编制的通知",
        "2019-03-01",
        record("省商务厅", effects=[effect("duty_transferred_out", PORT, counterpart="省口岸办")]),
        record("省口岸办", effects=[effect("duty_transferred_in", PORT, counterpart="省商务厅")]),
        kind="amendment",
    ),
]


# The real diff: a declaration's evidence points at the duty its giver lost, which is what an implied
# receiver holds (so the two ends pair).
_ENGINES = engines(diff_versions)


def _ingest(order: list[int]) -> duckdb.DuckDBPyConnection:
    con = storage.connect(":memory:")
    for i in order:
        parsed = ROUND[i]
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=_ENGINES)
    return con


def _orders(n: int, count: int) -> list[list[int]]:
    """In order, reversed, and a fixed sample of shuffles (all n! orders of 12 notices are too many)."""
    rng = random.Random(14)
    orders = [list(range(n)), list(reversed(range(n)))]
    while len(orders) < count:
        order = list(range(n))
        rng.shuffle(order)
        orders.append(order)
    return orders


@pytest.fixture(scope="module")
def history() -> duckdb.DuckDBPyConnection:
    return _ingest(list(range(len(ROUND))))


def _id(name: str) -> str:
    return identity.agency_id(identity.name_key(name, notice_region="福建"))


def test_every_order_gives_the_same_tables(history: duckdb.DuckDBPyConnection) -> None:
    expected = dump(history)
    for order in _orders(len(ROUND), 10)[1:]:
        con = _ingest(order)
        assert con.execute("SELECT count(*) FROM snapshots WHERE valid_to <= valid_from").fetchone() == (0,)
        assert dump(con) == expected, order
        con.close()
    batch = storage.connect(":memory:")
    shuffled = [ROUND[i] for i in _orders(len(ROUND), 3)[2]]
    storage.store_notices(batch, [(p, p.text.encode(), "t") for p in shuffled], engines=_ENGINES)
    assert dump(batch) == expected


def test_versions_are_versions(history: duckdb.DuckDBPyConnection) -> None:
    assert history.execute(
        "SELECT count(*) FROM snapshots WHERE amendment OR valid_to <= valid_from"
    ).fetchone() == (0,)
    assert history.execute("SELECT count(*) FROM amendment_records").fetchone() == (3,)
    # the price bureau is closed on the amendment's date, and has no version after it
    rows = history.execute(
        "SELECT valid_from, valid_to FROM snapshots WHERE agency_id = ?", [_id("福建省物价局")]
    ).fetchall()
    assert rows == [(dt.date(2010, 5, 6), dt.date(2018, 11, 1))]


def test_short_names_join_their_agency_and_say_why(history: duckdb.DuckDBPyConnection) -> None:
    ndrc = _id("福建省发展和改革委员会")
    assert _id("省发展改革委") == ndrc
    rows = dict(
        history.execute(
            "SELECT name, how FROM agency_identity WHERE context = '福建' AND agency_id = ?", [ndrc]
        ).fetchall()
    )
    assert rows == {"福建省发展和改革委员会": "exact", "省发展改革委": "abbreviation"}
    assert history.execute("SELECT how FROM agency_identity WHERE name = '省商务厅'").fetchall() == [
        ("region-qualified",)
    ]
    versions = history.execute("SELECT count(*) FROM snapshots WHERE agency_id = ?", [ndrc]).fetchone()
    assert versions == (2,)


def test_transfers_pair_both_ways_and_to_a_body_never_seen(history: duckdb.DuckDBPyConnection) -> None:
    rows = history.execute(
        """
        select g.name, r.name, c.new_text
        from changes c join agencies g on g.agency_id = c.agency_id
        join agencies r on r.agency_id = c.counterpart_agency_id
        where c.change_type = 'transferred' and c.detail->>'direction' = 'out'
        order by c.published_on, g.name
        """
    ).fetchall()
    assert rows == [
        ("福建省人力资源和社会保障厅", TAX, SOCIAL),
        ("福建省商务厅", "福建省发展和改革委员会", AID),
        ("福建省发展和改革委员会", "福建省商务厅", PRICES),
        ("福建省商务厅", "福建省口岸办", PORT),
    ]
    partial = history.execute(
        "SELECT partial, warnings[1] FROM snapshots WHERE agency_id = ?", [_id("省口岸办")]
    ).fetchall()
    assert len(partial) == 1 and partial[0][0] and partial[0][1].startswith("partial:")
    # the tax bureau no notice describes: an implied agency of 中央, its end marked as across regions
    implied = history.execute(
        "SELECT a.region, s.implied, s.partial FROM snapshots s JOIN agencies a USING (agency_id) WHERE a.name = ?",
        [TAX],
    ).fetchall()
    assert implied == [("中央", True, True)]
    across = history.execute(
        "SELECT DISTINCT detail->>'across' FROM changes WHERE change_type = 'transferred' AND new_text = ?",
        [SOCIAL],
    ).fetchall()
    assert across == [("true",)]


def test_lineage_from_the_notices(history: duckdb.DuckDBPyConnection) -> None:
    rows = set(
        history.execute(
            "SELECT predecessor_id, successor_id, relation, effective_date FROM agency_lineage"
        ).fetchall()
    )
    market = _id("福建省市场监督管理局")
    assert {
        (_id("福建省工商行政管理局"), market, "merged_into", dt.date(2018, 10, 20)),
        (_id("福建省质量技术监督局"), market, "merged_into", dt.date(2018, 10, 20)),
        (_id("福建省科学技术厅"), _id("福建省科技创新厅"), "renamed", dt.date(2018, 10, 21)),
        (_id("福建省物价局"), _id("福建省发展和改革委员会"), "merged_into", dt.date(2018, 11, 1)),
    } <= rows


def test_a_repeated_declaration_is_an_event_of_the_later_notice() -> None:
    base = _sanding(
        "福建省某厅", "2010-01-01", ["负责甲"], adjustments=[("cancelled", None, "取消已公布取消的审批事项")]
    )
    later = _sanding(
        "福建省某厅",
        "2015-01-01",
        ["负责甲"],
        adjustments=[("cancelled", None, "取消已公布取消的审批事项"), ("cancelled", None, "取消乙审批")],
    )
    con = storage.connect(":memory:")
    for parsed in (base, later):
        storage.store_notice(
            con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines(diff_versions)
        )
    rows = con.execute(
        "SELECT published_on, new_text, detail->>'repeated' FROM changes "
        "WHERE change_type = 'declared_adjustment' ORDER BY published_on, seq"
    ).fetchall()
    assert rows == [
        (dt.date(2010, 1, 1), "取消已公布取消的审批事项", None),
        (dt.date(2015, 1, 1), "取消已公布取消的审批事项", "true"),
        (dt.date(2015, 1, 1), "取消乙审批", None),
    ]


assert len(ROUND) >= 12 and len({p.notice.notice_id for p in ROUND}) == len(ROUND)
