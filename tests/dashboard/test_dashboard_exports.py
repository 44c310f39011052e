"""ISSUE 15 points 4 and 5: the digest (page, `yange digest`) and the Word/Markdown documents; each
produced file is opened and read back."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from dashboard import data, documents
from tests.dashboard.dashboard_history import FUJIAN, OpenPage
from yange.cli import app
from yange.export import CompareRow, comparison_docx

ATOM = "{http://www.w3.org/2005/Atom}"


def _runs(cell: Any) -> list[tuple[str, bool, bool]]:
    return [(r.text, bool(r.font.strike), bool(r.font.underline)) for p in cell.paragraphs for r in p.runs]


def test_comparison_docx_has_the_table_and_the_reviewers_marks() -> None:
    rows = [
        CompareRow("主要职责", "changed", "负责全省外贸工作。", "负责全省商务工作。",
                   [("equal", "负责全省"), ("delete", "外贸"), ("insert", "商务"), ("equal", "工作。")]),
        CompareRow("内设机构", "added", None, "口岸处"),
        CompareRow("内设机构", "removed", "外贸管理处", None),
    ]  # fmt: skip
    blob = comparison_docx(rows, title="某厅 新旧对照", subtitle="2005 → 2010", old_title="旧", new_title="新",
                           adjustments_title="职责调整", adjustments=["【职责划入】划入口岸协调职责。 ✓"])  # fmt: skip
    doc = Document(io.BytesIO(blob))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["旧", "新"]
    assert table.rows[1].cells[0].text == "主要职责"  # a section heading across both columns
    old, new = table.rows[2].cells
    assert _runs(old) == [("负责全省", False, False), ("外贸", True, False), ("工作。", False, False)]
    assert _runs(new) == [("负责全省", False, False), ("商务", False, True), ("工作。", False, False)]
    added, removed = table.rows[4].cells[1], table.rows[5].cells[0]
    assert _runs(added) == [("口岸处", False, True)] and _runs(removed) == [("外贸管理处", True, False)]
    assert any("划入口岸协调职责" in p.text for p in doc.paragraphs)


def test_the_agency_page_exports_open_and_read(open_page: OpenPage, history: dict[str, Any]) -> None:
    first, second, _ = history["versions"][FUJIAN]
    at = open_page("agency", query={"agency": history["agency_ids"][FUJIAN], "old": first, "new": second})
    assert not at.exception
    buttons = {b.label for b in at.get("download_button")}
    assert {"下载新旧对照（Word）", "下载该日有效职责（Word）", "下载该日有效职责（Markdown）"} <= buttons
    db = str(history["path"])
    cmp = data.comparison(db, first, second)
    doc = Document(
        io.BytesIO(
            documents.comparison_word(cmp, title="对照", old_title="2005", new_title="2010", lang="zh")
        )
    )
    cells = [c for row in doc.tables[0].rows for c in row.cells]
    struck = "".join(t for c in cells for t, strike, _ in _runs(c) if strike)
    underlined = "".join(t for c in cells for t, _, under in _runs(c) if under)
    assert "负责全省机电产品进出口配额的管理工作" in struck  # the removed duty
    assert "口岸处" in underlined  # the new unit
    assert "<b>依法</b>" in "".join(c.text for c in cells)  # notice text as written, never markup
    declared = [p.text for p in doc.paragraphs if "【" in p.text]
    assert any("职责划入" in p and "✓" in p for p in declared) and any("存疑" in p for p in declared)

    record = data.record_as_of(db, history["agency_ids"][FUJIAN], dt.date(2011, 1, 1))
    word = Document(io.BytesIO(documents.record_word(record, title="福建 2011年1月1日", lang="zh")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["福建 2011年1月1日", "职责调整"] and "主要职责" in headings
    markdown = documents.record_md(record, title="福建 2011年1月1日", lang="zh").decode()
    assert markdown.startswith("# 福建 2011年1月1日")
    assert "## 主要职责" in markdown and r"\<b\>依法\<\/b\>" in markdown  # escaped: reads as written


def test_file_names_carry_no_path() -> None:
    name = documents.file_name("../../etc/机构\n名", dt.date(2010, 5, 29), suffix="docx")
    assert "/" not in name and "\n" not in name and name.endswith("2010-05-29.docx")


def test_digest_page_lists_each_notice_with_a_link(open_page: OpenPage, history: dict[str, Any]) -> None:
    at = open_page("digest", state={"digest_since": dt.date(2009, 1, 1)})
    assert not at.exception
    links = [link.proto.query_string for link in at.get("page_link")]
    assert {f"notice={history['notice_ids'][y]}" for y in (2010, 2012)} <= set(links)
    assert f"notice={history['notice_ids'][2005]}" not in links  # before the date
    assert any("职责调整表述" in t.value for t in at.text)  # change types as words
    linked = open_page("digest", query={"since": "2012-01-01"})  # the feed's alternate link
    assert [link.proto.query_string for link in linked.get("page_link")] == [
        f"notice={history['notice_ids'][2012]}"
    ]


@pytest.fixture
def cli_db(history: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("YANGE_DB", str(history["path"]))
    return str(history["path"])


def test_yange_digest_markdown(cli_db: str, history: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["digest", "--since", "2010-01-01", "--db", cli_db])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("# 机构改革动态（2010年1月1日以来）")
    assert f"/notice?notice={history['notice_ids'][2010]}" in out
    assert history["notice_ids"][2008] not in out
    assert re.search(r"^## 2012年3月16日 ", out, re.M) and out.index("2012年3月16日") < out.index(
        "2010年5月29日"
    )
    assert "内设机构更名 1" in out


def test_yange_digest_atom_for_one_agency(cli_db: str, history: dict[str, Any]) -> None:
    result = CliRunner().invoke(
        app, ["digest", "--since", "2000-01-01", "--agency", FUJIAN, "--format", "atom", "--db", cli_db]
    )
    assert result.exit_code == 0, result.output
    feed = ET.fromstring(result.stdout_bytes)
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert links == [
        f"http://127.0.0.1:8501/notice?notice={history['notice_ids'][y]}" for y in (2012, 2010, 2005)
    ]
    assert all(e.find(f"{ATOM}title").text for e in entries)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--since", "yesterday"], "not a date"), (["--since", "2010-01-01", "--format", "rss"], "md or atom"),
     (["--since", "2010-01-01", "--agency", "没有这个机构"], "unknown agency")],
)  # fmt: skip
def test_yange_digest_refuses_bad_arguments(cli_db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["digest", *args, "--db", cli_db])
    assert result.exit_code == 2 and message in result.output
