"""Two curators save the same theme at the same moment on a SQLite file, as `make run` serves it.

Run by tests/curation/test_simultaneous_saves.py in a process of its own, with DATABASE_URL naming a fresh SQLite
file: each curator is a browser of its own (WebTest, through the whole request stack), each request a thread
with its own database connection. The first save holds its write open for a moment, as a slow save would, while
the second is sent. Prints what each curator got, as JSON.
"""

import json
import os
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from webtest import TestApp  # noqa: E402

from initiatives.models import Theme  # noqa: E402

PASSWORD = "a long enough password"
CHANGE = "/admin/initiatives/theme/{}/change/"


def curator_browser(name):
    user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    browser = TestApp(get_wsgi_application(), extra_environ={"HTTP_HOST": "localhost"})
    login = browser.get("/admin/login/?next=/admin/").forms["login-form"]
    login["username"], login["password"] = name, PASSWORD
    assert login.submit().status_code == 302, f"{name} could not log in"
    return browser


def main():
    call_command("migrate", verbosity=0)
    theme = Theme.objects.create(name="Sport", slug="sport")
    first, second = curator_browser("first-curator"), curator_browser("second-curator")
    forms = {}
    for name, browser in (("first", first), ("second", second)):
        forms[name] = browser.get(CHANGE.format(theme.pk)).forms["theme_form"]
        forms[name]["description"] = f"Written by the {name} curator."
    connection.close()

    first_is_writing = threading.Event()

    def hold_the_first_write(sender, instance, **kwargs):
        if threading.current_thread().name == "first":
            first_is_writing.set()
            time.sleep(1.5)

    post_save.connect(hold_the_first_write, sender=Theme)
    outcome = {}

    def save(name):
        if name == "second":
            first_is_writing.wait(10)
        response = forms[name].submit("_save", expect_errors=True)
        outcome[name] = {"status": response.status_code, "page": response.text}
        connection.close()

    threads = [threading.Thread(target=save, args=(name,), name=name) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    theme.refresh_from_db()
    outcome["stored"] = {"description": theme.description, "version": theme.version}
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
