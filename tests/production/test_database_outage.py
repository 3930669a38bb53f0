"""While the database is away, pages answer 503 with Retry-After quickly, and /healthz says so."""

import json
import socket
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper

from tests.compare.dom import parse
from tests.conftest import make_initiative
from tests.production.conftest import production_env, run_python


@pytest.fixture
def database_down():
    """Every query fails as it does when PostgreSQL has gone away."""
    error = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch.object(CursorWrapper, "_execute", side_effect=error),
        mock.patch.object(CursorWrapper, "_executemany", side_effect=error),
    ):
        yield


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, db, database_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response["Retry-After"]


@pytest.mark.parametrize("url", ["/", "/initiatives/", "/initiatives/venligboerne/", "/initiatives.csv"])
def test_pages_answer_503_with_retry_after_while_the_database_is_down(client, db, url):
    make_initiative("venligboerne")

    with mock.patch.object(CursorWrapper, "_execute", side_effect=OperationalError("connection refused")):
        response = client.get(url)

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    assert b"briefly unavailable" in response.content
    assert b"/static/css/site." in response.content


def test_first_request_after_the_database_returns_succeeds(client, transactional_db):
    # Outside a test's transaction, as in production, the outage closes the broken connection: the request after
    # it must open a new one.
    make_initiative("venligboerne", name="Venligboerne")
    with mock.patch.object(CursorWrapper, "_execute", side_effect=OperationalError("connection refused")):
        during = client.get("/initiatives/venligboerne/")
    after = client.get("/initiatives/venligboerne/")

    assert during.status_code == 503
    assert during.has_header("Retry-After") and int(during["Retry-After"]) > 0
    assert after.status_code == 200
    assert parse(after.content).find("h1").text() == "Venligboerne"


def test_the_broken_connection_is_closed_so_the_next_request_reconnects(client, transactional_db):
    with (
        mock.patch.object(CursorWrapper, "_execute", side_effect=OperationalError("terminating connection")),
        mock.patch.object(connection, "close", wraps=connection.close) as close,
    ):
        client.get("/initiatives/")

    close.assert_called()


def test_other_errors_still_surface_as_errors(client, db):
    with (
        mock.patch.object(CursorWrapper, "_execute", side_effect=ZeroDivisionError),
        pytest.raises(ZeroDivisionError),
    ):
        client.get("/initiatives/")


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


OUTAGE = """
import json, time, django
django.setup()
from django.test import Client
client, found = Client(), {}
for url in ["/initiatives/", "/initiatives/venligboerne/", "/initiatives.csv", "/healthz"]:
    start = time.monotonic()
    response = client.get(url)
    found[url] = [response.status_code, response.get("Retry-After"), time.monotonic() - start]
print(json.dumps(found))
"""


def test_a_real_postgresql_outage_gives_quick_503s_not_500s():
    """Production settings against a PostgreSQL port where nothing listens: refused connections become 503s."""
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/catalogue_gone",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
    )

    start = time.monotonic()
    result = run_python(OUTAGE, env)

    assert result.returncode == 0, result.stderr
    for url, (status, retry_after, seconds) in json.loads(result.stdout).items():
        assert status == 503, url
        assert retry_after, url
        assert seconds < 2, url
    assert time.monotonic() - start < 30


HANGING = """
import json, socket, time, django
django.setup()
from django.test import Client
from django.db import connection
client, found = Client(), {"connect_timeout": connection.settings_dict["OPTIONS"]["connect_timeout"]}
for url in ["/initiatives/", "/healthz"]:
    start = time.monotonic()
    response = client.get(url)
    found[url] = [response.status_code, response.get("Retry-After"), time.monotonic() - start]
print(json.dumps(found))
"""


def test_a_database_host_that_hangs_gives_503s_within_the_connect_timeout():
    """A host that takes the connection and never answers, as a frozen server or a dropped route does: each page
    waits no longer than the connect timeout, then answers 503."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # the kernel completes each handshake; nobody ever reads or answers
        env = production_env(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent.getsockname()[1]}/catalogue_frozen",
            ALLOWED_HOSTS="testserver",
            SECURE_SSL_REDIRECT="0",
        )
        result = run_python(HANGING, env)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    timeout = found.pop("connect_timeout")
    for url, (status, retry_after, seconds) in found.items():
        assert status == 503, url
        assert retry_after, url
        assert timeout - 0.5 < seconds < timeout + 1.5, (url, seconds)  # it did wait, and for one timeout only


# A stand-in for the database server that can go away and come back: while down it closes every connection as
# a restarting PostgreSQL does; while up it relays the bytes to the real server.
RETURNING = """
import json, os, socket, threading, time, django

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", int(os.environ["RELAY_PORT"])))
listener.listen(16)
up = threading.Event()

def relay(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        source.close()
        target.close()

def serve():
    while True:
        client, _ = listener.accept()
        if not up.is_set():
            client.close()
            continue
        server = socket.create_connection(("127.0.0.1", 5432))
        threading.Thread(target=relay, args=(client, server), daemon=True).start()
        threading.Thread(target=relay, args=(server, client), daemon=True).start()

threading.Thread(target=serve, daemon=True).start()
django.setup()
from django.test import Client
client = Client()
found = {"before": client.get("/healthz").status_code}
up.set()
returned, answers = time.monotonic(), []
while time.monotonic() - returned < 10:
    answers.append(client.get("/healthz").status_code)
    if answers[-1] == 200:
        break
    time.sleep(0.05)
found.update(after=answers[-1], seconds=time.monotonic() - returned, answers=sorted(set(answers)))
print(json.dumps(found))
"""


def test_service_comes_back_within_2_s_of_the_database_returning():
    """Production settings (persistent connections with health checks) against a real PostgreSQL that is away,
    then back: 503 while it is away, 200 within 2 s of its return, and nothing but those two meanwhile."""
    port = closed_port()
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/postgres",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        RELAY_PORT=str(port),
    )

    result = run_python(RETURNING, env)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["before"] == 503
    assert found["after"] == 200
    assert found["seconds"] < 2
    assert set(found["answers"]) <= {200, 503}
