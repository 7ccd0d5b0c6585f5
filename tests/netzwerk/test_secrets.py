"""The secret key: an instance with DEBUG off refuses a missing, short or published key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from netzwerk.checks import PUBLISHED_SECRET_KEYS, refuse_to_serve_with_a_known_key

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD_KEY = "k3Y-" + "a-long-random-enough-secret-key-value-for-the-tests-0123456789"


def secret_key_errors() -> list[str]:
    messages = run_checks(include_deployment_checks=True, tags=["security"])
    return [m.id for m in messages if m.id.startswith("netzwerk.") and m.is_serious()]


@pytest.mark.parametrize(
    "key", ["", "short-key", "a" * 60, *sorted(PUBLISHED_SECRET_KEYS)], ids=repr
)
def test_deploy_checks_refuse_a_missing_short_or_published_key(settings, key):
    settings.DEBUG = False
    settings.SECRET_KEY = key

    assert secret_key_errors() == ["netzwerk.E001"]
    with pytest.raises(ImproperlyConfigured, match="secrets.token_urlsafe"):
        refuse_to_serve_with_a_known_key()


def test_deploy_checks_refuse_a_published_key_among_the_fallbacks(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    settings.SECRET_KEY_FALLBACKS = [GOOD_KEY[::-1], *PUBLISHED_SECRET_KEYS]

    assert secret_key_errors() == ["netzwerk.E002", "netzwerk.E002"]


def test_a_key_of_its_own_passes(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    settings.SECRET_KEY_FALLBACKS = [GOOD_KEY[::-1]]

    assert secret_key_errors() == []
    refuse_to_serve_with_a_known_key()


def test_development_with_debug_on_keeps_the_default_key(settings):
    settings.DEBUG = True
    settings.SECRET_KEY = sorted(PUBLISHED_SECRET_KEYS)[0]

    assert secret_key_errors() == []


def run(command: list[str], **env) -> subprocess.CompletedProcess:
    """A fresh process with only the given settings (no SECRET_KEY from the test's own)."""
    # (The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process while they run; a
    # deployment never has it, and the deploy check rightly refuses it.)
    dropped = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("env", [{}, {"SECRET_KEY": sorted(PUBLISHED_SECRET_KEYS)[0]}])
def test_check_deploy_fails_without_a_key_of_its_own(env):
    result = run(["manage.py", "check", "--deploy"], DEBUG="false", **env)

    assert result.returncode != 0
    assert "netzwerk.E001" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_the_web_server_refuses_to_start_with_the_published_key():
    result = run(["-c", "import netzwerk.wsgi"], DEBUG="false")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY" in result.stderr


def test_check_deploy_with_production_settings_has_no_warning():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        HTTPS="true",
        SECRET_KEY=GOOD_KEY,
        SECRET_KEY_FALLBACKS=GOOD_KEY[::-1],
        ALLOWED_HOSTS="netzwerk.example",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
