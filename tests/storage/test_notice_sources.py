"""One notice from two sources is one notice with both sources: an HTML page, a .txt of it and a
traditional copy give one `notices` row (and its records) and one `notice_sources` row each."""

from __future__ import annotations

from pathlib import Path

import duckdb
import opencc
import pytest

import storage
from flows.engines import default_engines
from models import ParsedNotice
from storage import migrate
from tests.storage.conftest import dump
from yange.parse import parse_bytes

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
TEXT = (REAL / "109_fujian-2009-shengzhengfu-bangongting-sanding.txt").read_text(encoding="utf-8")


def _as_page(text: str) -> bytes:
    """The text as a site serves it (derived): a titled page with navigation and a footer."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return (
        "<html><head><title>福建省人民政府办公厅主要职责内设机构和人员编制规定_福建省机构编制网</title></head>"
        f"<body><nav>首页 | 机构概况 | 政务公开</nav><div>{paragraphs}</div><footer>版权所有 福建省编办</footer>"
        "</body></html>"
    ).encode()


COPIES = {
    "https://example.gov.cn/sanding.html": _as_page(TEXT),
    "notices/sanding.txt": TEXT.encode("utf-8"),
    "mirror/sanding-trad.txt": opencc.OpenCC("s2t").convert(TEXT).encode("utf-8"),
}


@pytest.fixture(scope="module")
def copies() -> list[tuple[ParsedNotice, bytes, str]]:
    return [(parse_bytes(raw, source=source), raw, source) for source, raw in COPIES.items()]


def sources(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    return con.execute("SELECT notice_id, source, raw_bytes FROM notice_sources ORDER BY source").fetchall()


def test_html_and_txt_are_one_notice_with_two_sources(
    con: duckdb.DuckDBPyConnection, copies: list[tuple[ParsedNotice, bytes, str]]
) -> None:
    (page, page_raw, page_src), (txt, txt_raw, txt_src) = copies[:2]
    assert page.notice.notice_id == txt.notice.notice_id
    engines = default_engines()
    assert storage.store_notice(con, parsed=page, raw=page_raw, source=page_src, engines=engines) == "new"
    before = dump(con)
    assert storage.store_notice(con, parsed=txt, raw=txt_raw, source=txt_src, engines=engines) == "unchanged"
    assert dump(con) == before  # the second copy changes no notice, snapshot or change
    assert con.execute("SELECT count(*), min(source) FROM notices").fetchone() == (1, page_src)
    notice_id = page.notice.notice_id
    assert sources(con) == [(notice_id, page_src, len(page_raw)), (notice_id, txt_src, len(txt_raw))]
    hashes = con.execute("SELECT count(DISTINCT raw_sha256) FROM notice_sources").fetchone()
    assert hashes == (2,)  # each copy's own bytes
    # a rerun of both stores nothing new and duplicates no source
    for parsed, raw, source in copies[:2]:
        assert (
            storage.store_notice(con, parsed=parsed, raw=raw, source=source, engines=engines) == "unchanged"
        )
    assert len(sources(con)) == 2
    assert dump(con) == before


def test_a_batch_keeps_every_source_once(
    con: duckdb.DuckDBPyConnection, copies: list[tuple[ParsedNotice, bytes, str]]
) -> None:
    engines = default_engines()
    assert storage.store_notices(con, copies, engines=engines) == ["new", "unchanged", "unchanged"]
    assert con.execute("SELECT count(*) FROM notices").fetchone() == (1,)
    assert [s for _, s, _ in sources(con)] == sorted(COPIES)
    first = con.execute("SELECT * FROM notice_sources ORDER BY source").fetchall()
    assert storage.store_notices(con, [*copies, copies[0]], engines=engines) == ["unchanged"] * 4
    assert con.execute("SELECT * FROM notice_sources ORDER BY source").fetchall() == first


def test_rebuild_keeps_every_source(
    con: duckdb.DuckDBPyConnection, copies: list[tuple[ParsedNotice, bytes, str]]
) -> None:
    engines = default_engines()
    storage.store_notices(con, copies, engines=engines)
    first = con.execute("SELECT * FROM notice_sources ORDER BY source").fetchall()
    storage.rebuild(con, engines=engines)
    assert con.execute("SELECT * FROM notice_sources ORDER BY source").fetchall() == first


def test_an_older_history_gets_its_sources_from_notices(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    migrate.migrate(old, upto=50)
    old.execute(
        "INSERT INTO notices (notice_id, title, source, status, raw, raw_sha256) VALUES"
        " ('n1', '关于…的通知', 'a.txt', 'parsed', 'abc'::BLOB, 'h1'),"
        " ('r1', NULL, 'b.txt', 'rejected', 'xyz'::BLOB, 'h2')"
    )
    old.close()
    con = storage.connect(path)
    rows = con.execute(
        "SELECT notice_id, source, raw_sha256, raw_bytes, title FROM notice_sources"
    ).fetchall()
    assert rows == [("n1", "a.txt", "h1", 3, "关于…的通知")]
    con.close()
