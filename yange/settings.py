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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
