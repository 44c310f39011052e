"""The cross-agency pass: date clusters, and pairs that survive backfills."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest

import storage
from flows.engines import pair_transfers, transfer_neighbours
from models import Change, ParsedNotice
from storage.transfers import _clusters
from tests.storage.factories import engines, notice, record

D = dt.date


@pytest.mark.parametrize(
    ("days", "window", "expected"),
    [
        ([], 365, []),
        ([D(2010, 1, 1)], 365, [(D(2010, 1, 1), D(2010, 1, 1))]),
        # a chain of dates each within the window of the last is one cluster
        ([D(2010, 1, 1), D(2010, 12, 1), D(2011, 11, 1)], 365, [(D(2010, 1, 1), D(2011, 11, 1))]),
        # a gap over the window splits
        (
            [D(2010, 1, 1), D(2012, 1, 1)],
            365,
            [(D(2010, 1, 1), D(2010, 1, 1)), (D(2012, 1, 1), D(2012, 1, 1))],
        ),
    ],
)
def test_clusters(days: list[dt.date], window: int, expected: list[tuple[dt.date, dt.date]]) -> None:
    assert _clusters(days, window) == expected


def _pair(year: int) -> list:  # type: ignore[type-arg]
    """Two agencies of `year`, and a duty that moves from one to the other (derived notices)."""
    duty = f"负责{year}年起的口岸通关协调工作"
    giver, receiver = f"福建省第{year}甲厅", f"福建省第{year}乙局"
    title = "福建省人民政府办公厅关于印发{}职责的通知{}"
    return [
        notice(title.format(giver, year - 1), f"{year - 1}-01-01", record(giver, ["负责甲类事务", duty])),
        notice(title.format(giver, year), f"{year}-03-01", record(giver, ["负责甲类事务"])),
        notice(title.format(receiver, year - 1), f"{year - 1}-01-01", record(receiver, ["负责乙类事务"])),
        notice(title.format(receiver, year), f"{year}-03-02", record(receiver, ["负责乙类事务", duty])),
    ]


def transfers(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return sorted(
        con.execute(
            "SELECT new_text, detail->>'direction' FROM changes WHERE change_type = 'transferred'"
        ).fetchall()
    )


def test_transfers_of_distant_reforms_are_paired_separately(con: duckdb.DuckDBPyConnection) -> None:
    for parsed in _pair(2010) + _pair(2016):
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
    assert transfers(con) == sorted(
        (f"负责{y}年起的口岸通关协调工作", d) for y in (2010, 2016) for d in ("in", "out")
    )


def test_bulk_load_without_transfers_then_one_pass_gives_the_same_tables(
    con: duckdb.DuckDBPyConnection,
) -> None:
    other = storage.connect(":memory:")
    for parsed in _pair(2010) + _pair(2016):
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
        storage.store_notice(
            other, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines(), transfers=False
        )
    assert transfers(other) == []
    assert storage.link_transfers(other, pair_transfers, transfer_neighbours) == 2
    assert transfers(other) == transfers(con)
    other.close()


def test_a_transfer_a_year_apart_is_the_same_in_every_order() -> None:
    """Found by the ingestion-order property: when a new version makes an agency's earlier removal
    vanish, the reform-window cluster that held it may split in two, and the transfer paired across
    it must still be re-paired (every one of the 24 orders gives the same tables)."""
    import itertools

    from tests.storage.conftest import dump

    four = [
        notice(f"关于印发{name}主要职责的通知{day}", day, record(name, duties))
        for name, day, duties in [
            ("福建省商务厅", "2006-01-02", ["负责口岸管理工作"]),
            ("福建省口岸管理局", "2005-01-02", ["负责外商投资管理"]),
            ("福建省商务厅", "2005-01-01", ["负责口岸管理工作", "负责外商投资管理"]),
            ("福建省口岸管理局", "2005-01-01", ["负责外商投资管理"]),
        ]
    ]
    dumps = []
    for order in itertools.permutations(four):
        con = storage.connect(":memory:")
        for parsed in order:
            storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
        dumps.append(dump(con))
        con.close()
    assert all(d == dumps[0] for d in dumps[1:])


def _county(county: str, agency: str, day: str, duties: list[str], **kwargs: object) -> ParsedNotice:
    """A county's regulation of one of its bodies, naming them by level (县商务局), as such notices do."""
    title = f"{county}人民政府办公室关于印发{county}{agency.removeprefix('县')}职能配置内设机构和人员编制规定的通知"
    return notice(title, day, record(agency, duties, **kwargs), issuer=f"安徽省{county}人民政府办公室")  # type: ignore[arg-type]


