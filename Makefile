# Two commands on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint format bench reset-db setup messages serve load

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore '.venv' --ignore 'var' -v0

setup: $(VENV)/.installed messages
	$(PY) manage.py migrate --noinput -v0
	DEMO_MODE=1 $(PY) manage.py load_demo

# The report worker (django-tasks, database queue) runs beside the server and stops with it.
run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/ (demo data; press Ctrl-C to stop)"
	DEMO_MODE=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEMO_MODE=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.installed messages
	$(PY) -m bench

reset-db:
	rm -f var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm
	$(MAKE) setup
