"""The pipeline end to end without Prefect (`run_pipeline`): the same stages the flow runs.

Each case checks what happened to every notice (new / unchanged / rejected, with the reason), what
the database holds afterwards, and that a second run adds nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

import storage
from flows.pipeline import run_pipeline
from flows.report import NoticeOutcome
from flows.sources import Fetched
from flows.sources.web import FetchPolicy
from tests.conftest import FUJIAN, MOFCOM
from tests.flows.notice_server import NOTICES, NoticeServer

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _rows(db: str, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _counts(db: str) -> tuple[object, ...]:
    return _rows(
        db,
        "select (select count(*) from notices), (select count(*) from snapshots),"
        " (select count(*) from changes), (select count(*) from duties)",
    )[0]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Both seeds, plus files that must be rejected: empty, binary, and prose that is no notice."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for source in NOTICES.values():
        shutil.copy(source, folder / source.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(bytes(range(256)) * 8)
    (folder / "chat.txt").write_text("今天天气很好，我们去公园散步。", encoding="utf-8")
    return folder


def _by_name(summary_outcomes) -> dict[str, tuple[str, str | None]]:
    return {Path(o.location).name: (o.outcome, o.reason) for o in summary_outcomes}


def test_folder_inbox_sorts_every_file_and_rerun_adds_nothing(inbox: Path, db: str) -> None:
    first = run_pipeline([str(inbox)], db=db)
    outcomes = _by_name(first.outcomes)
    assert {name for name, (outcome, _) in outcomes.items() if outcome == "new"} == {
        p.name for p in NOTICES.values()
    }
    rejected = {name: reason for name, (outcome, reason) in outcomes.items() if outcome == "rejected"}
    assert set(rejected) == {"empty.txt", "image.html", "chat.txt"}
    assert rejected["empty.txt"].startswith("empty")
    assert all(reason for reason in rejected.values())
    # Rejections are recorded in the history with their reason.
    recorded = dict(_rows(db, "select source, reason from notices where status = 'rejected'"))
    assert {Path(s).name for s in recorded} == set(rejected)
    before = _counts(db)

    second = run_pipeline([str(inbox)], db=db)
    assert (second.new, len(second.rejected), second.unchanged) == (0, 0, 5)
    assert _counts(db) == before


def test_later_version_yields_change_events(tmp_path: Path, db: str) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples" / "notices"
    older = examples / "fujian-2010-foreign-trade-sanding.txt"
    newer = examples / "fujian-2012-foreign-trade-sanding-derived.txt"
    run_pipeline([str(older)], db=db)
    summary = run_pipeline([str(newer)], db=db)
    assert summary.new == 1
    events = summary.change_events
    # The derived 2012 version renames 信息化处, drops a duty, and cuts the staffing (examples README).
    assert events.get("unit_renamed", 0) >= 1
    assert events.get("duty_removed", 0) >= 1
    assert events.get("staffing_changed", 0) >= 1
    assert summary.outcomes[0].changes == events


def test_changed_file_at_same_path_is_parsed_again(tmp_path: Path, db: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = inbox / "notice.txt"
    target.write_bytes(NOTICES["fujian.txt"].read_bytes())
    assert run_pipeline([str(inbox)], db=db).new == 1
    target.write_bytes(NOTICES["mofcom.txt"].read_bytes())  # the inbox file was replaced
    assert run_pipeline([str(inbox)], db=db).new == 1


def test_index_page_then_conditional_rerun(server: NoticeServer, policy: FetchPolicy, db: str) -> None:
    first = run_pipeline([f"{server.base}/index.html"], db=db, policy=policy)
    assert (first.new, first.unchanged, len(first.rejected)) == (2, 0, 1)
    assert first.rejected[0].location.endswith("/not-a-notice")
    assert first.rejected[0].reason and first.rejected[0].reason.startswith("not_a_notice")
    before = _counts(db)
    downloads = sum(server.downloads.values())

    second = run_pipeline([f"{server.base}/index.html"], db=db, policy=policy)
    assert (second.new, second.unchanged, len(second.rejected)) == (0, 3, 0)
    # The index and both notices answered 304; only the ETag-less prose page was sent again.
    assert sum(server.downloads.values()) - downloads == 1
    assert server.downloads["/index.html"] == 1
    assert _counts(db) == before


@pytest.mark.parametrize("path", ["/feed.xml", "/atom.xml"])
def test_feeds(server: NoticeServer, policy: FetchPolicy, db: str, path: str) -> None:
    first = run_pipeline([f"{server.base}{path}"], db=db, policy=policy)
    assert first.new == (2 if path == "/feed.xml" else 1)
    assert not first.rejected
    second = run_pipeline([f"{server.base}{path}"], db=db, policy=policy)
    assert (second.new, len(second.rejected)) == (0, 0)


def test_every_failure_ends_rejected_and_the_batch_goes_on(
    server: NoticeServer, policy: FetchPolicy, db: str
) -> None:
    tight = policy.model_copy(update={"timeout_s": 0.3, "retry_delays_s": [0.0]})
    summary = run_pipeline([f"{server.base}/failures.html|selector=a"], db=db, policy=tight)
    outcome = {o.location.removeprefix(server.base): (o.outcome, o.reason or "") for o in summary.outcomes}
    assert outcome["/flaky/fujian.txt"][0] == "new"  # 500, then retried successfully
    assert outcome["/n/mofcom.txt"][0] == "new"
    expected = {
        "/slow": "Timeout",
        "/loop": "redirects",
        "/to-file": "file",
        "/huge": "too_large",
        "/huge-declared": "too_large",
        "/down": "500",
        "/not-a-notice": "not_a_notice",
        "/missing": "404",
    }
    for path, fragment in expected.items():
        assert outcome[path][0] == "rejected", path
        assert fragment in outcome[path][1], (path, outcome[path])
    recorded = {
        s.removeprefix(server.base)
        for (s,) in _rows(db, "select source from notices where status = 'rejected'")
    }
    assert recorded == set(expected)
    parsed_before = _rows(db, "select count(*) from notices where status = 'parsed'")

    again = run_pipeline([f"{server.base}/failures.html|selector=a"], db=db, policy=tight)
    assert again.new == 0
    assert _rows(db, "select count(*) from notices where status = 'parsed'") == parsed_before


def test_a_failing_source_does_not_stop_the_others(
    server: NoticeServer, policy: FetchPolicy, db: str
) -> None:
    summary = run_pipeline(
        [f"{server.base}/missing-index.html", f"{server.base}/flaky-index.html", str(GOLDEN / "nope")],
        db=db,
        policy=policy,
    )
    assert [f.source for f in summary.failed_sources] == [
        f"{server.base}/missing-index.html",
        str(GOLDEN / "nope"),
    ]
    assert "404" in summary.failed_sources[0].reason
    assert summary.new == 2  # the flaky index answered on its retry
    assert server.hits["/flaky-index.html"] == 2
    assert "sources that failed" in summary.render()


def test_progress_counts_across_batches(inbox: Path, db: str) -> None:
    calls: list[tuple[str, int, int | None]] = []
    run_pipeline(
        [str(inbox)],
        db=db,
        batch_size=2,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    stored = [c for c in calls if c[0].startswith("storing")]
    assert [done for _, done, _ in stored] == [1, 2, 3, 4, 5]
    assert {total for _, _, total in stored} == {5}


def test_summary_render_and_markdown(inbox: Path, db: str) -> None:
    summary = run_pipeline([str(inbox)], db=db)
    text = summary.render()
    assert text.startswith("ingest: 2 new, 0 unchanged, 3 rejected")
    assert "empty.txt: empty" in text
    markdown = summary.to_markdown()
    assert "**2** new" in markdown
    assert markdown.count("\n| ") >= 2 + 3  # a row per new notice and per reject
    dumped = summary.model_dump(mode="json")
    assert dumped["new"] == 2 and len(dumped["rejected"]) == 3


def test_small_batches_give_the_same_outcomes(inbox: Path, tmp_path: Path) -> None:
    whole = run_pipeline([str(inbox)], db=str(tmp_path / "whole.duckdb"))
    split = run_pipeline([str(inbox)], db=str(tmp_path / "split.duckdb"), batch_size=2)
    assert [(o.location, o.outcome, o.reason) for o in split.outcomes] == [
        (o.location, o.outcome, o.reason) for o in whole.outcomes
    ]
    assert split.change_events == whole.change_events


def test_split_keeps_the_listing_memory_for_the_last_batch() -> None:
    from flows.sources import Candidate
    from flows.sources.state import SeenEntry
    from flows.stages import Discovery, split

    listing = SeenEntry(location="https://host/list.html", etag='"v1"')
    found = Discovery(
        source="s", candidates=[Candidate(source="s", location=f"n{i}") for i in range(5)], seen=[listing]
    )
    failed = Discovery(source="t", error="HTTP 404")
    parts = split([found, failed], size=2)
    assert [[c.location for c in p.candidates] for p in parts] == [["n0", "n1"], ["n2", "n3"], ["n4"], []]
    assert [p.seen for p in parts] == [[], [], [listing], []]
    assert parts[-1].error == "HTTP 404"


def test_batch_k_is_fetched_and_stored_while_the_parse_beside_it_runs() -> None:
    """The order both runners share (stages.run_batches): fetch k while k-1 parses, start parsing k
    once k-1 is parsed, then store k-1 while k parses."""
    from flows.report import IngestSummary
    from flows.sources import Candidate
    from flows.stages import Batch, Discovery, run_batches

    found = [Discovery(source="s", candidates=[Candidate(source="s", location=f"n{i}") for i in range(3)])]
    events: list[str] = []

    def parse(part: Discovery, fetched: list[Fetched]) -> Callable[[], Batch]:
        name = part.candidates[0].location
        events.append(f"start parse {name}")

        def wait() -> Batch:
            events.append(f"parsed {name}")
            return Batch(source=name)

        return wait

    def store(batch: Batch) -> list[NoticeOutcome]:
        events.append(f"store {batch.source}")
        return []

    def fetch(part: Discovery) -> list[Fetched]:
        events.append(f"fetch {part.candidates[0].location}")
        return []

    run_batches(found, IngestSummary(sources=["s"], db="h"), size=1, fetch=fetch, parse=parse, store=store)
    assert events == [
        "fetch n0",
        "start parse n0",
        "fetch n1",
        "parsed n0",
        "start parse n1",
        "store n0",
        "fetch n2",
        "parsed n1",
        "start parse n2",
        "store n1",
        "parsed n2",
        "store n2",
    ]


def test_render_shortens_long_lists() -> None:
    from flows.report import LIST_LIMIT, IngestSummary, NoticeOutcome

    many = [
        NoticeOutcome(source="s", location=f"n{i}", outcome="rejected", reason="empty: no text")
        for i in range(45)
    ]
    text = IngestSummary.of(many, sources=["s"]).render()
    assert text.count("empty: no text") == LIST_LIMIT
    assert f"… and {45 - LIST_LIMIT} more" in text
    assert IngestSummary.of(many, sources=["s"]).to_markdown().count("empty: no text") == 45


def test_html_notice_in_a_legacy_encoding(server: NoticeServer, policy: FetchPolicy, db: str) -> None:
    summary = run_pipeline([f"{server.base}/gbk-index.html"], db=db, policy=policy)
    assert (summary.new, len(summary.rejected)) == (1, 0)
    assert summary.outcomes[0].title == "商务部关于印发机关服务中心、外贸发展中心等单位的主要职能的通知"


def test_a_notice_storage_refuses_is_rejected_and_the_batch_is_kept(
    inbox: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: storage fails on one notice. Storing the batch together rolls back as a
    whole, so the stage stores one by one: that notice is rejected (and not remembered), the others
    are stored."""
    import storage
    from yange.errors import StorageError

    real_many, real_one = storage.store_notices, storage.store_notice
    poisoned = "fujian-2010-foreign-trade-sanding.txt"

    def many(con, items, **kwargs):
        items = list(items)
        if any(source.endswith(poisoned) for _, _, source in items):
            raise StorageError("constraint failed")
        return real_many(con, items, **kwargs)

    def one(con, *, parsed, raw, source, **kwargs):
        if source.endswith(poisoned):
            raise StorageError("constraint failed")
        return real_one(con, parsed=parsed, raw=raw, source=source, **kwargs)

    monkeypatch.setattr(storage, "store_notices", many)
    monkeypatch.setattr(storage, "store_notice", one)
    summary = run_pipeline([str(inbox)], db=db)
    outcomes = _by_name(summary.outcomes)
    assert outcomes[poisoned] == ("rejected", "storage: constraint failed")
    assert outcomes["mofcom-2003-unit-functions.txt"][0] == "new"

    monkeypatch.undo()  # storage works again: the refused notice was not remembered, so it is retried
    again = run_pipeline([str(inbox)], db=db)
    assert _by_name(again.outcomes)[poisoned][0] == "new"
    assert "mofcom-2003-unit-functions.txt" not in _by_name(again.outcomes)  # unchanged: only counted
    assert (again.new, again.unchanged) == (1, len(NOTICES) - 1 + 3)  # the three rejects are known too


