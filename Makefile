# The two commands: `make run` (set up everything, serve the demo portal) and `make test`.
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test install install-dev requirements messages migrate demo lint format check bench bench-pages bench-reports browser-tools

# Runtime dependencies (what production installs) and development tools, both pinned
# with hashes; `make requirements` compiles them from requirements*.in.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

requirements: install-dev
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.txt requirements-dev.in

# Test-only tools for the browser tests (axe-core, the Nu Html Checker); skipped without npm.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the browser tests will be skipped"; fi

browser-tools: node_modules/.installed

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: install
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

demo: migrate
	$(MANAGE) load_demo

run: messages demo
	@echo ""
	@echo "The portal: http://127.0.0.1:8000/  (admin: http://127.0.0.1:8000/admin/)"
	@echo "Create the first administrator with:  $(MANAGE) createsuperuser"
	@echo ""
	@# The task worker sends the mail and makes large reports in the background; it stops with the server.
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

# One pytest worker per core (pytest-xdist); each worker has its own test database.
test: install-dev messages browser-tools
	$(PY) -m pytest -n auto

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	DJANGO_DEBUG=1 $(MANAGE) check

# Benchmarks (not timed tests): public page throughput and PDF report speed.
bench: bench-pages bench-reports

# gunicorn under wrk (Debian's, installed when missing) on SQLite and PostgreSQL (127.0.0.1:5432);
# options: make bench-pages BENCH_PAGES="--seconds 1 --databases sqlite --scales 1"
bench-pages: messages
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) -m bench.pages $(BENCH_PAGES)

# Compared in the same run with the first wave's report code (bd7373e, before issue 13);
# options: make bench-reports BENCH_REPORTS="--sizes 20 200"
BENCH_REPORTS ?= --before bd7373e
bench-reports: messages
	$(PY) -W ignore -m bench.reports $(BENCH_REPORTS)
