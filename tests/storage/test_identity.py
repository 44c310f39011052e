"""Identity rules: a name's key, and which rule gave it (storage.identity.resolve_name); a sign two
agencies carry, through the real store path."""

from __future__ import annotations

import itertools

import duckdb
import pytest

import storage
from models import Notice, ParsedNotice
from storage import identity
from storage.identity import Context
from tests.storage.conftest import dump
from tests.storage.factories import engines, notice, record

FUJIAN, CENTRAL = Context("福建"), Context("中央")
JINZHAI = Context("安徽", "金寨县")


@pytest.mark.parametrize(
    ("name", "context", "key", "how", "level"),
    [
        ("福建省商务厅", FUJIAN, "福建|商务厅", "exact", "province"),
        # the province's own notice names its bodies 省X厅
        ("省商务厅", FUJIAN, "福建|商务厅", "region-qualified", "province"),
        # short forms of the vocabulary file
        ("省发展改革委", FUJIAN, "福建|发展和改革委员会", "abbreviation", "province"),
        ("国家发展改革委", CENTRAL, "中央|国家发展和改革委员会", "abbreviation", "central"),
        ("市场监管总局", CENTRAL, "中央|市场监督管理总局", "abbreviation", "central"),
        # a county's notice names its bodies 县X局
        ("县市场监管局", JINZHAI, "安徽|金寨县市场监督管理局", "abbreviation", "county"),
        ("金寨县市场监督管理局", JINZHAI, "安徽|金寨县市场监督管理局", "region-qualified", "county"),
        (
            "区工信局",
            Context("广东", "揭阳市揭东区"),
            "广东|揭阳市揭东区工业和信息化局",
            "abbreviation",
            "county",
        ),
        ("市商务局", Context("广东", "揭阳市揭东区"), "广东|揭阳市商务局", "region-qualified", "city"),
        # a central body named in a provincial notice
        ("科技部", FUJIAN, "中央|科学技术部", "abbreviation", "central"),
        # party bodies are named by their place like the government's, whoever names them
        ("中共福建省委宣传部", FUJIAN, "福建|委宣传部", "region-qualified", "province"),
        ("省委宣传部", FUJIAN, "福建|委宣传部", "region-qualified", "province"),
        ("中共福建省委宣传部", CENTRAL, "福建|委宣传部", "region-qualified", "province"),
        ("中共金寨县委组织部", JINZHAI, "安徽|金寨县委组织部", "region-qualified", "county"),
        ("县委组织部", JINZHAI, "安徽|金寨县委组织部", "region-qualified", "county"),
        ("中共中央宣传部", FUJIAN, "中央|中共中央宣传部", "exact", "central"),
    ],
)
def test_resolve_name(name: str, context: Context, key: str, how: str, level: str) -> None:
    assert identity.resolve_name(name, context) == identity.Resolution(key, how, level)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("issuer", "title", "context"),
    [
        (None, "福建省人民政府办公厅关于印发福建省商务厅主要职责内设机构和人员编制规定的通知", FUJIAN),
        (None, "中共福建省委机构编制委员会关于印发…的通知", FUJIAN),
        ("安徽省金寨县人民政府", "关于印发…的通知", JINZHAI),
        (None, "福建省福州市人民政府关于印发…的通知", Context("福建", "福州市")),
        (None, "国务院办公厅关于印发商务部主要职责的通知", CENTRAL),
        (None, "福建省福利彩票发行中心主要职责", FUJIAN),  # no place: just words
    ],
)
def test_context_of_notice(issuer: str | None, title: str, context: Context) -> None:
    notice = Notice(notice_id="0" * 64, title=title, issuer=issuer)
    assert identity.context_of_notice(notice) == context


def test_override_joins_a_name_whatever_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        identity, "_overrides", lambda: {("福建", "省口岸办"): "福建省人民政府口岸工作办公室"}
    )
    assert identity.resolve_name("省口岸办", FUJIAN) == identity.Resolution(
        "福建|人民政府口岸工作办公室", "override", "province"
    )


