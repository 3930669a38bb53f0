"""A real browser on the live server: Debian's Chromium driven by Playwright, one browser for the whole run and
fresh pages for each test, with the Denmark data, or the test's own records, in the database the server reads."""

import io
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import sync_playwright

from tests.browser.checks import HtmlChecker
from tests.conftest import curators_group

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "a long browser test password"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last, after pytest-django's ordering: while Playwright's sync API runs, Django sees an event loop in this thread (see the
    `browser` fixture), and their transactional database is emptied after each of them."""
    items.sort(key=lambda item: Path(__file__).parent in Path(item.path).parents)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, never a browser build of Playwright's own. Missing, it fails the tests: CI installs it."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"No {CHROMIUM}: install Debian's chromium (apt-get install chromium) to run the browser tests.")
    # Playwright's sync API marks its event loop as running in this thread between calls, which Django's guard
    # against database access from async code takes for an async context. These tests call the database from
    # plain sync code only, so the guard is lifted for as long as the browser runs: the last tests of the run.
    guard = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            yield browser
            browser.close()
    finally:
        if guard is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = guard


@pytest.fixture(scope="session")
def html_checker():
    """The Nu Html Checker; missing, it fails the tests: `make test` installs it."""
    try:
        checker = HtmlChecker()
    except (FileNotFoundError, RuntimeError) as error:
        pytest.fail(str(error))
    yield checker
    checker.close()


@pytest.fixture(scope="session")
def site(live_server):
    """pytest-django's live server, answering as `make serve` does: its own static-files handler serves only the
    source folders, so it is taken out and WhiteNoise serves what collectstatic wrote, under hashed names."""
    live_server.thread.httpd.set_app(WSGIHandler())
    return live_server


@pytest.fixture
def catalogue(transactional_db):
    """The Denmark data in the database the live server reads. `tests/conftest.py`'s `denmark` holds it in a
    transaction that the server's own connection cannot see; here it is committed, and emptied after the test.

    Without the history rows that loading also writes: no page these tests open shows them, and writing them
    takes two thirds of each test's load."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("load_catalogue", stdout=io.StringIO())


def new_page(browser):
    """A fresh page, in a context of its own (no cookies from other pages), desktop-sized."""
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def page(browser):
    """A fresh page of the test's own."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def quick_passwords(settings):
    """Passwords hashed in no time: each hash of the real hasher takes most of a second on CI's machine, and
    logging in is not what these tests check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(page, site, username):
    """Logs `page` in through the admin's login form, as a person does."""
    page.goto(f"{site.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{site.url}/admin/", f"{username} could not log in."
    return page


@pytest.fixture
def admin_page(page, site, catalogue, quick_passwords):
    """The page, logged in to the admin through its login form as a superuser made for the test."""
    User.objects.create_superuser("browser-admin", password=PASSWORD)
    return log_in(page, site, "browser-admin")


def make_curator(username):
    """Staff in the Curators group, and nothing more."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(curators_group())
    return user


@pytest.fixture
def curator_page(page, site, transactional_db, quick_passwords):
    """The page, logged in to the admin through its login form as a curator made for the test."""
    make_curator("browser-curator")
    return log_in(page, site, "browser-curator")


@pytest.fixture
def other_curator_page(browser, site, transactional_db, quick_passwords):
    """A second curator, in a browser context of their own, logged in at the same time as `curator_page`'s."""
    make_curator("other-browser-curator")
    page = log_in(new_page(browser), site, "other-browser-curator")
    yield page
    page.context.close()
