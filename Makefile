# make run: build the environment and show what the graph holds (ssegraph info).
# make test: build the environment, lint, and run the whole test suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint clean

run: $(BIN)/ssegraph
	$(BIN)/ssegraph info

test: $(BIN)/ssegraph
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(BIN)/ssegraph
	$(BIN)/ruff check .

# The environment is rebuilt only when pyproject.toml changes.
$(BIN)/ssegraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
