"""The import direction of the brief: cli -> flows -> storage -> parse/diff -> models, and
dashboard -> storage -> models. Checked on the source, so a wrong import fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> top-level modules it must never import
FORBIDDEN = {
    "models": {"yange", "storage", "flows", "dashboard", "prefect", "duckdb", "streamlit", "httpx"},
    "yange/parse": {"storage", "flows", "dashboard", "prefect", "duckdb", "streamlit", "httpx", "yange.cli"},
    "yange/diff": {"storage", "flows", "dashboard", "prefect", "duckdb", "streamlit", "httpx", "yange.cli"},
    "yange/amend": {"storage", "flows", "dashboard", "prefect", "duckdb", "streamlit", "httpx", "yange.cli"},
    # storage only stores: the parser, differ and applier are passed in (storage.Engines)
    "storage": {
        "flows",
        "dashboard",
        "prefect",
        "streamlit",
        "yange.cli",
        "yange.parse",
        "yange.diff",
        "yange.amend",
    },
    "flows": {"dashboard", "streamlit", "yange.cli"},
    "dashboard": {"flows", "prefect", "yange.parse", "yange.cli"},
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _cases() -> list[tuple[str, Path]]:
    return [(pkg, f) for pkg in FORBIDDEN for f in sorted((ROOT / pkg).rglob("*.py"))]


@pytest.mark.parametrize(("package", "path"), _cases(), ids=lambda v: str(v).replace(str(ROOT) + "/", ""))
def test_module_respects_layers(package: str, path: Path) -> None:
    banned = FORBIDDEN[package]
    bad = sorted(
        name for name in _imports(path) if any(name == b or name.startswith(b + ".") for b in banned)
    )
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}, against the layer rule for {package}/"
