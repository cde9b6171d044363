# Development and CI entry points.  Two commands matter:
#   make run   - the portal with a Celery worker and beat, on SQLite (Ctrl-C stops all)
#   make test  - lint, format check, template lint and the whole test suite
# Both create the virtualenv .venv on first use and reinstall the requirements
# only when requirements*.txt change.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Template folders: the project's templates/ and each app's <app>/templates/.
TEMPLATE_DIRS = $(wildcard templates */templates)

.DEFAULT_GOAL := help
.PHONY: help venv run test lint format compose-check messages bench clean

help:
	@echo "make run            portal on http://$(HOST):$(PORT) with Celery worker and beat (Ctrl-C stops)"
	@echo "make test           ruff, djlint and pytest (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)"
	@echo "make lint           ruff check, ruff format --check, djlint --lint"
	@echo "make format         ruff check --fix and ruff format"
	@echo "make compose-check  validate docker-compose.yml"
	@echo "make bench          benchmarks on a throwaway database (DATABASE_URL picks the engine)"
	@echo "make messages       update and compile the translation catalogues (needs gettext)"
	@echo "make clean          remove caches, collected static files and the embedded broker's queue"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV) \
		|| { rm -rf $(VENV); echo "Creating the virtualenv failed: on Debian, apt-get install python3-venv"; exit 1; }

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch $@

venv: $(STAMP)

# DEBUG serves static files from the source folders (WhiteNoise), so no
# collectstatic here; the Docker image collects them at build time.
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	HOST=$(HOST) PORT=$(PORT) VENV=$(VENV) bash scripts/run-dev.sh

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(if $(TEMPLATE_DIRS),$(BIN)/djlint --lint $(TEMPLATE_DIRS),@echo "No templates to lint.")

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Each benchmark builds its data in a throwaway test database and prints one line.
bench: $(STAMP)
	$(BIN)/python -m bench.bulk_approve 500
	$(BIN)/python -m bench.certificates 1000
	$(BIN)/python -m bench.reminders 10000

compose-check:
	@if command -v docker-compose >/dev/null; then docker-compose config -q; \
	else docker compose config -q; fi
	@echo "docker-compose.yml is valid."

messages: $(STAMP)
	mkdir -p locale
	$(BIN)/python manage.py makemessages -l en --ignore=var --ignore=static --ignore=node_modules
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .ruff_cache .pytest_cache var/staticfiles var/broker test-artifacts
