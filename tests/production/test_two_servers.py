"""Two `make serve` servers on one database and one Redis, as behind a balancer: a curator's change through one
is on the other's pages at once, and the session made on one holds on the other."""

import os
import signal
import subprocess
import time
import urllib.parse
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import SimpleNamespace
from urllib.error import HTTPError, URLError
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import dj_database_url
import psycopg2
import pytest
import redis
from bs4 import BeautifulSoup
from webtest.forms import Form

from tests.production.conftest import BASE_DIR, production_env, run_manage, run_python
from tests.production.test_database_outage import closed_port

REDIS_URL = "redis://127.0.0.1:6379/7"
PASSWORD = "a-long-curator-passphrase"
STARTUP_SECONDS = 180

SETUP = f"""
import django
django.setup()
from django.contrib.auth.models import Group, User
from initiatives.models import Initiative, Place
denmark = Place.objects.create(slug="denmark", name="Denmark", kind=Place.Kind.COUNTRY)
initiative = Initiative.objects.create(
    slug="venligboerne", name="Venligboerne", era=Initiative.Era.LONG_ESTABLISHED, published=True, country=denmark
)
curator = User.objects.create_user("curator", password="{PASSWORD}", is_staff=True)
curator.groups.add(Group.objects.get(name="Curators"))
print(initiative.pk)
"""


@pytest.fixture
def database_url(tmp_path):
    """A database of the kind the suite runs on, new and empty, that both servers share."""
    tested = dj_database_url.parse(os.environ["DATABASE_URL"])
    if tested["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'catalogue.sqlite3'}"
        return
    name = f"{tested['NAME']}_two_servers"
    server = {key.lower(): tested[key] for key in ("HOST", "PORT", "USER", "PASSWORD") if tested.get(key)}
    maintenance = psycopg2.connect(dbname="postgres", **server)
    maintenance.autocommit = True
    try:
        with maintenance.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        yield urllib.parse.urlunsplit(url._replace(path=f"/{name}"))
        with maintenance.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        maintenance.close()


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One reader's browser, its requests reaching whichever server the balancer picks. The balancer ends TLS and
    says so in X-Forwarded-Proto, so the browser keeps and sends the `Secure` cookies."""

    def __init__(self):
        self.cookies = CookieJar(DefaultCookiePolicy(secure_protocols=("http", "https")))
        self.opener = build_opener(HTTPCookieProcessor(self.cookies), NoRedirects)

    def request(self, base, path, fields=None):
        headers = {"X-Forwarded-Proto": "https"}
        data = None
        if fields is not None:
            data = urllib.parse.urlencode(fields).encode()
            origin = "https://" + urllib.parse.urlsplit(base).netloc
            headers.update(Origin=origin, Referer=origin + path)
        try:
            with self.opener.open(Request(base + path, data=data, headers=headers), timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, base, path):
        status, _headers, body = self.request(base, path)
        assert status == 200, (base, path, status)
        return body

    def form(self, base, path, form_id):
        page = BeautifulSoup(self.get(base, path), "html.parser")
        # WebTest reads the fields as a browser does; for a form with an id it looks through the whole page.
        return Form(SimpleNamespace(html=page), str(page.find("form", id=form_id)))

    def submit(self, base, path, form, button=None):
        """Posts every field of the form as a browser does, the hidden ones included."""
        return self.request(base, path, form.submit_fields(button))


def start_server(env, port, log_path):
    with open(log_path, "w") as log:
        return subprocess.Popen(
            ["make", "serve"],
            cwd=BASE_DIR,
            env={**env, "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": "2"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make and its gunicorn workers in one group, ended together
        )


def wait_until_healthy(server, base, log_path):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, log_path.read_text()[-3000:]
        try:
            with build_opener().open(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except (URLError, ConnectionError):
            time.sleep(0.5)
    raise AssertionError(f"no answer from {base}/healthz within {STARTUP_SECONDS} s: " + log_path.read_text()[-3000:])


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def test_a_change_through_one_server_shows_at_once_on_the_other(database_url, tmp_path):
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = production_env(
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
    )
    migrated = run_manage("migrate", "--no-input", env=env, timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    setup = run_python(SETUP, env)
    assert setup.returncode == 0, setup.stderr
    change_url = f"/admin/initiatives/initiative/{setup.stdout.split()[-1]}/change/"

    one, two = (f"http://127.0.0.1:{closed_port()}" for _ in range(2))
    servers = []
    try:
        # One after the other, as a deployment does: each server's start collects static files and migrates.
        for n, base in enumerate((one, two), start=1):
            log_path = tmp_path / f"server-{n}.log"
            servers.append(start_server(env, urllib.parse.urlsplit(base).port, log_path))
            wait_until_healthy(servers[-1], base, log_path)
        curator, reader = Browser(), Browser()
        assert "Venligboerne" in reader.get(two, "/initiatives/venligboerne/")
        assert "Venligboerne" in reader.get(two, "/initiatives/")
        assert "<strong>1</strong> long-established" in reader.get(two, "/")

        login = curator.form(one, "/admin/login/?next=/admin/", "login-form")
        login["username"], login["password"] = "curator", PASSWORD
        status, headers, _ = curator.submit(one, "/admin/login/?next=/admin/", login)
        assert (status, headers["Location"]) == (302, "/admin/")
        assert curator.request(two, "/admin/")[0] == 200  # the session is the database's, not server 1's

        change = curator.form(one, change_url, "initiative_form")
        change["name"], change["era"] = "Venligboerne Sønderborg", "new"
        status, headers, body = curator.submit(one, change_url, change, "_save")
        assert status == 302, body

        assert "Venligboerne Sønderborg" in reader.get(two, "/initiatives/venligboerne/")
        assert "Venligboerne Sønderborg" in reader.get(two, "/initiatives/")
        home = reader.get(two, "/")
        assert "<strong>1</strong> new" in home and "<strong>0</strong> long-established" in home
    finally:
        for server in servers:
            stop(server)
