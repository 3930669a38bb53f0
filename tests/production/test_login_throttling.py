"""Five failed logins for one account from one address lock that address out; others can still log in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User

PASSWORD = "a-long-curator-passphrase"
ATTACKER = "203.0.113.5"
CURATOR_HOME = "198.51.100.7"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Throttling, not hashing, is under test: a slow hash only slows the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def curator(db):
    return User.objects.create_user("curator", password=PASSWORD, is_staff=True)


def log_in(client, password, address):
    return client.post("/admin/login/?next=/admin/", {"username": "curator", "password": password}, REMOTE_ADDR=address)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_right_password_logs_in(client, curator):
    response = log_in(client, PASSWORD, CURATOR_HOME)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_four_failures_do_not_lock_the_account(client, curator):
    for _ in range(4):
        assert log_in(client, "wrong", ATTACKER).status_code == 200

    assert log_in(client, PASSWORD, ATTACKER).status_code == 302


def test_after_five_failures_the_right_password_is_refused_from_that_address(client, curator):
    for _ in range(5):
        log_in(client, "wrong", ATTACKER)

    response = log_in(client, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_another_address_can_still_log_in(client, curator):
    for _ in range(5):
        log_in(client, "wrong", ATTACKER)

    response = log_in(client, PASSWORD, CURATOR_HOME)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_lockout_ends_after_fifteen_minutes(client, curator):
    for _ in range(5):
        log_in(client, "wrong", ATTACKER)
    assert log_in(client, PASSWORD, ATTACKER).status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))

    assert log_in(client, PASSWORD, ATTACKER).status_code == 302
