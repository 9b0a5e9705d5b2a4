# Insidan social. `make run` serves the site with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

EARK_VENV := .venv-eark

BENCH_PG ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/postgres)
# A fifth of the content goes into the search index at full scale, so that the load fits the
# 30 minutes (indexing runs at about 2,000 rows/s; bench/RESULTS.md); 1.0 indexes everything.
BENCH_INDEX_FRACTION ?= 0.2
BENCH_ENV = DJANGO_SETTINGS_MODULE=bench.settings BENCH_INDEX_FRACTION=$(BENCH_INDEX_FRACTION)

.PHONY: run test venv chromium eark-validator migrate seed lint messages bench loadtest clean \
	port-free db-status db-stop db-reset

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed  ## create .venv and install requirements.txt

$(EARK_VENV)/.installed:
	test -x $(EARK_VENV)/bin/python || $(PYTHON) -m venv $(EARK_VENV)
	$(EARK_VENV)/bin/pip install --quiet eark-validator==1.1.3
	touch $@

eark-validator: $(EARK_VENV)/.installed  ## eark-validator 1.1.3 in its own venv (it pins lxml 5.1.0)

migrate: venv  ## apply migrations to the configured database
	$(PY) manage.py migrate --noinput

seed: migrate  ## demo data (DEBUG only; a second run keeps what is there)
	$(PY) manage.py seed_demo

port-free:
	@$(PYTHON) -c "import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $(PORT)))" 2>/dev/null || \
	  { echo "make run: port $(PORT) används redan (körs make run redan?). Stoppa den andra servern eller välj en annan port: make run PORT=8001"; exit 1; }

run: port-free seed  ## serve the site at http://127.0.0.1:$(PORT) with the demo data
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

db-status: venv  ## which embedded PostgreSQL clusters exist and run (.pgdata/run, .pgdata/test)
	@$(PY) -m insidan.localdb status

db-stop: venv  ## stop the embedded PostgreSQL servers (they also stop when their last user exits)
	@$(PY) -m insidan.localdb stop

db-reset: venv  ## delete the embedded demo database; the next make run seeds it again
	@$(PY) -m insidan.localdb reset run

chromium:  ## Debian's chromium for the browser tests, when it is missing
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)

test:  ## the whole suite: unit, integration and browser tests (says which database first)
	@if [ -n "$$DATABASE_URL" ]; then echo "make test: PostgreSQL from DATABASE_URL"; else echo "make test: the embedded PostgreSQL server, cluster .pgdata/test (DATABASE_URL not set)"; fi
	@$(MAKE) --no-print-directory venv chromium eark-validator
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: venv  ## performance benchmark on PostgreSQL (BENCH_SCALE, 1.0 = the full data set)
	$(PY) -m bench.guard
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	@for db in insidan_bench insidan_bench_small; do \
	  psql "$(BENCH_PG)" -tAc "SELECT 1 FROM pg_database WHERE datname='$$db'" | grep -q 1 || \
	  psql "$(BENCH_PG)" -c "CREATE DATABASE $$db"; done
	BENCH_DATABASE_URL=$$(echo "$(BENCH_PG)" | sed -E 's#/[^/]*$$#/insidan_bench_small#') BENCH_SCALE=0.01 $(BENCH_ENV) sh -c '$(PY) manage.py migrate --noinput -v0 && $(PY) -m bench.generate && $(PY) -m bench.measure --queries-only --out bench/queries_small.json'
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) -m bench.generate
	$(BENCH_ENV) $(PY) -m bench.measure $(BENCH_ARGS)

loadtest: venv  ## 50 sessions for 60 s against gunicorn + PostgreSQL (insidan_load); not in make test
	sh loadtest/run.sh

lint: venv  ## ruff
	$(VENV)/bin/ruff check .

messages: venv  ## update the English catalogue after changing texts (needs gettext)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=.venv-eark --ignore=staticfiles --ignore=.pgdata
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=.venv-eark --ignore=.pgdata

clean:  ## remove the virtual environments and built files (not the demo database: make db-reset)
	rm -rf $(VENV) $(EARK_VENV) staticfiles .pytest_cache
