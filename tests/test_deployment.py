"""What can be checked of the Docker setup on a machine without a Docker engine."""

import ast
from fnmatch import fnmatch
from pathlib import Path

import environ
import yaml

ROOT = Path(__file__).resolve().parent.parent
# What the image runs: the project package, the apps and what they read at run time.
SHIPPED = ["netzwerk", "contacts", "strategy", "reminders", "templates", "static", "locale"]


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


def dockerignored(path: str) -> bool:
    """Whether .dockerignore keeps this path of the build context out of the image.

    Docker's rules as far as this file uses them: the last matching line wins, a `!` line takes
    a path back in, and a line that matches a directory also covers everything below it.
    """
    parts = path.split("/")
    # The path itself and each directory above it: "tests/bench/x.py" is covered by "tests".
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    ignored = False
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pattern = line.removeprefix("!").strip("/")
        patterns = [pattern, pattern.removeprefix("**/")]
        if any(fnmatch(c, p) for c in candidates for p in patterns):
            ignored = not line.startswith("!")
    return ignored


def test_the_image_ships_neither_tests_nor_the_benchmark():
    for path in ("tests/conftest.py", "tests/bench/test_benchmark_command.py", "bench/data.py"):
        assert dockerignored(path), f"{path} would be copied into the image"


def test_the_image_ships_no_local_state_or_development_files():
    local = [".git", ".ci/run", ".venv/bin/python", "var/netzwerk.sqlite3", ".env", "bin/test"]
    for path in [*local, "contacts/__pycache__/models.cpython-311.pyc", "NOTES.md"]:
        assert dockerignored(path), f"{path} would be copied into the image"


def test_the_image_keeps_everything_the_app_and_the_dockerfile_need():
    needed = ["manage.py", "pyproject.toml", "README.md"]
    for folder in SHIPPED:
        needed += [
            str(path.relative_to(ROOT))
            for path in (ROOT / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        ]
    assert len(needed) > 100
    assert [path for path in needed if dockerignored(path)] == []


def test_the_shipped_packages_import_no_development_tool():
    """`pip install .` (the image) has no Faker and no bench/ or tests/ to import."""
    development = {"faker", "bench", "tests"}
    for folder in ("netzwerk", "contacts", "strategy", "reminders"):
        for source in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text())):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                else:
                    continue
                for name in names:
                    assert name.split(".")[0] not in development, f"{source} imports {name}"
