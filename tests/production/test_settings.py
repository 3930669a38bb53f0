"""Production mode (DEBUG off) refuses to start half-configured, and passes Django's deployment checks."""

import json

import pytest

from tests.production.conftest import production_env, run_manage, run_python

SETUP = "import django; django.setup()"


@pytest.mark.parametrize("variable", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_mode_refuses_to_start_without_each_required_variable(variable):
    result = run_python(SETUP, production_env(**{variable: None}))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set {variable}" in result.stderr


def test_production_mode_starts_with_its_three_variables():
    result = run_python(SETUP, production_env())

    assert result.returncode == 0, result.stderr


def test_development_mode_needs_none_of_them():
    env = production_env(DEBUG="1", SECRET_KEY=None, ALLOWED_HOSTS=None, DATABASE_URL=None)

    result = run_python(SETUP, env)

    assert result.returncode == 0, result.stderr


def test_production_mode_passes_the_deployment_checks_without_a_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "database": s.DATABASES["default"],
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "proxy_ssl_header": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
}, default=str))
"""


def read_settings(env):
    result = run_python(PRINT_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_postgresql_connections_persist_with_health_checks_and_timeouts():
    database = read_settings(production_env())["database"]

    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["connect_timeout"] == 3
    assert database["OPTIONS"]["options"] == "-c statement_timeout=15s -c jit=off -c work_mem=32MB"


def test_statement_timeout_comes_from_the_environment():
    database = read_settings(production_env(DATABASE_STATEMENT_TIMEOUT="2500"))["database"]

    assert database["OPTIONS"]["options"] == "-c statement_timeout=2500 -c jit=off -c work_mem=32MB"


def test_sqlite_takes_the_write_lock_as_each_transaction_begins_and_gets_no_postgresql_options():
    database = read_settings(production_env(DATABASE_URL="sqlite:////tmp/catalogue_settings.sqlite3"))["database"]

    assert database["OPTIONS"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}


def test_https_redirect_is_on_in_production_and_can_be_turned_off_behind_a_proxy():
    assert read_settings(production_env())["ssl_redirect"] is True
    assert read_settings(production_env(SECURE_SSL_REDIRECT="0"))["ssl_redirect"] is False


def test_proxy_ssl_header_is_read_as_a_header_line():
    found = read_settings(production_env(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https"))

    assert found["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
