"""The `yange` command line (CONTRACT §1).

Heavy imports (Prefect, DuckDB, Streamlit) happen inside the commands that need them, so that
`yange parse` starts in a fraction of a second. No command shows a traceback: expected failures print
one line and exit with the contract's code; anything unexpected prints one line and exits 1.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Annotated, Any

import typer

from yange.errors import NoticeRejected, StorageError, StorageTransientError
from yange.settings import get_settings

app = typer.Typer(
    help="Yange (沿革): track how agencies change through reform notices (三定).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB history file (default: $YANGE_DB or data/yange.duckdb)."),
]


def _db_path(db: Path | None) -> Path:
    return db if db is not None else get_settings().db


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Notice files (.txt or .html, any common encoding).")],
) -> None:
    """Parse notices and print one JSON object per file (JSON Lines); store nothing."""
    from yange.parse import parse_bytes
    from yange.safe_read import read_regular_file

    settings = get_settings()
    bad = 0
    for path in files:
        try:
            # Opened once, checked on the handle: a FIFO, a device or /dev/zero is refused, never read.
            data = read_regular_file(path, max_bytes=settings.max_notice_bytes)
            parsed = parse_bytes(data, source=str(path), max_bytes=settings.max_notice_bytes)
        except NoticeRejected as exc:
            typer.echo(f"{path}: {exc}", err=True)
            bad += 1
            continue
        except OSError as exc:
            typer.echo(f"{path}: unreadable: {exc.strerror or exc}", err=True)
            bad += 1
            continue
        sys.stdout.write(parsed.model_dump_json() + "\n")
        sys.stdout.flush()
    if bad:
        raise typer.Exit(2)


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Folders, files or http(s) index/feed addresses (default: configured sources)."),
    ] = None,
    db: DbOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show Prefect's own run logs, and tracebacks.")
    ] = False,
    use_prefect: Annotated[
        bool,
        typer.Option(
            "--prefect",
            help="Run as a Prefect flow run even with no Prefect API configured "
            "(starts Prefect's temporary server).",
        ),
    ] = False,
) -> None:
    """Fetch new notices, parse, snapshot, diff; print a summary.

    Runs in this process, unless a Prefect API is configured (PREFECT_API_URL, prefect.toml or the
    active Prefect profile) or --prefect is given: then it is a flow run recorded by Prefect."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from flows.prefect_config import announce_temporary_server, configured_api_url

    chosen = list(sources) if sources else list(get_settings().sources)
    if use_prefect or configured_api_url() is not None:
        level = "INFO" if verbose else "CRITICAL"
        _quiet_prefect(level)
        announce_temporary_server(lambda line: typer.echo(line, err=True))
        from flows.ingest import ingest_with_progress as run

        logging.getLogger("prefect").setLevel(level)  # also when Prefect was configured before this command
    else:
        from flows.pipeline import run_pipeline as run
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, transient=True
    ) as progress:
        task_id = progress.add_task("ingesting", total=None)

        def on_progress(stage: str, done: int, total: int | None) -> None:
            progress.update(task_id, description=stage, completed=done, total=total)

        summary = run(sources=chosen, db=str(_db_path(db)), progress=on_progress)
    typer.echo(summary.render())
    if summary.new:
        typer.echo("next: `yange diff AGENCY` for one agency's events, `make dashboard` to browse them")


@app.command()
def diff(
    agency: Annotated[str, typer.Argument(help="Agency name or alias.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON array of event objects.")] = False,
    lineage: Annotated[
        bool, typer.Option("--lineage", help="Include the events of its predecessors (renames, mergers).")
    ] = False,
) -> None:
    """Print the change events of one agency, oldest first."""
    import storage
    from storage import queries

    path = _db_path(db)
    if not path.exists():
        raise _fail(f"{path}: no history database (run `yange ingest` first)", 2)
    with storage.open_reader(path) as con:
        agency_id = queries.resolve_agency(con, agency)
        if agency_id is None:
            raise _fail(f"unknown agency: {agency}", 2)
        events = queries.agency_events(con, agency_id, follow_lineage=lineage)
    if as_json:
        typer.echo(json.dumps(events, ensure_ascii=False, default=str))
        return
    _print_events(agency, agency_id, events)


def _print_events(agency: str, agency_id: str, events: list[dict[str, Any]]) -> None:
    """One heading per version, one line per event: plain text that pipes and greps well."""
    typer.echo(f"{agency}: {len(events)} change events")
    heading = None
    for event in events:
        this = (event.get("published_on"), event.get("notice_title"), event.get("doc_number"))
        if this != heading:
            heading = this
            typer.echo(f"\n{this[0] or 'undated'}  {this[1] or ''}  {this[2] or ''}".rstrip())
            if event.get("agency_id") != agency_id:  # a predecessor's event (--lineage)
                typer.echo(f"  ({event.get('agency')})")
        typer.echo("  " + _event_line(event))


def _event_line(event: dict[str, Any]) -> str:
    kind = str(event.get("change_type"))
    unit = f"[{event['unit_name']}] " if event.get("unit_name") else ""
    old, new = str(event.get("old_text") or ""), str(event.get("new_text") or "")
    if old and new:  # start both snippets just before the first difference, where the reader looks
        same = len(os.path.commonprefix([old, new]))
        cut = max(0, same - 8)
        lead = "…" if cut else ""
        body = f"{lead}{_clip(old[cut:])} -> {lead}{_clip(new[cut:])}"
    else:
        body = _clip(old or new)
    sim = event.get("similarity")
    tail = "" if sim is None else f"  ({sim:.2f})"
    return f"{kind:<20} {unit}{body}{tail}"


