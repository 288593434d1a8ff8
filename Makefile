# Two commands do all the set-up: `make book` builds the book, `make test` runs every test.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed

.PHONY: book test refresh bench clean translations

$(STAMP): requirements.txt pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $(STAMP)

## Build the HTML book (re-executing notebooks whose code or src/ changed) and print where it is.
book: $(STAMP)
	$(PY) scripts/build_book.py

## Run every test: ruff, unit tests, nbval on every notebook, the book build and browser checks.
test: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/pytest

## Re-run the notebooks in place so their stored outputs match src/ (nbval compares them).
refresh: $(STAMP)
	$(PY) scripts/refresh_notebooks.py

## Print timing figures (not a test).
bench: $(STAMP)
	$(PY) benchmarks/bench_blocks.py
	$(PY) benchmarks/bench_explorer.py

## Chinese edition: update locales/zh_CN from the prose and list what is left to translate.
translations: $(STAMP)
	$(PY) scripts/translations.py

clean:
	rm -rf _build
