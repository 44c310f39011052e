"""A small history database for the dashboard tests, stored through `storage.store_notice`.

The notices are derived: written for these tests in the genre of the seeds (a provincial 三定 of
2005, its 2010 successor and a 2012 amendment notice, and a ministry's unit-functions notice of 2003
and 2008), short enough that every expected agency, version and event is known.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

import storage
from flows.engines import default_engines
from models import Adjustment, AgencyRecord, Duty, Effect, Notice, ParsedNotice, QualityReport, Staffing, Unit

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
# open_page(page, query=..., state=...) -> the AppTest after rendering that page (see conftest.py).
OpenPage = Callable[..., AppTest]
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def seen(markdown: str) -> str:
    """What a reader sees of a label made plain by dashboard.render.plain: no escapes, no joiners."""
    return _ESCAPED.sub(r"\1", markdown).replace("\u2060", "")


FUJIAN = "福建省对外贸易经济合作厅"
CENTRE = "机关服务中心"
RETIREES = "离退休干部局"
FUJIAN_2010_TITLE = "福建省人民政府办公厅关于印发福建省对外贸易经济合作厅主要职责内设机构和人员编制规定的通知"
REJECTED_SOURCE = "examples/broken.txt"
REJECTED_RAW = b"\x00\x01"


class _Text:
    """Builds a notice text line by line and hands back each line's [start, end) span."""

    def __init__(self, title: str) -> None:
        self.text = title + "\n"

    def add(self, line: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += line + "\n"
        return (start, start + len(line))


def _counterpart(text: str) -> str | None:
    """The body a 从…划入 adjustment names, as the parser reports it."""
    return text[1 : text.index("划入")] if text.startswith("从") and "划入" in text else None


def _counterpart(text: str) -> str | None:
    """The body a 从…划入 adjustment names, as the parser reports it."""
    return text[1 : text.index("划入")] if text.startswith("从") and "划入" in text else None


def _fujian(year: int, *, adjustments: list[tuple[str, str]], duties: list[str], units: list[tuple[str, str]],
            staff: int, aliases: list[str], warnings: list[str]) -> ParsedNotice:  # fmt: skip
    title = (
        FUJIAN_2010_TITLE
        if year == 2010
        else f"福建省人民政府办公厅关于印发{FUJIAN}职能配置内设机构和人员编制规定的通知"
    )
    t = _Text(title)
    adj = [
        Adjustment(ordinal=k, kind=kind, counterpart=_counterpart(text), text=text, span=t.add(text))  # type: ignore[arg-type]
        for k, (kind, text) in enumerate(adjustments, 1)
    ]
    dut = [Duty(ordinal=k, text=s, span=t.add(s)) for k, s in enumerate(duties, 1)]
    uni = [Unit(ordinal=None, name=n, duties=d, span=t.add(f"{n}：{d}")) for n, d in units]
    line = f"{FUJIAN}机关行政编制为{staff}名。"
    t.add(line)
    record = AgencyRecord(agency=FUJIAN, aliases=aliases, rank="正厅级", adjustments=adj, duties=dut, units=uni,
                          staffing=[Staffing(category="机关行政编制", count=staff, text=line)])  # fmt: skip
    return _parsed(t.text, title, f"闽政办〔{year}〕175号", "福建省人民政府办公厅", dt.date(year, 5, 29), "sanding",
                   [record], QualityReport(warnings=warnings))  # fmt: skip


def _centre(year: int, duties: list[str], missing: list[int]) -> ParsedNotice:
    title = f"商务部关于印发{CENTRE}等单位的主要职能的通知"
    t = _Text(title)
    record = AgencyRecord(agency=CENTRE, aliases=["机关服务局"],
                          duties=[Duty(ordinal=k, text=s, span=t.add(s)) for k, s in enumerate(duties, 1)])  # fmt: skip
    quality = QualityReport(missing_ordinals={"duties": missing} if missing else {})
    return _parsed(t.text, title, f"商办发〔{year}〕9号", "中华人民共和国商务部", dt.date(year, 6, 26), "functions",
                   [record], quality)  # fmt: skip


def _retirees() -> ParsedNotice:
    """A unit with one version and no change event: the timeline and the picker must still show it."""
    title = f"商务部关于印发{RETIREES}主要职能的通知"
    t = _Text(title)
    duty = "负责部机关离退休干部的管理服务工作。"
    record = AgencyRecord(
        agency=RETIREES, aliases=["老干部局"], duties=[Duty(ordinal=1, text=duty, span=t.add(duty))]
    )
    return _parsed(t.text, title, "商办发〔2009〕3号", "中华人民共和国商务部", dt.date(2009, 2, 1), "functions",
                   [record], QualityReport())  # fmt: skip


def _amendment() -> ParsedNotice:
    """闽编办-style amendment: renames one unit and adds another; storage derives a 2012 version."""
    title = f"福建省机构编制委员会办公室关于调整{FUJIAN}职责机构编制的通知"
    t = _Text(title)
    rename, add = "将对外贸易处更名为国际贸易处。", "增设电子商务处，负责全省电子商务的推广应用工作。"
    effects = [
        Effect(ordinal=1, type="unit_renamed", subject="对外贸易处", old="对外贸易处", new="国际贸易处", text=rename,
               span=t.add(rename)),
        Effect(ordinal=2, type="unit_added", subject="电子商务处", new="负责全省电子商务的推广应用工作。", text=add,
               span=t.add(add)),
    ]  # fmt: skip
    record = AgencyRecord(agency=FUJIAN, effects=effects)
    return _parsed(t.text, title, "闽编办〔2012〕48号", "福建省机构编制委员会办公室", dt.date(2012, 3, 16), "amendment",
                   [record], QualityReport())  # fmt: skip


def _parsed(text: str, title: str, doc: str, issuer: str, day: dt.date, kind: str, records: list[AgencyRecord],
            quality: QualityReport) -> ParsedNotice:  # fmt: skip
    notice = Notice(notice_id=hashlib.sha256(text.encode()).hexdigest(), title=title, doc_number=doc,
                    issuer=issuer, published_on=day, source=f"tests/{day.year}-{kind}.txt", kind=kind)  # type: ignore[arg-type]  # fmt: skip
    return ParsedNotice(notice=notice, records=records, quality=quality, text=text)


NOTICES: list[ParsedNotice] = [
    _fujian(
        2005,
        adjustments=[],
        duties=[
            "贯彻执行国家对外贸易和国际经济合作的方针政策，拟订全省对外贸易发展规划。",
            "负责全省机电产品进出口配额的管理工作。",
            "指导全省外商投资工作，<b>依法</b>核准外商投资企业的设立。",
        ],  # fmt: skip
        units=[
            ("办公室", "负责文电、会务、机要、档案等机关日常运转工作。"),
            ("外贸管理处", "拟订全省对外贸易管理办法，管理进出口配额。"),
        ],  # fmt: skip
        staff=80,
        aliases=[],
        warnings=[],
    ),
    _fujian(
        2010,
        adjustments=[
            ("cancelled", "取消编报并执行机电产品进出口配额年度方案的职责。"),
            ("transferred_in", "从原省口岸和海防管理委员会办公室划入口岸协调职责。"),
        ],  # fmt: skip
        duties=[
            "贯彻执行国家对外贸易、国际经济合作和外商投资的方针政策，拟订全省商务发展规划。",
            "指导全省外商投资工作，<b>依法</b>核准外商投资企业的设立。",
            "负责全省口岸协调工作，承担口岸规划和通关协调职责。",
        ],  # fmt: skip
        units=[
            ("办公室", "负责文电、会务、机要、档案等机关日常运转工作。"),
            ("对外贸易处", "拟订全省对外贸易管理办法，管理进出口配额。"),
            ("口岸处", "承担全省口岸规划、口岸开放和通关协调工作。"),
        ],  # fmt: skip
        staff=90,
        aliases=["福建省人民政府口岸工作办公室"],
        warnings=["declared 22 units, found 3"],
    ),
    _amendment(),
    _centre(2003, ["承担部机关后勤服务保障工作。", "承担部机关委托管理的后勤行政管理职能。"], missing=[]),
    _centre(
        2008,
        [
            "承担部机关后勤服务保障工作，与部机关签订并履行后勤服务合同。",
            "承担部机关委托管理的后勤行政管理职能。",
        ],
        missing=[3],
    ),  # fmt: skip
    _retirees(),
]


def build(path: Path) -> dict[str, Any]:
    """Store NOTICES (and one rejected input) at `path`; returns what the tests look for."""
    with storage.writer(path) as con:
        for parsed in NOTICES:
            storage.store_notice(
                con,
                parsed=parsed,
                raw=parsed.text.encode(),
                source=parsed.notice.source,
                engines=default_engines(),
            )
        storage.record_rejection(con, source=REJECTED_SOURCE, raw=REJECTED_RAW, reason="binary: not text")
    with storage.open_reader(path) as con:
        ids = dict(con.execute("select name, agency_id from agencies").fetchall())
        versions = con.execute(
            "select a.name, list(s.snapshot_id order by s.valid_from) from snapshots s join agencies a using (agency_id)"
            " where not s.amendment group by all"
        ).fetchall()
    notices = {p.notice.published_on.year: p.notice.notice_id for p in NOTICES if p.notice.published_on}
    return {"path": path, "agency_ids": ids, "notice_ids": notices, "versions": dict(versions)}
