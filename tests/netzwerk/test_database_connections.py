"""Persistent database connections where a real server runs, none for the dev server."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
READ_SETTINGS = (
    "import json; from netzwerk import settings as s; "
    "d = s.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
)


def database_settings(**env: str) -> list:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "CONN_MAX_AGE"}}
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_real_server_keeps_its_connection_with_health_checks():
    assert database_settings(DEBUG="false") == [60, True]


def test_the_dev_server_opens_a_connection_per_request():
    assert database_settings(DEBUG="true") == [0, True]


def test_the_environment_sets_the_lifetime():
    assert database_settings(DEBUG="false", CONN_MAX_AGE="0") == [0, True]
    assert database_settings(DEBUG="true", CONN_MAX_AGE="300") == [300, True]
