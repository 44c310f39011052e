"""The one settings object, read from YANGE_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="YANGE_", extra="ignore")

    db: Path = Path("data/yange.duckdb")
    sources: list[str] = Field(default_factory=lambda: ["examples/notices"])
    timezone: str = "Asia/Shanghai"
    max_notice_bytes: int = 20 * 1024 * 1024
    # Diff thresholds (similarity on a 0..1 scale).
    match_threshold: float = 0.55
    unchanged_threshold: float = 0.995
    transfer_threshold: float = 0.6
    transfer_window_days: int = 365
    task_runner: str = "thread"
    # Web sources (flows/sources/web.py FetchPolicy.from_settings): hosts a source may reach besides
    # its own registrable domain and their subdomains ("*": any public host); non-public networks
    # (CIDR) a source may reach, loopback/link-local/private being refused otherwise; a total
    # deadline per request and per source batch (retries included); the most notice links an
    # index page or feed may list.
    allowed_hosts: list[str] = Field(default_factory=list)
    allowed_networks: list[str] = Field(default_factory=list)
    fetch_deadline_s: float = Field(default=120.0, gt=0)
    source_deadline_s: float = Field(default=1800.0, gt=0)
    max_links_per_page: int = Field(default=5000, gt=0)
    # Each notice is parsed in a child process (flows/parse_worker.py) killed after this many
    # seconds (a seed notice takes milliseconds) and limited to this much address space.
    parse_deadline_s: float = Field(default=30.0, gt=0)
    parse_memory_mb: int = Field(default=2048, ge=256)
    # A long ingest publishes its progress to readers at most this often (each publication copies
    # the whole database file, so not per batch); the rest is published when the run ends.
    publish_every_s: float = Field(default=600.0, ge=0)
    # How long a run waits for another writer of the same history to finish before it gives up.
    writer_wait_s: float = Field(default=30.0, ge=0)
    # DuckDB's memory for the ingest's writer (its default is 80% of the machine, and it keeps what
    # it cached). Data committed since the last checkpoint is held in it too: 64 MB ran out (and
    # DuckDB then invalidates the connection) on a 4,000-notice bench; 128 MB did not.
    writer_memory_mb: int = Field(default=128, ge=64)
    # Dashboard. Host names its server answers to (the Host header; a websocket's Origin must be one
    # of them too): add the public name when it runs behind a reverse proxy.
    dashboard_hosts: list[str] = Field(default_factory=lambda: ["127.0.0.1", "localhost"])
    # Each SQL page query runs in a process of its own with these limits, killed after the timeout.
    sql_timeout_s: float = Field(default=20.0, gt=0)
    sql_memory_mb: int = Field(default=256, ge=16)
    sql_threads: int = Field(default=1, ge=1)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
