# Development and CI entry points.  Two commands matter:
#   make run   - the portal with a Celery worker and beat, on SQLite (Ctrl-C stops all)
#   make test  - lint, format check, template lint and the whole test suite
# Both first check the system prerequisites (scripts/check_prerequisites.py),
# then create the virtualenv .venv on first use and reinstall the requirements
# only when requirements*.txt change.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The address in absolute links (emails, certificates' QR codes) under make run.
SITE_URL = http://$(HOST):$(PORT)
# Template folders: the project's templates/ and each app's <app>/templates/.
TEMPLATE_DIRS = $(wildcard templates */templates)

.DEFAULT_GOAL := help
.PHONY: help prerequisites venv run test lint format compose-check messages bench clean

help:
	@echo "make run            portal on http://$(HOST):$(PORT) with Celery worker and beat (Ctrl-C stops)"
	@echo "make test           ruff, djlint and pytest (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)"
	@echo "make lint           ruff check, ruff format --check, djlint --lint, lint-imports (the layers)"
	@echo "make format         ruff check --fix and ruff format"
	@echo "make compose-check  validate docker-compose.yml"
	@echo "make bench          benchmarks on a throwaway database (DATABASE_URL picks the engine)"
	@echo "make messages       update and compile the translation catalogues (needs gettext)"
	@echo "make clean          remove caches, collected static files and the embedded broker's queue"

# Python's version and what pip cannot install (Pango, python3-venv...): one
# apt-get line names whatever is missing.  Checked on every run, before the
# virtualenv; `make messages` asks for gettext too (PREREQUISITES below).
prerequisites:
	@command -v $(PYTHON) >/dev/null \
		|| { echo "No $(PYTHON) found. On Debian or Ubuntu: apt-get install python3 python3-venv"; exit 1; }
	@$(PYTHON) scripts/check_prerequisites.py $(if $(wildcard $(BIN)/python),,--venv) $(PREREQUISITES)

$(BIN)/python: | prerequisites
	$(PYTHON) -m venv $(VENV) \
		|| { rm -rf $(VENV); echo "Creating the virtualenv failed: on Debian, apt-get install python3-venv"; exit 1; }

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch $@

venv: $(STAMP)

# DEBUG serves static files from the source folders (WhiteNoise), so no
# collectstatic here; the Docker image collects them at build time.
# scripts/run_dev.py runs the three processes and stops them all on Ctrl-C,
# SIGINT or SIGTERM; exec makes it the process make passes SIGTERM to.
run: export SITE_URL := $(SITE_URL)
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	exec $(BIN)/python scripts/run_dev.py --host $(HOST) --port $(PORT)

# pytest-xdist runs the tests in PYTEST_WORKERS processes (one per core by default),
# each on a test database of its own (test_<name>_gw0, _gw1...; its own in-memory
# SQLite without DATABASE_URL); PYTEST_WORKERS=0 runs them in pytest's own process.
PYTEST_WORKERS ?= auto

test: lint
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(if $(TEMPLATE_DIRS),$(BIN)/djlint --lint $(TEMPLATE_DIRS),@echo "No templates to lint.")
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Each benchmark builds its data in a throwaway test database and prints one line;
# bench.province keeps its province-scale data set in portal_province between runs.
bench: $(STAMP)
	$(BIN)/python -m bench.bulk_approve 500
	$(BIN)/python -m bench.certificates 1000
	$(BIN)/python -m bench.storage 300
	$(BIN)/python -m bench.unit_decision 300
	$(BIN)/python -m bench.unit_decision 5000 --no-render
	$(BIN)/python -m bench.reminders 10000
	$(BIN)/python -m bench.statistics
	$(BIN)/python -m bench.queue
	$(BIN)/python -m bench.imports 10000
	$(BIN)/python -m bench.council 300
	$(BIN)/python -m bench.public 3000
	@if [[ "$$DATABASE_URL" == postgres* ]]; then $(BIN)/python -m bench.province; \
	else echo "bench.province skipped: it needs DATABASE_URL=postgres://…"; fi

compose-check:
	@if command -v docker-compose >/dev/null; then docker-compose config -q; \
	else docker compose config -q; fi
	@echo "docker-compose.yml is valid."

# A target-specific variable reaches the prerequisites check through $(STAMP).
messages: PREREQUISITES = --gettext
messages: $(STAMP)
	mkdir -p locale
	$(BIN)/python manage.py makemessages -l en --ignore=var --ignore=static --ignore=node_modules --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .ruff_cache .pytest_cache var/staticfiles var/broker test-artifacts
