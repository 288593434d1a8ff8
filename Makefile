# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed

.PHONY: book test refresh bench audit trust clean translations

$(STAMP): requirements.txt pyproject.toml scripts/system-deps.sh jupyter-config/jupyter_server_config.json
	bash scripts/system-deps.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	cp jupyter-config/jupyter_server_config.json $(VENV)/etc/jupyter/
	touch $(STAMP)

# JupyterLab shows the stored graphs of trusted notebooks only: trust the book's (cheap).
trust: $(STAMP)
	$(VENV)/bin/jupyter trust book/*.ipynb >/dev/null

## Build the HTML book (re-executing notebooks whose code or src/ changed) and print where it is.
book: trust
	$(PY) scripts/build_book.py

## Run every test: ruff, unit tests, nbval on every notebook, the book build and browser checks.
test: trust
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/pytest

## Re-run the notebooks in place so their stored outputs match src/ (nbval compares them).
## All of them, or only some: make refresh NB="book/resnext.ipynb book/dense.ipynb"
refresh: $(STAMP)
	$(PY) scripts/refresh_notebooks.py $(NB)
	$(VENV)/bin/jupyter trust book/*.ipynb >/dev/null

## Print timing figures (not a test).
bench: $(STAMP)
	$(PY) benchmarks/bench_blocks.py
	$(PY) benchmarks/bench_explorer.py
	$(PY) benchmarks/bench_training.py
	$(PY) benchmarks/bench_exercises.py

## Chinese edition: update locales/zh_CN from the prose and list what is left to translate.
translations: $(STAMP)
	$(PY) scripts/translations.py

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
