"""What can be checked of the Docker setup on a machine without a Docker engine."""

from pathlib import Path

import environ
import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_defines_every_runtime_part():
    services = compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit"} <= set(services)


def test_web_serves_with_gunicorn_after_migrating():
    command = compose()["services"]["web"]["command"]
    assert "manage.py migrate" in command
    assert "gunicorn netzwerk.wsgi:application" in command


def test_worker_and_beat_run_the_projects_celery_app():
    services = compose()["services"]
    assert services["worker"]["command"].startswith("celery -A netzwerk worker")
    assert services["beat"]["command"].startswith("celery -A netzwerk beat")
    from netzwerk import celery_app

    assert celery_app.main == "netzwerk"


def test_app_services_get_urls_the_settings_can_parse():
    env = compose()["services"]["web"]["environment"]
    database = environ.Env.db_url_config(env["DATABASE_URL"])
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "postgres"
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert environ.Env.email_url_config(env["EMAIL_URL"])["EMAIL_HOST"] == "mailpit"
    for service in ("worker", "beat"):
        assert compose()["services"][service]["environment"] == env


def test_every_variable_compose_sets_is_read_by_settings():
    settings_source = (ROOT / "netzwerk" / "settings.py").read_text()
    for name in compose()["services"]["web"]["environment"]:
        assert f'"{name}"' in settings_source, f"{name} is set in compose but not read"


def test_dockerfile_installs_the_pinned_project_and_collects_static():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile
    assert "pip install ." in dockerfile
    assert "collectstatic" in dockerfile
