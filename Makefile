# yukemuri — two commands: `make run` (set up, load demo data, serve) and `make test` (everything tests need, all tests).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL run of the suite: DATABASE_URL if set, else this local server when it answers.
TEST_PG_URL ?= $(if $(DATABASE_URL),$(DATABASE_URL),postgres://postgres@127.0.0.1:5432/yukemuri)
PYTEST_ARGS ?=
# The slowest tests of each pass are listed at its end, so that CI time can be watched (aim: the whole run under 15 min).
DURATIONS ?= --durations=15
# The PostgreSQL pass runs in two processes (pytest-xdist), each with its own test database: much of it waits on other
# processes (PostgreSQL, Chromium, app servers, benchmarks), so the two cores stay busy. worksteal hands each process a
# run of tests in the collection order (pytest-django's: transactional tests after the others, which their flush would
# disturb) and moves the tail of one's queue to the other when it runs dry. The SQLite pass is all CPU in one process:
# two were slower there (each migrates its own database). PG_XDIST= runs one process.
PG_XDIST ?= -n 2 --dist worksteal

.PHONY: setup setup-test setup-bench browser pg-client services run test lint bench-pages bench-ledger bench-load bench-matching bench-listening bench-opendata bench-furigana messages

$(VENV)/.base-installed: requirements/base.txt requirements/base-nodeps.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/base-nodeps.txt
	@touch $@

$(VENV)/.test-installed: $(VENV)/.base-installed requirements/test.txt requirements/test-nodeps.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt -r requirements/test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/test-nodeps.txt
	@touch $@

## setup: the virtualenv and the locked dependencies, nothing else.
setup: $(VENV)/.base-installed

setup-test: $(VENV)/.test-installed browser pg-client services

## pg-client: pg_dump and pg_restore of the test server's version (the backup tests), when a server answers.
pg-client: $(VENV)/.test-installed
	@$(PY) scripts/install_pg_client.py "$(TEST_PG_URL)"

$(VENV)/.bench-installed: $(VENV)/.test-installed requirements/bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bench.txt
	@touch $@

## setup-bench: what the benchmarks compare against (red-dwarf), on top of the test tools.
setup-bench: $(VENV)/.bench-installed

## browser: Debian's Chromium and Japanese fonts for the browser tests and their screenshots.
browser:
	@bash scripts/install-browser.sh

## services: Debian's nginx and Redis for the tests of several app servers behind a proxy (scripts/cluster.py).
services:
	@bash scripts/install-services.sh

## run: migrate the SQLite database in var/, load the demo (idempotent), print demo logins (fresh passwords for a
## resident, organiser, coordinator, team lead and staff member: development only), start the task worker (run_worker: it
## survives database outages) and the site. HOST and PORT also make the links in e-mails (SITE_URL when unset).
run: setup
	@mkdir -p var
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py createcachetable
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo
	@DEBUG=$${DEBUG:-1} $(PY) manage.py demo_logins --base-url http://$(HOST):$(PORT) || echo "(no demo logins: DEBUG is off)"
	@echo "yukemuri: http://$(HOST):$(PORT)/ (English: http://$(HOST):$(PORT)/en/)"
	@export DEBUG=$${DEBUG:-1} HOST=$(HOST) PORT=$(PORT); $(PY) manage.py run_worker --no-reload > var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

## test: install what tests need, lint, then the whole suite on SQLite and on PostgreSQL, the two passes side by side
## (the SQLite pass is one busy process; the PostgreSQL pass's two mostly wait on PostgreSQL and Chromium). Tests that touch
## no database run once (SQLite pass); the browser tests run once too, against PostgreSQL, the production
## database, and so do the tests of several app servers behind nginx (marked postgresql: tests/test_cluster.py).
## Without a PostgreSQL server, everything but those runs on SQLite.
test: setup-test
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports  # the layers (docs/decisions/0010-layers.md); importlinter has no `python -m` entry
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	@if [ -n "$$DATABASE_URL" ] || $(PY) scripts/pg_ready.py "$(TEST_PG_URL)"; then \
	  mkdir -p var && rm -rf var/pytest-sqlite var/pytest-pg && \
	  echo "== test suite on SQLite (browser tests: in the PostgreSQL pass), beside the PostgreSQL pass: var/test-sqlite.log ==" && \
	  ( env -u DATABASE_URL $(PY) -m pytest --ignore=tests/browser -m "not postgresql" --basetemp=var/pytest-sqlite \
	      $(DURATIONS) $(PYTEST_ARGS) > var/test-sqlite.log 2>&1; echo $$? > var/test-sqlite.rc ) & \
	  echo "== test suite on PostgreSQL (tests that touch no database: in the SQLite pass) ==" && \
	  DATABASE_URL="$(TEST_PG_URL)" $(PY) -m pytest -m "not pure" $(PG_XDIST) --basetemp=var/pytest-pg $(DURATIONS) $(PYTEST_ARGS); \
	  pg=$$?; wait; \
	  echo "== test suite on SQLite (it ran beside the PostgreSQL pass) ==" && cat var/test-sqlite.log; \
	  sqlite=$$(cat var/test-sqlite.rc 2>/dev/null || echo 1); \
	  echo "== SQLite pass: exit $$sqlite; PostgreSQL pass: exit $$pg =="; \
	  [ "$$sqlite" = 0 ] && [ "$$pg" = 0 ]; \
	else echo "== PostgreSQL does not answer at $(TEST_PG_URL): everything on SQLite but the several-server tests ==" && \
	  env -u DATABASE_URL $(PY) -m pytest -m "not postgresql" $(PYTEST_ARGS); fi

lint: setup-test
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

## bench-furigana: readings over the kanji of 1,000 bench ideas (no cache, cold, warm), pure CPU, no database.
bench-furigana: setup-test
	$(PY) bench/furigana.py

## messages: refresh the translation catalogues after changing UI text, then compile them.
messages: setup-test
	DEBUG=1 $(PY) manage.py makemessages -l ja -l pt_BR -l vi -l tl -l es -l zh_Hans -l ja_Easy --no-obsolete \
	  --ignore=.venv --ignore=bench --ignore=var --ignore=tests
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

## bench-pages: fill PostgreSQL with the benchmark data set and measure the main pages under load.
bench-pages: setup-test
	$(PY) bench/pages.py

## bench-ledger: the points ledger: postings per second with 50 concurrent writers on PostgreSQL, and the wallet
## page with 100,000 postings in the ledger.
bench-ledger: setup-test
	$(PY) bench/ledger.py

## bench-opendata: NGSI-LD entity queries per second (type, q, geo) and the DCAT catalogue's size and build time
## at the benchmark data set (20,000 issues and ideas, 2,000 facilities, 1,000 events).
bench-opendata: setup-test
	$(PY) bench/opendata.py

## bench-load: 500 signed-in people for 10 minutes against two app servers reading a streaming replica (its lag
## sampled each second), with a PostgreSQL restart and a task worker killed mid-run, then an audit of every
## acknowledged write (USERS=…, DURATION=seconds to change the size).
bench-load: setup-bench
	$(PY) bench/load.py $(if $(USERS),--users $(USERS)) $(if $(DURATION),--duration $(DURATION))

## bench-matching: the matching engine on generated instances up to 100k people × 20k openings.
bench-matching: setup-bench
	$(PY) bench/matching.py

## bench-listening: opinion groups on the real pol.is conversations and synthetic matrices, beside red-dwarf
## (POLIS=DIR: a full copy of pol.is openData; by default the two conversations shipped with the tests).
bench-listening: setup-bench
	$(PY) bench/listening.py $(if $(POLIS),--polis $(POLIS))