def test_a_county_counterpart_is_that_county_s_body(con: duckdb.DuckDBPyConnection) -> None:
    """Two counties each have a 县市场监管局; what 金寨县's commerce bureau hands to 县市场监管局 goes to
    金寨县's, not to 霍邱县's nor to a province-wide name no agency answers to."""
    aid = "负责农产品流通市场建设管理"
    round_ = [
        _county("金寨县", "县市场监管局", "2019-03-01", ["负责市场主体登记注册"]),
        _county("霍邱县", "县市场监管局", "2019-03-01", ["负责市场主体登记注册"]),
        _county("金寨县", "县商务局", "2015-01-01", ["负责全县商贸流通管理", aid]),
        _county(
            "金寨县",
            "县商务局",
            "2019-03-02",
            ["负责全县商贸流通管理"],
            adjustments=[("transferred_out", "县市场监管局", f"将{aid}职责划给县市场监管局")],
        ),
    ]
    for parsed in round_:
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
    rows = con.execute(
        "SELECT c.counterpart_key, a.name FROM changes c LEFT JOIN agencies a ON a.agency_id = c.counterpart_agency_id "
        "WHERE c.change_type = 'declared_adjustment'"
    ).fetchall()
    assert rows == [("安徽|金寨县市场监督管理局", "安徽省金寨县市场监督管理局")]


SOCIAL = "负责全省社会保险费征缴管理工作"
FEES = "负责全省非税收入征收管理工作"
TAX = "国家税务总局福建省税务局"


def _regulation(issuer: str, agency: str, day: str, duties: list[str], **kwargs: object) -> ParsedNotice:
    title = f"{issuer}关于印发{agency}主要职责内设机构和人员编制规定的通知"
    return notice(title, day, record(agency, duties, **kwargs), issuer=issuer)  # type: ignore[arg-type]


# 2018 tax collection reform: social insurance contributions and non-tax revenue move from two Fujian
# departments to the tax bureau that the central administration runs in Fujian; one transfer is
# declared by the giver, the other by the receiver. Guangdong drops the same duty with no declaration.
ACROSS = [
    _regulation(
        "福建省人民政府办公厅", "福建省人力资源和社会保障厅", "2010-06-01", ["负责全省就业工作", SOCIAL]
    ),
    _regulation(
        "中共福建省委办公厅",
        "福建省人力资源和社会保障厅",
        "2018-10-20",
        ["负责全省就业工作"],
        adjustments=[("transferred_out", TAX, f"将社会保险费征缴职责划给{TAX}")],
    ),
    _regulation("福建省人民政府办公厅", "福建省财政厅", "2010-06-02", ["负责全省财政预算管理", FEES]),
    _regulation("中共福建省委办公厅", "福建省财政厅", "2018-11-01", ["负责全省财政预算管理"]),
    _regulation("国家税务总局", TAX, "2018-07-20", ["负责全省税收征收管理"]),
    _regulation(
        "国家税务总局",
        TAX,
        "2019-01-01",
        ["负责全省税收征收管理", SOCIAL, FEES],
        adjustments=[("transferred_in", "福建省财政厅", "将福建省财政厅承担的非税收入征收职责划入")],
    ),
    _regulation(
        "广东省人民政府办公厅", "广东省人力资源和社会保障厅", "2010-06-01", ["负责全省就业工作", SOCIAL]
    ),
    _regulation("中共广东省委办公厅", "广东省人力资源和社会保障厅", "2018-10-25", ["负责全省就业工作"]),
]


