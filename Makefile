# Oasis developer commands. Everything runs from the repository root with .venv/.
PY := .venv/bin/python
export OASIS_BASE_URL ?= http://127.0.0.1:8000
RUFF := .venv/bin/ruff

.PHONY: install run seed test lint format bench sweep

install:  ## create .venv and install the pinned requirements
	scripts/install

run:  ## install, migrate, seed the demo and serve http://127.0.0.1:8000 (embedded SQLite)
	scripts/run

seed:  ## (re)load the demo data; idempotent
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

test:  ## the whole suite on PostgreSQL and SQLite, browser tests included (what CI runs)
	scripts/test

lint:  ## ruff, Django system checks, no missing migrations
	$(RUFF) check .
	$(RUFF) format --check .
	$(PY) manage.py check
	env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run

format:  ## apply ruff fixes and formatting
	$(RUFF) check --fix .
	$(RUFF) format .

bench:  ## benchmarks against PostgreSQL (see bench/README.md)
	$(PY) bench/run.py

sweep:  ## archive closed campaigns, repair lost selections, reconcile sort keys
	$(PY) manage.py ideas_sweep
