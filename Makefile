# make run: build the environment and show what the graph holds (ssegraph info).
# make test: build the environment, lint (ruff check, ruff format --check, mypy on src/), and run
# the whole test suite on every core, a file to a worker (the browser tests use Debian's
# chromium and chromium-driver, installed with apt-get when missing; the server tests use
# Debian's virtuoso-opensource, installed the same way).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint browser virtuoso clean

run: $(BIN)/ssegraph
	$(BIN)/ssegraph info

test: $(BIN)/ssegraph browser virtuoso
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src
	$(BIN)/pytest -n auto --dist loadfile

lint: $(BIN)/ssegraph
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src

# The environment is rebuilt only when pyproject.toml changes.
$(BIN)/ssegraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Headless Chromium and its driver for tests/test_serve_browser.py (root: apt-get works as is).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && apt-get install -y chromium chromium-driver)

# Debian's Virtuoso for the tests that run against a second real SPARQL server
# (tests/test_remote.py starts its own private instance; nothing is started here).
virtuoso:
	@command -v virtuoso-t >/dev/null || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
