"""Helpers for the production tests: run Django in a subprocess with a crafted environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Variables that decide the mode; every subprocess starts without them and gets only what a test gives.
MODE_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "DATABASE_STATEMENT_TIMEOUT",
    "REDIS_URL",
}


def production_env(**overrides):
    """The environment `make serve` expects, with a strong key; a value of None removes the variable."""
    env = {key: value for key, value in os.environ.items() if key not in MODE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="catalogue.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/catalogue_load",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_python(code, env, timeout=60):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def run_manage(*args, env, timeout=60):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
