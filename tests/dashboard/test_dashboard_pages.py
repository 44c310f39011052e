"""Every page, rendered headless with AppTest against the small history of dashboard_history.py."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import storage
from flows.engines import default_engines
from tests.dashboard.dashboard_history import (
    APP,
    CENTRE,
    FUJIAN,
    FUJIAN_2010_TITLE,
    REJECTED_RAW,
    REJECTED_SOURCE,
    RETIREES,
    OpenPage,
    seen,
)

CENTRE_NAME = "商务部" + CENTRE
RETIREES_NAME = "商务部" + RETIREES
TITLE = "沿革：机构改革史"


def _links(at: AppTest) -> list[str]:
    return [seen(link.value) for link in at.get("page_link")]


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_first_run_message_instead_of_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: str
) -> None:
    db = tmp_path / "yange.duckdb"
    if make == "empty":
        storage.close(storage.connect(db))  # migrated, published, no notices
    monkeypatch.setenv("YANGE_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert "make run" in at.info[0].value
    assert str(db) in seen(at.info[0].value)
    assert not at.metric  # no page ran


def test_unreadable_database_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "yange.duckdb"
    db.write_bytes(b"this is not a DuckDB file" * 100)
    monkeypatch.setenv("YANGE_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert "无法读取数据库" in at.error[0].value


def test_a_finished_ingest_shows_without_waiting_for_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.dashboard.dashboard_history import NOTICES

    db = tmp_path / "yange.duckdb"
    storage.close(storage.connect(db))
    monkeypatch.setenv("YANGE_DB", str(db))
    assert "还没有文件" in AppTest.from_file(str(APP), default_timeout=30).run().info[0].value
    with storage.writer(db) as con:
        storage.store_notice(
            con, parsed=NOTICES[0], raw=NOTICES[0].text.encode(), source="a.txt", engines=default_engines()
        )
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.info and at.title[0].value == TITLE


def test_db_argument_wins_over_environment(history: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YANGE_DB", "/nonexistent/yange.duckdb")
    monkeypatch.setattr("sys.argv", ["app.py", "--db", str(history["path"])])
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == TITLE


def test_timeline_shows_every_agency_and_its_versions(open_page: OpenPage, history: dict[str, Any]) -> None:
    at = open_page()
    assert not at.exception
    metrics = _metrics(at)
    with storage.open_reader(history["path"]) as con:
        agencies, versions = con.execute(
            "select count(distinct agency_id), count(*) from snapshots where not amendment"
        ).fetchone()
        events = con.execute("select count(*) from changes").fetchone()[0]
    # The counts are the history's: three agencies (one without a single change event), six versions.
    assert (metrics["机构"], metrics["版本"], metrics["变化事件"]) == (
        str(agencies),
        str(versions),
        str(events),
    )
    assert agencies == 3 and versions == 6
    assert len(at.get("vega_lite_chart")) == 1
    links = _links(at)
    for name in (FUJIAN, CENTRE_NAME, RETIREES_NAME):
        assert any(name in label for label in links), name
    assert any(RETIREES_NAME in label and "0 个变化" in label for label in links)


@pytest.mark.parametrize(
    ("key", "value", "agencies"),
    [
        ("timeline_regions", ["福建"], {FUJIAN}),  # region narrows to the provincial agency
        ("timeline_regions", ["中央"], {CENTRE_NAME, RETIREES_NAME}),
        ("timeline_types", ["unit_added"], {FUJIAN}),  # only Fujian gained a unit
        ("timeline_types", ["duty_reworded"], {FUJIAN, CENTRE_NAME}),
    ],
)
def test_timeline_filters_narrow_the_agencies(
    open_page: OpenPage, key: str, value: list[str], agencies: set[str]
) -> None:
    at = open_page()
    at.multiselect(key=key).set_value(value).run()
    assert not at.exception
    names = (FUJIAN, CENTRE_NAME, RETIREES_NAME)
    shown = {name for name in names if any(name in label for label in _links(at))}
    assert shown == agencies
    assert _metrics(at)["机构"] == str(len(agencies))


def test_timeline_agency_filter_and_date_range(open_page: OpenPage, history: dict[str, Any]) -> None:

    at = open_page()
    at.text_input(key="timeline_agency_q").set_value("机关服务").run()  # part of a name
    assert _metrics(at)["机构"] == "1"
    assert any(CENTRE_NAME in label for label in _links(at))
    at.selectbox(key="timeline_dates_from").set_value(2009)
    at.selectbox(key="timeline_dates_to").set_value(2010).run()
    assert not at.exception
    assert "没有符合筛选条件" in at.warning[0].value  # the centre's versions are of 2003 and 2008
    at.text_input(key="timeline_agency_q").set_value("老干部局").run()  # an alias; its version is of 2009
    assert _metrics(at)["机构"] == "1" and any(RETIREES_NAME in label for label in _links(at))
    at.text_input(key="timeline_agency_q").set_value("没有这个机构").run()
    assert "没有符合筛选条件" in at.warning[0].value


def test_agency_page_lists_versions_lineage_and_the_derived_version(
    open_page: OpenPage, history: dict[str, Any]
) -> None:
    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN]})
    assert not at.exception
    assert at.header[0].value == FUJIAN
    versions = at.dataframe[0].value
    assert versions["生效日期"].tolist() == ["2005年5月29日", "2010年5月29日", "2012年3月16日"]
    assert versions["推导"].tolist() == [False, False, True]
    links = {seen(link.value): link.proto.query_string for link in at.get("page_link")}
    # The 2012 version is derived, with a link to the amending notice.
    derived = next(label for label in links if "推导" in label)
    assert history["notice_ids"][2012] in links[derived]
    # The 2010 notice says duties came from a body no notice defines: a predecessor, named.
    assert any("前身：福建省口岸和海防管理委员会办公室（职责划入" in seen(t.value) for t in at.markdown)
    assert any(history["notice_ids"][2010] in q for label, q in links.items() if "见其文件" in label)


def test_agency_page_compares_the_derived_version_with_its_base(
    open_page: OpenPage, history: dict[str, Any]
) -> None:
    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN]})
    table = at.get("html")[0].value  # default: the last two versions
    assert "<del>对外</del>贸易处" in table and "<ins>国际</ins>贸易处" in table  # the renamed unit
    assert "电子商务处" in table and 'class="added"' in table and 'class="removed"' not in table


def test_agency_page_compares_any_two_versions(open_page: OpenPage, history: dict[str, Any]) -> None:
    first, second, _ = history["versions"][FUJIAN]
    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN]})
    at.selectbox(key="cmp_old").set_value(first)
    at.selectbox(key="cmp_new").set_value(second)
    at.toggle(key="cmp_changed_only").set_value(False).run()
    assert not at.exception
    table = at.get("html")[0].value
    # Character-level highlighting of the reworded first duty, in two columns.
    assert "<del>" in table and "<ins>" in table
    assert "口岸处" in table and 'class="added"' in table  # the new unit is marked added
    assert "负责全省机电产品进出口配额的管理工作" in table and 'class="removed"' in table
    # Notice text is escaped, never rendered as markup.
    assert "&lt;b&gt;依法" in table and "<b>依法" not in table
    # One declared adjustment is borne out (口岸协调 arrives), the other is flagged.
    assert len([w for w in at.warning if "存疑" in w.value]) == 1
    assert any("口岸" in t.value and "✓" in t.value for t in at.text)


def test_agency_page_shows_unchanged_items_on_request(open_page: OpenPage, history: dict[str, Any]) -> None:
    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN]})
    assert 'class="same"' not in at.get("html")[0].value  # by default only what changed
    at.toggle(key="cmp_changed_only").set_value(False).run()
    table = at.get("html")[0].value
    assert 'class="same"' in table and "办公室：负责文电" in table


def test_agency_page_diffs_versions_that_are_not_adjacent(
    open_page: OpenPage, history: dict[str, Any]
) -> None:
    first, _, derived = history["versions"][FUJIAN]
    # Linkable: the two versions come from the address.
    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN], "old": first, "new": derived})
    assert not at.exception
    table = at.get("html")[0].value
    # The 2005 unit name against the amended one, though no stored event links these two versions.
    plain = re.sub(r"</?(?:del|ins)>", "", table)
    assert re.search(
        r'<tr class="changed"><td class="old">外贸管理处：.*?<td class="new">国际贸易处：', plain
    )


def test_agency_page_record_as_of_a_date(open_page: OpenPage, history: dict[str, Any]) -> None:
    import datetime as dt

    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN]})
    at.date_input(key="agency_day").set_value(dt.date(2007, 1, 1)).run()
    texts = " ".join(at.dataframe[1].value["内容"])
    assert "负责全省机电产品进出口配额的管理工作" in texts  # the 2005 version was in force
    assert "口岸协调" not in texts
    at.date_input(key="agency_day").set_value(dt.date(2001, 1, 1)).run()
    assert any("2001年1月1日 没有有效版本" in c.value for c in at.caption)


def test_agency_page_finds_an_agency_by_part_of_its_name(open_page: OpenPage) -> None:
    at = open_page("agency", state={"agency_q": "机关服务"})
    assert not at.exception
    assert at.header[0].value == CENTRE_NAME


def test_agency_page_staffing_chart(open_page: OpenPage, history: dict[str, Any]) -> None:
    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN]})
    assert any(h.value == "人员编制变化" for h in at.subheader)
    assert len(at.get("vega_lite_chart")) == 1


def test_changes_page_filters_and_exports(open_page: OpenPage) -> None:
    at = open_page("changes")
    assert not at.exception
    everything = at.dataframe[0].value
    assert {FUJIAN, CENTRE_NAME} <= set(everything["机构"])
    at.multiselect(key="changes_types").set_value(["staffing_changed"]).run()
    narrowed = at.dataframe[0].value
    assert 0 < len(narrowed) < len(everything)
    assert set(narrowed["变化类型"]) == {"编制变化"}  # a word, not the code
    assert [b.label for b in at.get("download_button")] == ["下载 CSV", "下载 Parquet"]


def test_notice_page_highlights_spans_and_reports_quality(
    open_page: OpenPage, history: dict[str, Any]
) -> None:
    at = open_page("notice", query={"notice": history["notice_ids"][2010]})
    assert not at.exception
    assert any("declared 22 units, found 3" in seen(w.value) for w in at.warning)
    source = at.get("html")[0].value
    assert source.count("<mark") >= 8  # adjustments, duties and units of the 2010 record
    assert "&lt;b&gt;依法" in source and "<b>" not in source
    assert any(REJECTED_SOURCE in str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())


def test_notice_page_highlights_an_amendments_effects(open_page: OpenPage, history: dict[str, Any]) -> None:
    at = open_page("notice", query={"notice": history["notice_ids"][2012]})
    assert not at.exception
    source = at.get("html")[0].value
    assert source.count("<mark") == 2  # the rename and the new unit
    assert "内设机构更名" in source and "unit_renamed" not in source


def test_notice_page_shows_why_an_input_was_rejected(open_page: OpenPage) -> None:
    rejected = hashlib.sha256(REJECTED_RAW).hexdigest()  # a rejection's id is the hash of its bytes
    at = open_page("notice", query={"notice": rejected})
    assert not at.exception
    assert seen(at.subheader[0].value) == REJECTED_SOURCE
    assert "binary: not text" in seen(at.error[0].value)


def test_notice_page_shows_numbering_gaps(open_page: OpenPage, history: dict[str, Any]) -> None:
    at = open_page("notice")
    at.selectbox(key="notice_pick").set_value(history["notice_ids"][2008]).run()
    assert not at.exception
    assert any("缺少第 3 项" in w.value for w in at.warning)


def test_search_finds_duties_in_every_version(open_page: OpenPage) -> None:
    at = open_page("search", state={"search_q": "配额"})
    assert not at.exception
    every = sum(len(df.value) for df in at.dataframe)
    assert every >= 3  # the 2005 duty and the quota unit of both versions
    at.toggle(key="search_current").set_value(True).run()
    current = sum(len(df.value) for df in at.dataframe)
    assert 0 < current < every


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("delete from notices", "DELETE"),
        ("create table x as select 1", "CREATE"),
        ("copy notices to '/tmp/x.csv'", "COPY"),
        ("attach '/tmp/other.duckdb' as other", "ATTACH"),
        ("select 1; select 2", "one statement"),
        ("select * from read_csv('/etc/hostname')", "disabled"),
        ("selec 1", "syntax"),
    ],
)
def test_sql_page_refuses_writes_and_errors(open_page: OpenPage, sql: str, refusal: str) -> None:
    at = open_page("sql")
    at.text_area(key=at.text_area[0].key).set_value(sql).run()
    assert not at.exception
    assert refusal.lower() in at.error[0].value.lower()


def test_sql_page_runs_the_example_query(open_page: OpenPage) -> None:
    at = open_page("sql")
    assert not at.exception and not at.error
    result = at.dataframe[0].value
    assert {"change_type", "events"} <= set(result.columns)
    assert result["events"].sum() >= 8


def test_agency_page_with_an_unknown_id_says_so(open_page: OpenPage) -> None:
    at = open_page("agency", query={"agency": "no-such-agency"})
    assert not at.exception
    assert "没有编号为 no-such-agency 的机构" in seen(at.error[0].value)


def test_timeline_of_a_history_without_change_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.dashboard.dashboard_history import NOTICES

    db = tmp_path / "yange.duckdb"
    with storage.writer(db) as con:  # one first version: no change event at all
        storage.store_notice(
            con, parsed=NOTICES[-1], raw=NOTICES[-1].text.encode(), source="a.txt", engines=default_engines()
        )
    monkeypatch.setenv("YANGE_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert _metrics(at) == {"机构": "1", "版本": "1", "变化事件": "0"}
    assert len(at.get("vega_lite_chart")) == 1


def test_rounds_page_shows_who_gave_what_to_whom(open_page: OpenPage, history: dict[str, Any]) -> None:
    at = open_page("rounds")
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1  # the flow diagram
    arrows = [seen(e.label) for e in at.expander]
    assert arrows == [f"原省口岸和海防管理委员会办公室 → {FUJIAN}：1 项（文件声明）"]
    links = {seen(link.value): link.proto.query_string for link in at.get("page_link")}
    assert links[f"文件：{FUJIAN_2010_TITLE}"] == f"notice={history['notice_ids'][2010]}"  # behind the arrow
    created = [label for label in links if label.startswith(("2003年", "2005年", "2009年"))]
    assert len(created) == 3  # each agency's first version
    assert any("职责划入" in seen(m.value) for m in at.markdown)  # the lineage link of 2010
    at.multiselect(key="rounds_regions").set_value(["中央"]).run()
    assert not at.expander and any("该时期没有划转" in c.value for c in at.caption)


def test_round_arrows_count_duties_and_add_up_posts() -> None:
    import pandas as pd

    from dashboard.data import round_arrows

    flows = pd.DataFrame(
        [
            {"giver": "甲", "receiver": "乙", "how": "declared", "section": "duty", "text": "职责一", "notice_id": "n1",
             "staff": None},
            {"giver": "甲", "receiver": "乙", "how": "declared", "section": "staffing", "text": "编制", "notice_id": "n1",
             "staff": {"行政编制": 5}},
            {"giver": "甲", "receiver": "乙", "how": "declared", "section": "staffing", "text": "编制", "notice_id": "n2",
             "staff": {"行政编制": 2, "正处级领导职数": 1}},
            {"giver": "甲", "receiver": "乙", "how": "observed", "section": "duty", "text": "职责一", "notice_id": "n1",
             "staff": None},
        ]
    )  # fmt: skip
    arrows = round_arrows(flows).set_index("how")
    assert arrows.loc["declared", "count"] == 1 and arrows.loc["observed", "count"] == 1
    assert arrows.loc["declared", "staff"] == {"行政编制": 7, "正处级领导职数": 1}
    assert arrows.loc["declared", "notices"] == ["n1", "n2"]
