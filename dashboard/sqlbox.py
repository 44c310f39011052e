"""The SQL page's sandbox: one reader's query, run in a process of its own that dies with it.

`data.run_sql` starts this file as `python -I dashboard/sqlbox.py` for every query, hands it the
request as JSON on stdin, and kills it at the deadline. A process of its own is what bounds a query:
DuckDB checks for interrupts between vectors, not inside a scalar function (a `levenshtein` of two
long strings ran past 90 s), and a DuckDB instance of its own means no setting a reader manages to
change can reach another reader. Inside, the instance is locked before any user SQL runs: read-only,
no file access, a memory and a thread limit, `lock_configuration`; the address space is capped too,
for allocations DuckDB does not count. Only a plain SELECT is run; EXPLAIN (whose ANALYZE form runs
the statement it explains) is refused with everything else.

It imports only the standard library, DuckDB and Arrow (no `storage`: the data access of the page is
still `data.py`'s, which decides what runs here), and answers with an Arrow IPC stream on stdout, or
with exit code 2 and the reason on stderr.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

# Statement types a reader may run: plain SELECT (DuckDB's parser says what a statement is).
ALLOWED = frozenset({"SELECT"})
REFUSED_EXIT = 2


class Refused(Exception):
    """A statement this sandbox will not run, or one that failed; the message says why."""


def _connect(db: str, *, memory_mb: int, threads: int, wait_s: float = 10.0) -> Any:
    """A locked, read-only instance of DuckDB on `db`; retried while a writer holds the file."""
    import duckdb

    config = {
        "enable_external_access": "false",
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
        "memory_limit": f"{memory_mb}MB",
        "max_temp_directory_size": "0B",
        "threads": str(threads),
    }
    deadline = time.monotonic() + wait_s
    while True:
        try:
            con = duckdb.connect(db, read_only=True, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise Refused(f"cannot open the history: {str(exc).splitlines()[0]}") from exc
            time.sleep(0.1)
            continue
        con.execute("SET TimeZone = 'UTC'")  # an ICU setting: not accepted by connect()
        con.execute("SET lock_configuration = true")
        return con


def check(con: Any, sql: str) -> None:
    """Refuse anything but exactly one plain SELECT."""
    import duckdb

    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise Refused(str(exc).splitlines()[0]) from exc
    if len(statements) != 1:
        raise Refused(f"one statement at a time, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in ALLOWED:
        raise Refused(f"{kind} statements are refused: this page only runs a plain SELECT")


def run(request: dict[str, Any]) -> bytes:
    """The rows of the request's query (at most `limit`) as an Arrow IPC stream."""
    import duckdb
    import pyarrow as pa

    con = _connect(request["db"], memory_mb=int(request["memory_mb"]), threads=int(request["threads"]))
    check(con, request["sql"])
    try:
        table = con.sql(request["sql"]).limit(int(request["limit"])).to_arrow_table()
    except duckdb.Error as exc:
        raise Refused(str(exc).splitlines()[0]) from exc
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def main() -> int:
    request = json.loads(sys.stdin.buffer.read())
    ceiling = (int(request["memory_mb"]) + int(request["headroom_mb"])) << 20
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        out = run(request)
    except Refused as exc:
        sys.stderr.write(str(exc))
        return REFUSED_EXIT
    except MemoryError:
        sys.stderr.write("Out of Memory Error: the query needs more memory than a reader is given")
        return REFUSED_EXIT
    except Exception as exc:  # anything else DuckDB or Arrow raise: the reader sees the first line
        sys.stderr.write(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return REFUSED_EXIT
    sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