def _store_all(parsed_notices: list[ParsedNotice]) -> duckdb.DuckDBPyConnection:
    con = storage.connect(":memory:")
    for parsed in parsed_notices:
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
    return con


def _moves(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        """
        select g.name, r.name, c.old_text
        from changes c join agencies g on g.agency_id = c.agency_id
        join agencies r on r.agency_id = c.counterpart_agency_id
        where c.change_type = 'transferred' and c.detail->>'direction' = 'out'
        order by all
        """
    ).fetchall()


def test_a_declared_transfer_pairs_across_regions() -> None:
    con = _store_all(ACROSS)
    assert _moves(con) == [
        ("福建省人力资源和社会保障厅", TAX, SOCIAL),
        ("福建省财政厅", TAX, FEES),
    ]
    # both ends, each pointing at the other's version, marked as paired across regions
    rows = con.execute(
        "SELECT detail->>'direction', detail->>'across', counterpart_snapshot IS NOT NULL "
        "FROM changes WHERE change_type = 'transferred' ORDER BY ALL"
    ).fetchall()
    assert rows == [("in", "true", True)] * 2 + [("out", "true", True)] * 2


def test_transfers_across_regions_are_the_same_in_every_order() -> None:
    import random

    from tests.storage.conftest import dump

    expected = dump(_store_all(ACROSS))
    rng = random.Random(4)
    orders = [list(reversed(range(len(ACROSS))))]
    for _ in range(5):
        orders.append(rng.sample(range(len(ACROSS)), len(ACROSS)))
    for order in orders:
        con = _store_all([ACROSS[i] for i in order])
        assert dump(con) == expected, order
        con.close()
    batch = storage.connect(":memory:")
    storage.store_notices(batch, [(p, p.text.encode(), "t") for p in reversed(ACROSS)], engines=engines())
    assert dump(batch) == expected
    bulk = storage.connect(":memory:")
    for parsed in ACROSS:
        storage.store_notice(
            bulk, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines(), transfers=False
        )
    assert storage.link_transfers(bulk, pair_transfers, transfer_neighbours) == 2
    assert dump(bulk) == expected


def test_an_undeclared_match_across_regions_is_no_transfer() -> None:
    """Without the receiver's declaration, the fees leaving the Fujian finance department and
    arriving at the central tax bureau in Fujian are two events, not a transfer (the declared social
    insurance move stays paired); nor does Guangdong's dropped duty pair with anything."""
    con = _store_all(
        [p for i, p in enumerate(ACROSS) if i != 5]
        + [_regulation("国家税务总局", TAX, "2019-01-01", ["负责全省税收征收管理", SOCIAL, FEES])]
    )
    assert _moves(con) == [("福建省人力资源和社会保障厅", TAX, SOCIAL)]


def test_a_write_re_pairs_only_the_ends_it_could_change(con: duckdb.DuckDBPyConnection) -> None:
    """A province's round holds thousands of removed and added duties; storing one more notice
    re-pairs only its own ends and those that could pair with them, not the whole region: the
    pairer is handed the new move's two ends, whatever else the region's round dropped."""
    dropped = ["负责全省{}类事务的统筹协调".format("甲乙丙丁戊己庚辛壬癸"[i]) for i in range(10)]
    history = []
    for i, text in enumerate(dropped):
        name = f"福建省第{i}号局"
        history += [
            notice(
                f"关于印发{name}主要职责的通知2009", "2009-01-01", record(name, ["负责本局日常工作", text])
            ),
            notice(f"关于印发{name}主要职责的通知2010", "2010-03-01", record(name, ["负责本局日常工作"])),
        ]
    history += _pair(2010)[:3]  # the giver's two versions and the receiver's first
    seen: list[int] = []

    def spy(groups: list) -> list:  # type: ignore[type-arg]
        seen.append(sum(len(g.changes) for g in groups))
        return pair_transfers(groups)

    real = engines()
    for parsed in history:
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=real)
    assert len(transfers(con)) == 0
    seen.clear()
    receiver = _pair(2010)[3]
    watched = dataclasses.replace(real, pair_transfers=spy)
    storage.store_notice(con, parsed=receiver, raw=receiver.text.encode(), source="t", engines=watched)
    assert transfers(con) == [
        ("负责2010年起的口岸通关协调工作", "in"),
        ("负责2010年起的口岸通关协调工作", "out"),
    ]
    assert seen == [2]  # the move's two ends; the ten other removed duties are not re-paired


