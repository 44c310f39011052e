"""Identity rules: a name's key, and which rule gave it (storage.identity.resolve_name)."""

from __future__ import annotations

import pytest

from models import Notice
from storage import identity
from storage.identity import Context

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
