# Two commands on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint format bench reset-db setup messages makemessages serve load lock \
	lock-upgrade plotly doctor snapshots

# The newest Python the application supports (3.13, 3.12, 3.11) found on the PATH; evaluated
# only when the virtualenv is made. PYTHON=/path/to/python3.12 make run chooses another.
SUPPORTED_PYTHONS := 3.13 3.12 3.11
PYTHON ?= $(shell for v in $(SUPPORTED_PYTHONS); do \
	  python$$v -c 'import sys' >/dev/null 2>&1 && { echo python$$v; exit; }; done; \
	python3 -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
	  >/dev/null 2>&1 && echo python3)

$(PY):
	@test -n "$(PYTHON)" || { \
	  echo "This application needs Python 3.11, 3.12 or 3.13 (python3.13, python3.12, python3.11"; \
	  echo "or python3 on the PATH). Found: $$(python3 --version 2>&1 || echo 'no python3')."; \
	  echo "On Debian or Ubuntu: sudo apt-get install python3 python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Each target installs its own locked, hashed requirements (requirements/*.txt, compiled from
# pyproject.toml by `make lock`): the application alone for `make run`, plus the test tools
# for `make test`, the linter for `make lint`, and so on. --no-deps: the lock lists everything.
$(VENV)/.installed-%: requirements/%.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $<
	@touch $@

# Everything a developer uses: the application, the tests and the linter.
$(VENV)/.installed: $(VENV)/.installed-test $(VENV)/.installed-lint
	@touch $@

# The lock files, with hashes, for Python 3.11 to 3.13 on any platform (uv's universal
# resolution). `make lock` after editing pyproject.toml keeps every other pin;
# `make lock-upgrade` moves every indirect dependency to its newest allowed release.
UV := uv==0.13.8
LOCK = $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --no-emit-index-url --custom-compile-command "make lock" --quiet $(LOCK_FLAGS)
lock: | $(PY)
	$(PY) -m pip install --quiet "$(UV)"
	$(LOCK) -o requirements/app.txt
	$(LOCK) --extra test -c requirements/app.txt -o requirements/test.txt
	$(LOCK) --extra lint -c requirements/test.txt -o requirements/lint.txt
	$(LOCK) --extra bench -c requirements/test.txt -o requirements/bench.txt
	$(LOCK) --extra load -c requirements/test.txt -o requirements/load.txt

lock-upgrade:
	$(MAKE) lock LOCK_FLAGS=--upgrade

# What this machine lacks for the PDFs, the configured database and cache, and the tests, with
# the apt-get line that installs it.
doctor: $(VENV)/.installed-app
	$(PY) manage.py doctor

# static/vendor/plotly/plotly-partial.min.js: plotly.js with only the trace types we draw,
# rebuilt with the pinned plotly.js and esbuild of tools/package.json (devDependencies).
plotly:
	npm ci --prefix tools --no-audit --no-fund --loglevel=error
	npm run --prefix tools --silent build:plotly

# The translations, compiled with Babel (an application dependency): no GNU gettext needed.
messages: $(VENV)/.installed-app
	$(VENV)/bin/pybabel -q compile --domain django --directory locale

# Developers only: extract the strings of the code into the catalogues (needs GNU gettext).
makemessages: $(VENV)/.installed-app
	$(PY) manage.py makemessages -l fr -l es -l pt --ignore .venv --ignore var --ignore tests \
	  --ignore static --ignore "tools/*" --no-obsolete

setup: $(VENV)/.installed-app messages
	$(PY) manage.py migrate --noinput -v0
	DEMO_MODE=1 $(PY) manage.py load_demo

# The report worker (django-tasks, database queue) runs beside the server and stops with it.
run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/ (demo data; press Ctrl-C to stop)"
	DEMO_MODE=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEMO_MODE=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-test messages
	$(PY) -m pytest $(PYTEST_ARGS)

# Refresh the PNG snapshots of the key report pages (tests/reports/snapshots/) after a
# deliberate change of the reports' look; look at them before committing. Needs pdftoppm.
snapshots: $(VENV)/.installed-test messages
	SNAPSHOTS_UPDATE=1 $(PY) -m pytest -q tests/reports/test_snapshots.py

lint: $(VENV)/.installed-lint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-lint
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# BENCH_ONLY=uploads make bench: only some sections (comparison, scoring, pdf, uploads,
# publications).
bench: $(VENV)/.installed-bench messages
	$(PY) -m bench

# 50 simulated users for 60 s against `make serve` on 127.0.0.1 (locust; LOAD_URL to use a
# server already running); the figures go to docs/benchmarks.md. Fails on any error.
load: $(VENV)/.installed-load messages
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

serve: $(VENV)/.installed-app messages
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
