# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
NODE    := node_modules/.bin
NODE_STAMP := node_modules/.installed
# What ruff, eslint and prettier check (eslint's files: eslint.config.mjs).
PY_CODE := src tests scripts benchmarks book/_theme locales
JS_CODE := 'src/convblocks/**/*.js' 'book/_vendor/**/*.js' 'book/_exercises/**/*.js' \
           'tests/js/**/*.js' eslint.config.mjs

.PHONY: book test check lint refresh bench audit trust clean translations experiments

$(STAMP): requirements.txt pyproject.toml scripts/system-deps.sh jupyter-config/jupyter_server_config.json
	bash scripts/system-deps.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	cp jupyter-config/jupyter_server_config.json $(VENV)/etc/jupyter/
	touch $(STAMP)

# eslint and prettier, pinned in package.json and package-lock.json.
$(NODE_STAMP): package.json package-lock.json scripts/node-deps.sh
	bash scripts/node-deps.sh

# JupyterLab shows the stored graphs of trusted notebooks only: trust the book's (cheap).
trust: $(STAMP)
	$(VENV)/bin/jupyter trust book/*.ipynb book/zh/*.ipynb >/dev/null

## Build the HTML book (re-executing notebooks whose code or src/ changed) and print where it is.
book: trust
	$(PY) scripts/build_book.py

# pytest-xdist: two workers (the machine the timings are for has two cores), each given whole
# files, so a notebook's cells share one kernel and a module's fixtures are set up once; the
# book is still built once (tests/conftest.py's book_build). The browser and lab tests mostly
# wait on Chromium and JupyterLab, nbval on its kernels: the other worker fills the gaps.
# Measured on 2 shared cores: make check 75 s (113 CPU-s; one worker took 196 s before the
# process tier left it); the book, browser and lab tiers 395 s (242 CPU-s, book already built).
XDIST   := -n 2 --dist loadfile

## Run every test: ruff, eslint, prettier, unit tests, nbval on every notebook, the book build
## and browser checks (every tier: see the README).
test: trust lint
	$(VENV)/bin/pytest $(XDIST)

## The edit-test loop: ruff, eslint, prettier and the unit tier (no notebook, book build,
## browser, nor a test that starts the package anew in another process: those are `make test`'s).
check: lint
	$(VENV)/bin/pytest -o addopts="" -m unit -q $(XDIST) tests

## ruff over the Python, eslint and prettier --check over the JavaScript.
lint: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/ruff check $(PY_CODE)
	$(NODE)/eslint --max-warnings 0 .
	$(NODE)/prettier --check $(JS_CODE)

## Re-run the notebooks in place so their stored outputs match src/ (nbval compares them).
## All of them, or only some: make refresh NB="book/resnext.ipynb book/dense.ipynb"
refresh: $(STAMP)
	$(PY) scripts/refresh_notebooks.py $(NB)
	$(VENV)/bin/jupyter trust book/*.ipynb book/zh/*.ipynb >/dev/null

## Run the experiments too slow for the book build and store their results in book/data/
## (with the code's fingerprint, seeds and package versions); the book refuses stale ones.
## CPU-s on 2 shared cores: fair 528, article 69, timing 15, degradation 438, train_memory 43.
## A change of the store alone: python -m convblocks.experiments.store restamp REV NAME ... (verified).
experiments: $(STAMP)
	$(PY) -m convblocks.experiments.store fair article timing degradation train_memory

## Print timing figures (not a test).
bench: $(STAMP)
	$(PY) benchmarks/bench_blocks.py
	$(PY) benchmarks/bench_explorer.py
	$(PY) benchmarks/bench_training.py
	$(PY) benchmarks/bench_robustness.py
	$(PY) benchmarks/bench_book.py
	$(PY) benchmarks/bench_exercises.py

## Chinese edition: update locales/zh_CN from the prose, list what is left to translate, and
## write and run the Chinese notebooks book/zh/*.ipynb (those whose code or src/ changed).
translations: $(STAMP)
	$(PY) scripts/translations.py
	$(VENV)/bin/jupyter trust book/zh/*.ipynb >/dev/null

LIGHTHOUSE := $(VENV)/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	@command -v npm >/dev/null || { echo "make audit needs Node.js 18 or 20 with npm \
	(on Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm i -E --silent --no-fund --no-audit --prefix $(VENV)/lighthouse lighthouse@12.2.3

## Lighthouse 12.2.3 over every page, mobile and desktop presets; prints a table (not a test).
audit: book $(LIGHTHOUSE)
	$(PY) scripts/audit.py

clean:
	rm -rf _build
