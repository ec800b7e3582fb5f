# make run: build the environment and show what the graph holds (ssegraph info).
# make test: build the environment, lint, and run the whole test suite (the browser tests use
# Debian's chromium and chromium-driver, installed with apt-get when missing).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint browser clean

run: $(BIN)/ssegraph
	$(BIN)/ssegraph info

test: $(BIN)/ssegraph browser
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(BIN)/ssegraph
	$(BIN)/ruff check .

# The environment is rebuilt only when pyproject.toml changes.
$(BIN)/ssegraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Headless Chromium and its driver for tests/test_serve_browser.py (root: apt-get works as is).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && apt-get install -y chromium chromium-driver)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
