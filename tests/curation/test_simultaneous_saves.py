"""On SQLite, the default database, two curators saving at the same moment meet the stale-save check, as on
PostgreSQL: the second is refused with the message, never answered with a 503 or a 500."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(__file__).with_name("simultaneous_saves.py")


def test_two_simultaneous_saves_on_sqlite_refuse_the_second_with_the_stale_message(tmp_path):
    environment = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'catalogue.sqlite3'}",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    run = subprocess.run(
        [sys.executable, str(SCRIPT)],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr

    outcome = json.loads(run.stdout.splitlines()[-1])
    assert outcome["first"]["status"] == 302
    assert outcome["second"]["status"] == 200
    assert "Someone else changed this theme since you opened it." in outcome["second"]["page"]
    assert outcome["stored"] == {"description": "Written by the first curator.", "version": 2}
