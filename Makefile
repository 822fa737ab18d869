# The two commands of the README:
#   make run    install, load the example campaigns and units, start the service
#   make test   install (with the test tools) and run the whole test suite
# Both work on a fresh machine with Python 3.11+; `make test` also installs Node's ical.js
# from tests/js/package-lock.json, Debian's Chromium for the browser tests and Dovecot for
# the IMAP tests.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run demo test install install-test services lint clean bench-feeds ocr-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@$(MAKE) --no-print-directory ocr-tools

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
	@# Debian's Chromium for the browser tests (Playwright's own browser download does not
	@# work here); the package lists are refreshed only when the install needs them.
	@test -x /usr/bin/chromium || apt-get install -y -q --no-install-recommends chromium \
		|| { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }
	@$(MAKE) --no-print-directory ocr-tools
	@# Debian's Dovecot for the IMAP tests: each test starts its own unprivileged instance.
	@test -x /usr/sbin/dovecot || apt-get install -y -q --no-install-recommends dovecot-imapd \
		|| { apt-get update -q && apt-get install -y -q --no-install-recommends dovecot-imapd; }

# Debian's Tesseract with its Vietnamese model and poppler's pdftoppm: the importer reads
# scanned PDFs and images through them.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-vie poppler-utils
ocr-tools:
	@test -x /usr/bin/tesseract && test -x /usr/bin/pdftoppm \
		&& ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 \
		|| apt-get install -y -q --no-install-recommends $(OCR_PACKAGES) \
		|| { apt-get update -q && apt-get install -y -q --no-install-recommends $(OCR_PACKAGES); }

# `make run` is the service on the office's own data (var/, or THIDUA_* settings), on the
# real clock; nothing is loaded into it. `make run PORT=8080` serves another port.
PORT ?= 8000

run: install
	$(BIN)/thidua serve --port $(PORT)

# `make demo` is the example campaigns and units in a database of their own (var/demo/),
# on a clock that starts at 07:29:40 on Wednesday 07/02/2024: the last working day before
# Tết, when every responsible unit is reminded of seed 000's deadline.
NOW ?= 2024-02-07T07:29:40
DEMO := env -u THIDUA_DATABASE_URL -u THIDUA_OUTBOX_DIR THIDUA_VAR_DIR=var/demo

demo: install
	$(DEMO) $(BIN)/thidua load examples/*
	$(DEMO) $(BIN)/thidua serve --port $(PORT) $(if $(NOW),--now $(NOW))

# Two stages: the suite, then the long fault and scale tests (marked slow) on their own.
PYTEST := $(BIN)/python -m pytest -n 2 -p no:cacheprovider

test: install-test services
	$(BIN)/ruff check .
	$(PYTEST) -m "not slow"
	$(PYTEST) -m slow

# The real services the tests talk to: wait for PostgreSQL, starting the machine's own
# cluster where it is installed but stopped.
services: $(BIN)/python
	$(BIN)/python tests/services.py

lint: $(BIN)/python
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

bench-feeds: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[bench]'
	@command -v wrk >/dev/null || apt-get install -y -q wrk \
		|| { apt-get update -q && apt-get install -y -q wrk; }
	$(BIN)/python bench/feeds.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache tests/js/node_modules
