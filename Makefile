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

# 50 simulated users for 60 s against `make serve` on 127.0.0.1 (locust; LOAD_URL to use a
# server already running); the figures go to docs/benchmarks.md. Fails on any error.
load: $(VENV)/.installed messages
	$(PY) -m load.run

reset-db:
	rm -f var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm
	$(MAKE) setup

# The production stack on this machine: gunicorn (config/gunicorn.py) with WhiteNoise's
# compressed, hashed static files, PostgreSQL, the Redis cache, production settings, and the
# report worker beside it. Plain HTTP on loopback, so no SSL redirect here; behind the TLS
# proxy of a real deployment SECURE_SSL_REDIRECT stays on (README, Production deployment).
# LOAD_DEMO_DATA=1 also loads the synthetic demo people and assessments (for load tests only).
# Version 1 of Pillar 6 (earlier rounds), then version 2, whose crosswalk maps from it.
FRAMEWORK_FILES = fixtures/frameworks/mpf-pillar-6.yaml fixtures/frameworks/mpf-pillar-6-v2.yaml
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mpf
REDIS_URL ?= redis://127.0.0.1:6379/0
SERVE_ENV = DJANGO_ENV=production SECRET_KEY="$$(cat var/secret_key)" \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 \
	DATABASE_URL="$(DATABASE_URL)" REDIS_URL="$(REDIS_URL)" PORT=$(PORT)

serve: $(VENV)/.installed messages
	@mkdir -p var; test -s var/secret_key || \
	  (umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)
	@psql "$(DATABASE_URL)" -Atqc 'SELECT 1' >/dev/null 2>&1 || \
	  createdb --maintenance-db="$$(echo '$(DATABASE_URL)' | sed -E 's#/[^/?]*([?].*)?$$#/postgres\1#')" \
	    "$$(echo '$(DATABASE_URL)' | sed -E 's#^.*/([^/?]+)([?].*)?$$#\1#')"
	$(SERVE_ENV) $(PY) manage.py migrate --noinput -v0
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(PY) manage.py load_framework $(FRAMEWORK_FILES)
	$(SERVE_ENV) $(PY) manage.py load_countries
	@if [ "$(LOAD_DEMO_DATA)" = "1" ]; then \
	  echo "WARNING: LOAD_DEMO_DATA=1 loads SYNTHETIC demo people (with a published password) and"; \
	  echo "WARNING: assessments into $(DATABASE_URL). For load tests only, never a real deployment."; \
	  $(SERVE_ENV) $(PY) manage.py load_demo; \
	fi
	@echo "Serving the production stack on http://127.0.0.1:$(PORT)/ (press Ctrl-C to stop)"
	$(SERVE_ENV) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi
