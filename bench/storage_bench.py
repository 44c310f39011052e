"""Storage benchmark: a 1,000,000-row duty history (5,000 agencies x 4 versions x 50 items), generated
in bulk by DuckDB SQL from the seeds' vocabulary, then point-in-time and timeline latencies on it.

Figures: asof_query_ms and timeline_query_ms (medians through storage.queries on a reader connection,
target <= 10 ms each, CONTRACT §4), history_db_mb, the build time, and what writing costs:
store_notice_ms (median, one seed-sized notice with the real diff) and store_batch_ms_per_notice. Puts the database's path in
ctx["history_db"] for the dashboard benchmark.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import time
from pathlib import Path
from typing import Any

import storage
from storage import queries

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "notices").glob("*.txt"))
AGENCIES = 5_000
VERSIONS = 4
ITEMS = 50  # per version: 40 duties (8 of them nested items), 8 units, 2 adjustments
RUNS = 50
REGIONS = ["福建", "广东", "浙江", "江苏", "山东", "四川", "湖北", "中央"]
KINDS = ["cancelled", "transferred_in", "transferred_out", "delegated_in", "delegated_out", "strengthened"]
CHANGE_TYPES = ["duty_added", "duty_removed", "duty_reworded", "unit_renamed", "staffing_changed"]


def vocabulary() -> list[str]:
    """Clauses of the seed notices (between ，；。), the material of every generated text."""
    phrases: set[str] = set()
    for seed in SEEDS:
        for phrase in re.split(r"[，；。：\s]", seed.read_text(encoding="utf-8")):
            if 6 <= len(phrase) <= 40 and not re.search(r"[（）〔〕\d]", phrase):
                phrases.add(phrase)
    return sorted(phrases)


def build(path: Path) -> None:
    """Generate the history straight into the tables, set-based (no row-by-row inserts)."""
    path.unlink(missing_ok=True)  # a missing public file: the writer starts a new history
    con = storage.connect(path)
    words = vocabulary()
    params = {
        "n": AGENCIES, "v": VERSIONS, "items": ITEMS, "words": len(words), "vocab": words,
        "regions": REGIONS, "kinds": KINDS, "types": CHANGE_TYPES,
    }  # fmt: skip

    def sql(query: str) -> None:
        used = set(re.findall(r"\$(\w+)", query))
        con.execute(query, {k: v for k, v in params.items() if k in used})

    with storage.transaction(con):
        sql(
            """
            create temp table g_agency as
            select i, substr(sha256('bench-agency|' || i), 1, 16) as agency_id,
                   list_element($regions::varchar[], 1 + i % len($regions::varchar[])) as region
            from range($n) a(i)
            """
        )
        sql(
            """
            insert into agencies
            select agency_id, region || '第' || i || '厅' as name, ['省第' || i || '厅'] as aliases, region from g_agency
            """
        )
        sql("insert into agency_names select region || '|第' || i || '厅', agency_id from g_agency")
        sql(
            """
            create temp table g_version as
            select g.i, g.agency_id, g.region, v,
                   substr(sha256('bench-notice|' || g.i || '|' || v), 1, 64) as notice_id,
                   substr(sha256('bench-snapshot|' || g.i || '|' || v), 1, 16) as snapshot_id,
                   date '2000-01-01' + to_days(cast(v * 1461 + g.i % 700 as integer)) as valid_from
            from g_agency g, range($v) r(v)
            """
        )
        sql(
            """
            insert into notices (notice_id, title, doc_number, issuer, published_on, source, status, kind, text, quality)
            select notice_id, region || '第' || i || '厅主要职责内设机构和人员编制规定', '编〔' || year(valid_from) || '〕' || i || '号',
                   region || '人民政府办公厅', valid_from, 'bench', 'parsed', 'sanding', '', '{}'
            from g_version
            """
        )
        sql(
            """
            insert into snapshots (snapshot_id, agency_id, notice_id, valid_from, valid_to, record, record_hash,
                                   agency_key, alias_keys, display_name, seq)
            select snapshot_id, agency_id, notice_id, valid_from,
                   lead(valid_from) over (partition by agency_id order by v),
                   json_object('agency', region || '第' || i || '厅'), sha256(snapshot_id),
                   region || '|第' || i || '厅', [], region || '第' || i || '厅', 0
            from g_version
            """
        )
        # Items sorted by snapshot, so a lookup of one version's items reads a few row groups.
        sql(
            """
            insert into duties
            select snapshot_id,
                   case when k < 40 then 'duty' when k < 48 then 'unit' else 'adjustment' end,
                   k + 1,
                   case when k between 32 and 39 then 1 + k % 8 end,
                   case when k between 40 and 47 then '第' || (k - 39) || '处' end,
                   null,
                   case when k >= 48 then list_element($kinds::varchar[], 1 + (i + k) % len($kinds::varchar[])) end,
                   list_element($vocab::varchar[], 1 + (i * 7 + k * 13 + v * (k % 3)) % $words) || '，' ||
                   list_element($vocab::varchar[], 1 + (i * 3 + k * 29) % $words) || '。',
                   k * 60, k * 60 + 58, k
            from g_version, range($items) r(k)
            order by snapshot_id, k
            """
        )
        sql(
            """
            insert into staffing
            select snapshot_id, c.category, 20 + (i + v * 3) % 80, null, c.category || '若干名', c.pos
            from g_version, (values ('机关行政编制', 0), ('厅长', 1), ('副厅长', 2)) c(category, pos)
            """
        )
        sql(
            """
            insert into changes (change_id, agency_id, from_snapshot, to_snapshot, change_type, section, old_text,
                                 new_text, similarity, notice_id, detail, published_on, seq)
            select substr(sha256('bench-change|' || cur.snapshot_id || '|' || k), 1, 16), cur.agency_id,
                   prev.snapshot_id, cur.snapshot_id,
                   case when prev.snapshot_id is null then 'declared_adjustment'
                        else list_element($types::varchar[], 1 + (cur.i + k) % len($types::varchar[])) end,
                   'duty',
                   list_element($vocab::varchar[], 1 + (cur.i + k * 11) % $words),
                   list_element($vocab::varchar[], 1 + (cur.i + k * 17 + 5) % $words),
                   0.5 + ((cur.i + k) % 50) / 100.0, cur.notice_id, '{}', cur.valid_from, k
            from g_version cur
            left join g_version prev on prev.agency_id = cur.agency_id and prev.v = cur.v - 1,
            range(10) r(k)
            where prev.snapshot_id is not null or k < 2
            order by cur.agency_id, cur.v, k
            """
        )
    storage.close(con)  # checkpoints and publishes it for readers


def _median_ms(fn: Any, args: list[Any]) -> float:
    times = []
    for arg in args:
        started = time.perf_counter()
        fn(*arg)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 3)


def store_costs(n_agencies: int = 20, n_versions: int = 5) -> dict[str, float]:
    """Writing seed-sized notices (the Fujian seed, each agency renamed and each version changed as
    the ingest benchmark does), with the real diff: one by one, and as one batch."""
    from flows.engines import default_engines
    from yange.parse import parse_bytes

    seed = next(p for p in SEEDS if p.name.startswith("fujian-2010")).read_text(encoding="utf-8")
    items = []
    for a in range(n_agencies):
        for v in range(n_versions):
            text = seed.replace("对外贸易经济合作厅", f"第{a}对外贸易经济合作厅").replace(
                "2010-05-29", f"{2010 + v}-05-29"
            )
            text = text.replace("贯彻执行", "认真贯彻执行", v)
            raw = text.encode("utf-8")
            items.append((parse_bytes(raw, source=f"{a}-{v}"), raw, f"{a}-{v}"))
    con = storage.connect(":memory:")
    engines = default_engines()
    storage.store_notice(con, parsed=items[0][0], raw=items[0][1], source=items[0][2], engines=engines)
    one_by_one = _median_ms(
        lambda p, r, s: storage.store_notice(con, parsed=p, raw=r, source=s, engines=engines),
        [list(i) for i in items[1:]],
    )
    con.close()
    con = storage.connect(":memory:")
    started = time.perf_counter()
    storage.store_notices(con, items, engines=engines)
    batch = (time.perf_counter() - started) * 1000 / len(items)
    con.close()
    return {"store_notice_ms": one_by_one, "store_batch_ms_per_notice": round(batch, 3)}


def run(ctx: dict[str, Any]) -> dict[str, float]:
    out = Path(ctx.get("out", ROOT / "bench" / "out"))
    out.mkdir(parents=True, exist_ok=True)
    path = out / "history_1m.duckdb"
    started = time.perf_counter()
    build(path)
    build_s = time.perf_counter() - started
    ctx["history_db"] = str(path)

    rng = random.Random(3)
    con = storage.open_reader(path)
    try:
        rows = con.execute("SELECT count(*) FROM duties").fetchone()
        assert rows and rows[0] == AGENCIES * VERSIONS * ITEMS, rows
        ids = [r[0] for r in con.execute("SELECT agency_id FROM agencies ORDER BY agency_id").fetchall()]
        picks = [rng.choice(ids) for _ in range(RUNS)]
        days = [dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(6000)) for _ in range(RUNS)]
        queries.duties_as_of(con, days[0], agency_id=picks[0])  # warm the caches once
        queries.agency_events(con, picks[0], follow_lineage=True)
        asof = _median_ms(
            lambda a, d: queries.duties_as_of(con, d, agency_id=a), list(zip(picks, days, strict=True))
        )
        timeline = _median_ms(
            lambda a: queries.agency_events(con, a, follow_lineage=True), [[a] for a in picks]
        )
    finally:
        con.close()
    return {
        "asof_query_ms": asof,
        "timeline_query_ms": timeline,
        "history_db_mb": round(path.stat().st_size / 1e6, 1),
        "history_build_s": round(build_s, 1),
        **store_costs(),
    }


if __name__ == "__main__":
    for key, value in run({}).items():
        print(f"{key}: {value}")