def test_no_file_name_poisons_a_run(tmp_path: Path, db: str) -> None:
    """A name that is not UTF-8, one with a newline, one with a terminal escape: each notice is
    recorded under a safe spelling, the summary has one line per file, and a rerun knows them all."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    folder = os.fsencode(inbox)
    (inbox / "ok.txt").write_bytes(FUJIAN.read_bytes())
    Path(os.fsdecode(folder + b"/bad-\xff\xfe-name.txt")).write_bytes(MOFCOM.read_bytes())
    Path(os.fsdecode(folder + b"/line\nforged: 99 new.txt")).write_text("明天多云。", encoding="utf-8")
    Path(os.fsdecode(folder + b"/esc\x1b[31mred.txt")).write_text("天气晴。", encoding="utf-8")
    summary = run_pipeline([str(inbox)], db=db)
    assert (summary.new, len(summary.rejected)) == (2, 2), summary.render()
    text = summary.render()
    assert "\x1b" not in text and "forged: 99 new.txt" in text
    rejected = [line for line in text.splitlines() if line.startswith(f"  {inbox}/")]
    assert sorted(line.split(": ")[0].strip() for line in rejected) == [
        f"{inbox}/esc\\x1b[31mred.txt",
        f"{inbox}/line\\nforged",
    ]
    again = run_pipeline([str(inbox)], db=db)
    assert (again.new, again.unchanged, len(again.rejected)) == (0, 4, 0)
    with storage.open_reader(db) as con:
        sources = {row[0] for row in con.execute("SELECT source FROM notices").fetchall()}
    assert f"{inbox}/bad-\\xff\\xfe-name.txt" in sources


def test_a_rerun_reads_only_files_whose_size_or_mtime_changed(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in (FUJIAN, MOFCOM):
        (inbox / seed.name).write_bytes(seed.read_bytes())
    assert run_pipeline([str(inbox)], db=db).new == 2
    from flows.sources import folder

    reads: list[str] = []
    real = folder.read_regular_file

    def counted(path: str, **kwargs: object) -> bytes:
        reads.append(Path(path).name)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(folder, "read_regular_file", counted)
    assert run_pipeline([str(inbox)], db=db).unchanged == 2
    assert reads == []  # a stat per file, no read
    changed = inbox / MOFCOM.name
    stamp = changed.stat()
    changed.write_bytes(FUJIAN.read_bytes()[: stamp.st_size].ljust(stamp.st_size, b" "))  # same size
    os.utime(changed, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    again = run_pipeline([str(inbox)], db=db)
    assert reads == [MOFCOM.name]
    assert again.unchanged == 1