# A sign that moved (written for this test in the genre of the seeds): the Fujian foreign trade
# department carries the port office's sign in 2010, the foreign affairs office in 2019; Guangdong's
# commerce department carries its own province's. Each transport department hands a port duty to
# 省人民政府口岸工作办公室, written as its province's notices write it.
PORT_SIGN = "省人民政府口岸工作办公室"


def _regulation(agency: str, day: str, duties: list[str], **kwargs: object) -> ParsedNotice:
    province = agency[:3]
    issuer = f"{province}人民政府办公厅"
    return notice(
        f"{issuer}关于印发{agency}主要职责内设机构和人员编制规定的通知",
        day,
        record(agency, duties, **kwargs),  # type: ignore[arg-type]
        issuer=issuer,
    )


def _hands_port_duty(agency: str, day: str) -> ParsedNotice:
    return _regulation(
        agency,
        day,
        ["负责全省交通运输管理"],
        adjustments=[("transferred_out", PORT_SIGN, f"将口岸协调职责划给{PORT_SIGN}")],
    )


SHARED_SIGN = [
    _regulation(
        "福建省对外贸易经济合作厅", "2010-05-04", ["负责全省对外贸易管理"], aliases=["福建" + PORT_SIGN]
    ),
    _regulation("福建省人民政府外事办公室", "2019-03-01", ["负责全省外事工作"], aliases=["福建" + PORT_SIGN]),
    _regulation("广东省商务厅", "2010-05-04", ["负责全省商务工作"], aliases=["广东" + PORT_SIGN]),
    _hands_port_duty("福建省交通运输厅", "2010-06-04"),
    _hands_port_duty("福建省水利厅", "2019-06-04"),
    _hands_port_duty("广东省交通运输厅", "2010-06-04"),
]


def _store(parsed_notices: list[ParsedNotice]) -> duckdb.DuckDBPyConnection:
    con = storage.connect(":memory:")
    for parsed in parsed_notices:
        storage.store_notice(con, parsed=parsed, raw=parsed.text.encode(), source="t", engines=engines())
    return con


def test_a_sign_two_agencies_carry_joins_neither_and_the_region_and_date_say_which() -> None:
    con = _store(SHARED_SIGN)
    trade, foreign = (
        identity.agency_id("福建|对外贸易经济合作厅"),
        identity.agency_id("福建|人民政府外事办公室"),
    )
    # two agencies, not one; the sign is in both one's aliases
    assert con.execute(
        "SELECT name, aliases FROM agencies WHERE region = '福建' AND list_contains(aliases, ?) ORDER BY name",
        ["福建" + PORT_SIGN],
    ).fetchall() == [
        ("福建省人民政府外事办公室", ["福建" + PORT_SIGN]),
        ("福建省对外贸易经济合作厅", ["福建" + PORT_SIGN]),
    ]
    # agency_identity says why the Fujian name joins no agency, and Guangdong's joins its own
    assert con.execute(
        "SELECT context, agency_id, how, shared_by FROM agency_identity WHERE name = ? ORDER BY context",
        [PORT_SIGN],
    ).fetchall() == [
        ("广东", identity.agency_id("广东|商务厅"), "alias", None),
        ("福建", None, "shared", sorted([trade, foreign])),
    ]
    # a declaration naming it goes to the body that carried the sign on its date, in its region
    rows = con.execute(
        "SELECT a.name, c.counterpart_agency_id FROM changes c JOIN agencies a USING (agency_id) "
        "WHERE c.change_type = 'declared_adjustment' ORDER BY a.name"
    ).fetchall()
    assert rows == [
        ("广东省交通运输厅", identity.agency_id("广东|商务厅")),
        ("福建省交通运输厅", trade),
        ("福建省水利厅", foreign),
    ]
    # no implied receiver is made for a name that two described agencies carry
    assert con.execute("SELECT count(*) FROM snapshots WHERE implied").fetchone() == (0,)


def test_a_shared_sign_is_the_same_in_every_order() -> None:
    expected = dump(_store(SHARED_SIGN))
    for order in list(itertools.permutations(range(len(SHARED_SIGN))))[1::73]:  # 10 of the 720
        assert dump(_store([SHARED_SIGN[i] for i in order])) == expected, order
