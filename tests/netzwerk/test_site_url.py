"""Email links point at the server bin/run started: SITE_URL follows PORT unless it is set."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def site_url(**env: str) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SITE_URL", "PORT", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="netzwerk.settings")
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_site_url_follows_the_port_bin_run_serves_on():
    assert site_url(PORT="8101") == "http://127.0.0.1:8101"
    assert site_url() == "http://127.0.0.1:8000"


def test_a_site_url_that_is_set_wins_over_the_port():
    assert site_url(PORT="8101", SITE_URL="https://netzwerk.example.org") == (
        "https://netzwerk.example.org"
    )


def test_bin_run_hands_the_port_to_the_worker_that_writes_the_emails():
    script = (ROOT / "bin" / "run").read_text()

    assert "export PORT=" in script
    assert script.index("export PORT=") < script.index("celery -A netzwerk worker")
