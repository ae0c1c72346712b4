# Quick start: `make demo` checks the bundled sample article; `make test` runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean

$(BIN)/verify: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/verify

demo: $(BIN)/verify
	$(BIN)/verify check examples/security-council-2016-10-08.txt

test: $(BIN)/verify
	$(BIN)/python -m pytest -q

bench: $(BIN)/verify
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) .pytest_cache
