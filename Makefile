# Quotewise: `make run` serves the UI, `make test` runs every test tier. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
# pytest caches its rewritten test modules as bytecode (git-ignored __pycache__): where the
# environment forbids writing bytecode, each of a run's nine pytest processes rewrote all ~450
# of them again, about 7 s of CPU each
export PYTHONDONTWRITEBYTECODE :=

.PHONY: install run test test-fast test-slow test-browser bench browser-deps clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, from the local CPU wheel: otherwise pip may pull a multi-GB CUDA build
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,bench]'
	@touch $(STAMP)

install: $(STAMP)

# ingest is incremental: it embeds only what changed in data/articles (nothing, usually, in
# well under a second), so the UI always answers from the current articles.
run: install
	$(BIN)/quotewise ingest
	$(BIN)/quotewise serve

# Chromium drives the browser tier; Debian's package is the only browser available offline.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

# Each tier on two pytest-xdist workers, one per core (tests/conftest.py: one BLAS thread each;
# an index that tests only read is built once per run and shared between the workers).
test-fast: install
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not browser"

test-slow: install
	$(BIN)/python -m pytest -q -n 2 -m slow

test-browser: install browser-deps
	$(BIN)/python -m pytest -q -n 2 -m browser

test: test-fast test-slow test-browser

bench: install  # ~25 min: latency, LangChain baseline, SciFact, 1M-chunk scale, load
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .quotewise tests/artifacts .pytest_cache
