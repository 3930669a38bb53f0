"""Every response, pages, admin and static files alike, carries the security headers."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.templatetags.static import static

from tests.conftest import make_initiative

ONE_YEAR = 365 * 24 * 3600
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    hsts = response["Strict-Transport-Security"]
    assert int(hsts.split(";")[0].removeprefix("max-age=")) >= ONE_YEAR
    assert "includeSubDomains" in hsts and "preload" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("admin", password="unused-password-4-tests"))
    return client


def test_list_page_carries_the_security_headers(client, db):
    response = client.get("/initiatives/", secure=True)

    assert response.status_code == 200
    assert_security_headers(response)


def test_detail_page_carries_the_security_headers(client, db):
    initiative = make_initiative("venligboerne")

    response = client.get(initiative.get_absolute_url(), secure=True)

    assert response.status_code == 200
    assert_security_headers(response)


def test_admin_login_page_carries_the_security_headers(client, db):
    response = client.get("/admin/login/", secure=True)

    assert response.status_code == 200
    assert_security_headers(response)


def test_static_file_served_by_whitenoise_carries_the_security_headers(client):
    response = client.get("/static/css/site.css", secure=True)

    assert response.status_code == 200
    assert response.__class__.__name__ == "WhiteNoiseFileResponse"
    assert_security_headers(response)


def test_hashed_static_files_are_cached_for_ever(client):
    response = client.get(static("css/site.css"), secure=True)

    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert_security_headers(response)


def test_healthz_carries_the_security_headers(client, db):
    assert_security_headers(client.get("/healthz", secure=True))


class Assets(HTMLParser):
    """Collects what a page asks the browser to load or run, and what a strict CSP would block."""

    def __init__(self):
        super().__init__()
        self.urls, self.blocked = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.blocked.append((tag, attrs))
        if tag == "style":
            self.blocked.append((tag, attrs))
        if tag == "script":
            if attrs.get("src"):
                self.urls.append((attrs["src"], "javascript"))
            elif attrs.get("type") not in DATA_SCRIPT_TYPES:
                self.blocked.append((tag, attrs))
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.urls.append((attrs["href"], "text/css"))


def assert_works_under_the_policy(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert_security_headers(response)
    assets = Assets()
    assets.feed(response.content.decode())
    assert assets.urls
    assert assets.blocked == []
    for asset, content_type in assets.urls:
        assert asset.startswith("/") and not asset.startswith("//"), f"{asset} is not on our origin"
        loaded = client.get(asset, secure=True)
        assert loaded.status_code == 200, asset
        # nosniff makes browsers refuse a script or stylesheet sent with another type.
        assert content_type in loaded["Content-Type"], asset


@pytest.mark.parametrize("page", ["login", "changelist", "change form"])
def test_admin_works_under_the_content_security_policy(admin_client, page):
    initiative = make_initiative("venligboerne")
    url = {
        "login": "/admin/login/",
        "changelist": "/admin/initiatives/initiative/",
        "change form": f"/admin/initiatives/initiative/{initiative.pk}/change/",
    }[page]
    if page == "login":
        admin_client.logout()

    assert_works_under_the_policy(admin_client, url)


def test_public_pages_work_under_the_content_security_policy(client, db):
    initiative = make_initiative("venligboerne")

    assert_works_under_the_policy(client, "/initiatives/")
    assert_works_under_the_policy(client, initiative.get_absolute_url())
