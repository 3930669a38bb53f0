# The catalogue's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run serve test test-browser lint data bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## Build the database (SQLite unless DATABASE_URL says otherwise), load the Denmark data once, serve.
run: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_catalogue
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Load the report data into an existing database (records already there are kept as they are).
data: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_catalogue

## Serve in production mode: gunicorn on the database DATABASE_URL names, static files through WhiteNoise.
## Needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; see "Production" in README.md.
WORKERS ?= $(shell echo $$((2 * $$(nproc) + 1)))

serve: install
	DEBUG=0 $(BIN)/python manage.py collectstatic --no-input -v0
	DEBUG=0 $(BIN)/python manage.py migrate --no-input
	DEBUG=0 $(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 30 --access-logfile -

## Run the whole suite on SQLite, or on the PostgreSQL that DATABASE_URL names.
## Production mode (DEBUG=0) needs a DATABASE_URL; the test client speaks plain HTTP, so no HTTPS redirect.
SQLITE_URL := sqlite:///$(CURDIR)/db.sqlite3
TEST_ENV := SECRET_KEY=test-only-secret-key ALLOWED_HOSTS=testserver,127.0.0.1,localhost DEBUG=0 \
	SECURE_SSL_REDIRECT=0 DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)}

## The browser tests (tests/browser) drive Debian's Chromium (/usr/bin/chromium) and check the HTML with the
## Nu Html Checker, which npm's vnu-jar brings into the git-ignored .venv; the machine's Java runs it, so the
## package's own download of a Java runtime is skipped.
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR):
	npm install --prefix $(VENV)/vnu --no-save --no-audit --no-fund --ignore-scripts --loglevel=error vnu-jar@26

test: install $(VNU_JAR)
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --no-input -v0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

## The benchmark, not part of `make test`: SIZE generated initiatives on PostgreSQL and on SQLite, each page timed
## through `make serve`; see bench/README.md. BENCH_ARGS passes more options, e.g. BENCH_ARGS="--databases sqlite".
SIZE ?= 10000

bench: install
	$(BIN)/python bench/run.py --size $(SIZE) $(BENCH_ARGS)

## Only the browser tests.
test-browser: install $(VNU_JAR)
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --no-input -v0
	$(TEST_ENV) $(BIN)/pytest tests/browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint ALLOWED_HOSTS=localhost DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)} \
		$(BIN)/python manage.py makemigrations --check --dry-run
