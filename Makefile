# The two commands a new user runs are `make run` and `make test`; both bootstrap through `install`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench dashboard clean

install: $(STAMP)

$(STAMP): pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install -q --disable-pip-version-check uv
	@UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync -q --frozen --inexact --extra dask --compile-bytecode
	@touch $(STAMP)

uv.lock: pyproject.toml
	@test -x $(BIN)/uv || ($(PY) -m venv $(VENV) && $(BIN)/python -m pip install -q uv)
	$(BIN)/uv lock -q
	@touch uv.lock  # uv leaves an up-to-date lock untouched; without this make would re-lock every time

run: install
	$(BIN)/yange ingest

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python -m bench.run

dashboard: install
	$(BIN)/yange dashboard

clean:
	rm -rf $(VENV) data bench/results.json
