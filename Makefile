# solidcell: the two commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
export PYBAMM_DISABLE_TELEMETRY := true
export MPLBACKEND := Agg

.PHONY: demo test test-slow lint bench install clean browser

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python >= 3.11) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install --quiet -e ".[simulation,screening,ml,test]"
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/solidcell demo --out out

test: $(STAMP)
	$(VENV)/bin/ruff check src tests $(wildcard benchmarks scripts)
	bash scripts/setup-browser.sh
	# bytecode of src/ written once: where PYTHONDONTWRITEBYTECODE is set (as on the development
	# machines), each CLI process and dashboard worker the tests start compiled solidcell again
	$(PY) -m compileall -q src
	# --dist loadfile: a browser test module drives one page through its tests in file order
	$(PY) -m pytest -n 2 --dist loadfile -m "not slow" tests

test-slow: $(STAMP)
	$(PY) -m pytest -m slow tests

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests $(wildcard benchmarks scripts)

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do $(PY) $$f || exit 1; done

browser:
	bash scripts/setup-browser.sh

clean:
	rm -rf $(VENV) out .pytest_cache
