# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The store tests run against SQLite and a real PostgreSQL server: Debian's server programs, which
# the tests start themselves on loopback, in a folder of their own (conftest.py).
POSTGRES_INITDB := $(wildcard /usr/lib/postgresql/*/bin/initdb)

.PHONY: demo test lint postgres bench bench-quantities bench-attribution bench-times bench-places bench-events bench-summaries clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	# pip 23 skips lxml's html_clean extra; a current pip resolves it.
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

demo: $(VENV)/.installed
	$(BIN)/sitrep demo --db sitrep-demo.db

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

$(CHROMIUM):
	$(SUDO) apt-get install -y --no-install-recommends chromium \
		|| ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)

postgres:
ifeq ($(POSTGRES_INITDB),)
	$(SUDO) apt-get install -y --no-install-recommends postgresql \
		|| ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends postgresql)
endif

test: lint $(CHROMIUM) postgres
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_quantities.py
	$(BIN)/python benchmarks/bench_attribution.py
	$(BIN)/python benchmarks/bench_times.py
	$(BIN)/python benchmarks/bench_places.py
	$(BIN)/python benchmarks/bench_places.py --gold-toponyms --quick
	$(BIN)/python benchmarks/bench_events.py
	$(BIN)/python benchmarks/bench_summaries.py

bench-quantities: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_quantities.py

bench-attribution: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_attribution.py

bench-times: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_times.py

bench-places: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_places.py
	$(BIN)/python benchmarks/bench_places.py --gold-toponyms --quick

bench-events: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_events.py

bench-summaries: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_summaries.py

clean:
	rm -rf $(VENV) sitrep-demo.db* .pytest_cache .mypy_cache .ruff_cache test-artifacts