def _clip(text: object, width: int = 36) -> str:
    value = "" if text is None else " ".join(str(text).split())
    return value if len(value) <= width else value[: width - 1] + "…"


@app.command()
def dashboard(
    db: DbOption = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8501,
) -> None:
    """Start the Streamlit dashboard on 127.0.0.1."""
    app_path = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_path),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--", "--db", str(_db_path(db)),
    ]  # fmt: skip
    typer.echo(f"dashboard on http://127.0.0.1:{port}  (Ctrl-C to stop)", err=True)
    try:
        raise typer.Exit(subprocess.call(command))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command()
def digest(
    since: Annotated[str, typer.Option("--since", help="First publication date, YYYY-MM-DD.")],
    agency: Annotated[str | None, typer.Option("--agency", help="Only notices about this agency.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md (Markdown) or atom (an Atom feed).")] = "md",
    base_url: Annotated[
        str, typer.Option("--base-url", help="The dashboard's address, for the links to each notice.")
    ] = "http://127.0.0.1:8501",
    db: DbOption = None,
) -> None:
    """Print what changed since a date: one entry per notice, each linking to it on the dashboard."""
    import datetime as dt

    import storage
    from dashboard import vocab
    from storage import queries
    from yange import digest as render

    try:
        day = dt.date.fromisoformat(since)
    except ValueError:
        raise _fail(f"--since {since!r}: not a date (YYYY-MM-DD)", 2) from None
    if fmt not in ("md", "atom"):
        raise _fail(f"--format {fmt!r}: use md or atom", 2)
    path = _db_path(db)
    if not path.exists():
        raise _fail(f"{path}: no history database (run `yange ingest` first)", 2)
    with storage.open_reader(path) as con:
        agency_id = queries.resolve_agency(con, agency) if agency else None
        if agency and agency_id is None:
            raise _fail(f"unknown agency: {agency}", 2)
        entries = queries.digest(con, since=day, agency_id=agency_id)
    words = {code: zh for code, (zh, _) in vocab.CHANGE_TYPES.items()}
    heading = vocab.text("digest.heading", "zh", since=vocab.date(day, "zh"))
    if fmt == "md":
        text = render.markdown(entries, since=day, base_url=base_url, words=words, heading=heading)
        typer.echo(text, nl=False)
        return
    updated = dt.datetime.now(dt.UTC)
    feed = render.atom(entries, since=day, base_url=base_url, words=words, heading=heading, updated=updated)
    sys.stdout.buffer.write(feed)


@app.command()
def rebuild(db: DbOption = None) -> None:
    """Re-parse every stored notice and recompute snapshots and changes (after a parser upgrade)."""
    import storage

    path = _db_path(db)
    if not path.exists():
        raise _fail(f"{path}: no history database", 2)
    from flows.engines import default_engines

    with storage.writer(path) as con:
        result = storage.rebuild(con, engines=default_engines())
    typer.echo(" ".join(f"{key}={value}" for key, value in result.items()))


@app.command()
def serve() -> None:
    """Serve the ingest flow on its daily schedule from this process (Prefect, no deployment needed)."""
    from flows.prefect_config import announce_temporary_server

    announce_temporary_server(lambda line: typer.echo(line, err=True))
    from flows.serve import serve as serve_flow

    serve_flow()


def _quiet_prefect(level: str) -> None:
    """Prefect logs every task run, and a failed run's traceback; the CLI prints its own summary
    and a one-line error instead (`--verbose` shows Prefect's logs)."""
    os.environ["PREFECT_LOGGING_LEVEL"] = level
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    # A Dask cluster (YANGE_TASK_RUNNER=dask) logs every worker's start and stop the same way.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", level.lower())


def main() -> None:
    """Console-script entry: the contract's exit codes, and never a traceback (unless --verbose):
    one line that says what failed and what to do next."""
    verbose = any(arg in ("--verbose", "-v") for arg in sys.argv[1:])
    try:
        app(standalone_mode=True)
    except NoticeRejected as exc:
        typer.echo(f"rejected: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # the last guard: one line, not a traceback
        if verbose:
            traceback.print_exc()
        typer.echo(f"yange: {explain(exc)}", err=True)
        sys.exit(1)


def explain(exc: BaseException) -> str:
    """One line for a failure: what failed and what to do next; never a raw exception dump."""
    message = " ".join(str(exc).split())
    if isinstance(exc, StorageTransientError):
        return f"the history is busy: {message}"
    if isinstance(exc, StorageError):
        return f"storage error: {message}"
    if "ephemeral prefect api server" in message.lower():
        wait = os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "20")
        return (
            f"Prefect's temporary API server did not answer within {wait} s: raise "
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, point PREFECT_API_URL at a running "
            "server, or run `yange ingest` without --prefect"
        )
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
    return (
        f"internal error ({type(exc).__name__}) in `yange {command}`; "
        "run it again with --verbose for the details, and report it"
    )


if __name__ == "__main__":
    main()