def _round(seed: int) -> list[ParsedNotice]:
    """A province's round written at random: six bodies, each with a version before and after, and
    duties of a few similar wordings moving among them (so ends compete for partners), some of them
    over a year apart (so the reform window splits what can pair)."""
    import random

    rng = random.Random(seed)
    wordings = [f"负责全省{w}工作" for w in ("口岸通关协调", "口岸通关管理", "外商投资管理", "外商投资促进")]
    wordings += [f"承担{w}的组织实施" for w in ("对外援助项目", "对外援助资金", "境外就业管理")]
    out = []
    for i in range(6):
        name = f"福建省第{i}号厅"
        before = rng.sample(wordings, 3)
        after = [w for w in wordings if w not in before and rng.random() < 0.4] + before[:1]
        day = rng.choice(["2018-03-01", "2018-06-01", "2019-09-01"])
        for on, duties in (("2017-01-01", before), (day, after)):
            out.append(
                notice(f"关于印发{name}主要职责的通知{on}", on, record(name, ["负责本厅日常工作", *duties]))
            )
    return out


@pytest.mark.parametrize("seed", range(6))
def test_pairs_found_write_by_write_are_an_optimal_pairing_of_the_whole_region(seed: int) -> None:
    """The first pass re-pairs only the ends a write can affect; what it keeps is an optimal pairing of
    every end of the region at once (as many pairs, the same total similarity as the pairer's over
    all of them; ties may pick other partners), one-to-one, and the same in any ingestion order."""
    import random

    from storage.engines import EventGroup

    round_ = _round(seed)
    rng = random.Random(seed)
    results = []
    for order in (round_, rng.sample(round_, len(round_)), list(reversed(round_))):
        con = _store_all(order)
        rows = con.execute(
            "SELECT change_id, agency_id, published_on, notice_id, to_snapshot, change_type, old_text, "
            "new_text FROM changes WHERE change_type IN ('duty_removed', 'duty_added') "
            "ORDER BY agency_id, published_on, seq"
        ).fetchall()
        groups: dict[str, list] = {}  # type: ignore[type-arg]
        for row in rows:
            groups.setdefault(row[4], []).append(row)
        whole = pair_transfers(
            [
                EventGroup(
                    agency_id=g[0][1],
                    published_on=g[0][2],
                    notice_id=g[0][3],
                    changes=[Change(change_type=r[5], old_text=r[6], new_text=r[7]) for r in g],
                    change_ids=[r[0] for r in g],
                )
                for g in groups.values()
            ]
        )
        stored = con.execute(
            "SELECT detail->>'direction', detail->>'observed_change_id', counterpart_agency_id, similarity "
            "FROM changes WHERE change_type = 'transferred' ORDER BY ALL"
        ).fetchall()
        con.close()
        out = [r for r in stored if r[0] == "out"]
        ends = [r[1] for r in stored]
        assert whole  # the round moves duties: there is something to pair
        assert len(out) == len(whole) and len(ends) == len(set(ends)) == 2 * len(whole)
        assert round(sum(r[3] for r in out), 3) == round(sum(p.change.similarity or 0 for p in whole), 3)
        results.append(stored)
    assert results[1] == results[0] and results[2] == results[0]
