"""With the HTTPS redirect on, as in production, plain HTTP goes to HTTPS; the health probe stays reachable."""

import pytest


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True


def test_plain_http_is_redirected_to_https(client, db, https_only):
    response = client.get("/initiatives/?q=mentor")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/initiatives/?q=mentor"


def test_https_requests_are_served(client, db, https_only):
    assert client.get("/initiatives/", secure=True).status_code == 200


def test_https_behind_a_proxy_is_recognised_by_its_header(client, db, https_only, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert client.get("/initiatives/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


def test_health_probe_answers_over_plain_http(client, db, https_only):
    assert client.get("/healthz").status_code == 200


def test_cookies_are_secure_http_only_and_same_site(settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"
