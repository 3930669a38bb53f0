# The catalogue's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint data

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

## Run the whole suite on SQLite, or on the PostgreSQL that DATABASE_URL names.
TEST_ENV := SECRET_KEY=test-only-secret-key ALLOWED_HOSTS=testserver,127.0.0.1,localhost DEBUG=0

test: install
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --no-input -v0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint ALLOWED_HOSTS=localhost $(BIN)/python manage.py makemigrations --check --dry-run
