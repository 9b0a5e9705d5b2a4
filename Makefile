# Insidan social. `make run` serves the site with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

.PHONY: run test venv chromium migrate seed lint messages clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed  ## create .venv and install requirements.txt

migrate: venv  ## apply migrations to the configured database
	$(PY) manage.py migrate --noinput

seed: migrate  ## demo data (DEBUG only; a second run keeps what is there)
	$(PY) manage.py seed_demo

run: seed  ## serve the site at http://127.0.0.1:$(PORT) with the demo data
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

chromium:  ## Debian's chromium for the browser tests, when it is missing
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)

test: venv chromium  ## the whole suite: unit, integration and browser tests
	@if [ -n "$$DATABASE_URL" ]; then echo "make test: database from DATABASE_URL ($${DATABASE_URL%%://*})"; else echo "make test: database SQLite (DATABASE_URL not set)"; fi
	$(VENV)/bin/pytest

lint: venv  ## ruff
	$(VENV)/bin/ruff check .

messages: venv  ## update the English catalogue after changing texts (needs gettext)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l en

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
