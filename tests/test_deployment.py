"""What can be checked of the Docker setup on a machine without a Docker engine."""

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

import environ
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# What the image runs: the project package, the apps and what they read at run time.
SHIPPED = [
    *("netzwerk", "contacts", "strategy", "reminders", "webhooks", "api"),
    *("templates", "static", "locale", "locale_allauth"),
]


# Services that run until stopped; `migrate` is the one-shot that runs before them.
LONG_RUNNING = {"postgres", "redis", "web", "worker", "beat", "mailpit", "backup"}
APP_SERVICES = {"migrate", "web", "worker", "beat", "backup"}
SECRETS = {"SECRET_KEY", "POSTGRES_PASSWORD"}
# What a complete .env gives compose (the values .env.example asks the operator to make).
FILLED_ENV = {"SECRET_KEY": "k" * 60, "POSTGRES_PASSWORD": "0123abcd"}
VARIABLE = re.compile(r"\$\{(\w+)(?::([-?])([^}]*))?\}")


class MissingVariable(Exception):
    pass


def interpolate(value, env: dict):
    """Compose's substitution of ${VAR}, ${VAR:-default} and ${VAR:?error} in every string."""
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match) -> str:
        name, kind, rest = match.groups()
        if env.get(name):
            return env[name]
        if kind == "?":
            raise MissingVariable(f"{name}: {rest}")
        return rest if kind == "-" else ""

    return VARIABLE.sub(substitute, value).replace("$$", "$")


def raw_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def compose(env: dict | None = None) -> dict:
    return interpolate(raw_compose(), FILLED_ENV if env is None else env)


def entrypoint_role(role: str) -> str:
    """The command bin/docker-entrypoint runs for a role (the lines of its case branch)."""
    source = (ROOT / "bin" / "docker-entrypoint").read_text()
    branch = re.search(rf"^  {role}\)\n(.*?)^    ;;", source, re.MULTILINE | re.DOTALL)
    assert branch, f"bin/docker-entrypoint has no role {role}"
    return " ".join(branch.group(1).replace("\\\n", " ").split())


def test_it_defines_every_runtime_part():
    services = compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit", "migrate"} <= set(services)


def test_migrations_run_once_before_the_app_starts():
    services = compose()["services"]
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    assert "manage.py migrate --noinput" in entrypoint_role("migrate")
    for name in ("web", "worker", "beat", "backup"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name
    assert "migrate" not in entrypoint_role("web")


def test_web_serves_with_gunicorn_and_the_tasks_run_on_the_projects_celery_app():
    services = compose()["services"]
    assert services["web"]["command"] == ["web"]
    assert "gunicorn netzwerk.wsgi:application" in entrypoint_role("web")
    assert services["worker"]["command"] == ["worker"]
    assert entrypoint_role("worker").startswith("wait_for_database exec celery -A netzwerk worker")
    assert services["beat"]["command"] == ["beat"]
    assert entrypoint_role("beat").startswith("wait_for_database exec celery -A netzwerk beat")
    from netzwerk import celery_app

    assert celery_app.main == "netzwerk"


def test_there_is_a_single_beat():
    services = compose()["services"]
    assert "deploy" not in services["beat"], "beat must not be replicated"
    runs_beat = [name for name, service in services.items() if "beat" in service.get("command", [])]
    assert runs_beat == ["beat"]
    assert " -B" not in entrypoint_role("worker")


def test_every_long_running_service_restarts_and_has_a_health_check():
    services = compose()["services"]
    for name in LONG_RUNNING:
        assert services[name]["restart"] == "unless-stopped", name
        test = services[name]["healthcheck"]["test"]
        assert test[0] in ("CMD", "CMD-SHELL") and len(test) > 1, name
    assert services["web"]["healthcheck"]["test"] == ["CMD", "bin/docker-healthcheck", "web"]
    assert services["beat"]["healthcheck"]["test"] == ["CMD", "bin/docker-healthcheck", "beat"]
    assert services["backup"]["healthcheck"]["test"][-1] == "backup"
    assert "celery -A netzwerk inspect ping" in services["worker"]["healthcheck"]["test"][1]
    # Compose turns $$ into $: the shell in the container reads its own HOSTNAME.
    assert "celery@$HOSTNAME" in services["worker"]["healthcheck"]["test"][1]


def test_every_image_from_elsewhere_is_pinned_to_a_release():
    """A fresh `docker compose pull` a year later must not bring a different major version."""
    images = {name: service["image"] for name, service in compose()["services"].items()}
    foreign = {name: image for name, image in images.items() if not image.startswith("netzwerk:")}

    assert set(foreign) >= {"postgres", "redis", "mailpit"}
    assert {name: image for name, image in foreign.items() if not re.search(r":v?\d", image)} == {}


def test_the_app_waits_for_healthy_postgres_and_redis():
    services = compose()["services"]
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        if name != "migrate":
            assert depends["redis"]["condition"] == "service_healthy", name
    assert services["worker"]["depends_on"]["mailpit"]["condition"] == "service_healthy"


def test_the_data_lives_in_named_volumes():
    raw = raw_compose()
    declared = set(raw["volumes"])
    assert {"pgdata", "redisdata", "appdata"} <= declared
    for name, service in raw["services"].items():
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in declared, f"{name} mounts {volume}"
    assert "pgdata:/var/lib/postgresql/data" in raw["services"]["postgres"]["volumes"]


def test_backups_are_written_daily_into_their_own_volume():
    services = compose()["services"]
    assert services["backup"]["command"] == ["backup"]
    assert "python manage.py backup" in entrypoint_role("backup")
    env = services["backup"]["environment"]
    assert services["backup"]["volumes"] == [f"backups:{env['BACKUP_DIR']}"]
    assert env["BACKUP_EVERY_SECONDS"] == "86400" and env["BACKUP_KEEP"] == "14"
    assert "postgresql-client" in (ROOT / "Dockerfile").read_text()


def test_compose_refuses_to_start_without_each_secret():
    for secret in SECRETS:
        with pytest.raises(MissingVariable, match=secret):
            compose({**FILLED_ENV, secret: ""})


def test_no_secret_is_written_in_the_compose_file():
    text = (ROOT / "docker-compose.yml").read_text()
    for secret in SECRETS:
        for line in text.splitlines():
            if f"{secret}:" in line.split("#")[0]:
                assert f"${{{secret}:?" in line, f"{secret} has a value in the file: {line}"
    env = compose()["services"]["web"]["environment"]
    assert env["SECRET_KEY"] == FILLED_ENV["SECRET_KEY"]
    assert FILLED_ENV["POSTGRES_PASSWORD"] in env["DATABASE_URL"]


def test_app_services_get_urls_the_settings_can_parse():
    services = compose()["services"]
    env = services["web"]["environment"]
    database = environ.Env.db_url_config(env["DATABASE_URL"])
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "postgres"
    assert database["PASSWORD"] == FILLED_ENV["POSTGRES_PASSWORD"]
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert environ.Env.email_url_config(env["EMAIL_URL"])["EMAIL_HOST"] == "mailpit"
    assert env["DEBUG"] == "false"
    # Safe by default: sign-up and password reset reveal nothing (allauth needs verification
    # for its enumeration prevention); the quick start keeps it optional.
    assert env["ACCOUNT_EMAIL_VERIFICATION"] == "mandatory"
    for service in APP_SERVICES:
        assert services[service]["environment"] == env


def test_every_variable_compose_sets_is_read_by_settings_or_the_entrypoint():
    readers = "".join(
        (ROOT / path).read_text()
        for path in ("netzwerk/settings.py", "bin/docker-entrypoint", "bin/docker-healthcheck")
    )
    # gunicorn reads WEB_CONCURRENCY itself as its number of workers.
    for name in set(compose()["services"]["web"]["environment"]) - {"WEB_CONCURRENCY"}:
        assert f'"{name}"' in readers or f"${{{name}" in readers, f"{name} is set but not read"


def test_env_example_documents_every_variable_compose_reads():
    example = (ROOT / ".env.example").read_text()
    documented = dict(
        line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#")
    )
    used = set(VARIABLE.findall((ROOT / "docker-compose.yml").read_text()))
    assert {name for name, _kind, _rest in used} <= set(documented)
    for secret in SECRETS:
        assert documented[secret] == "", f"{secret} must be left for the operator to make"
    assert "secrets.token_urlsafe(50)" in example


def test_the_dockerfile_builds_a_small_image_that_runs_as_another_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = dockerfile.split("\nFROM ")
    assert len(stages) == 3, "comments, a build stage and a final stage"
    _comments, build, final = stages
    assert build.startswith("python:3.11-slim") and final.startswith("python:3.11-slim")
    assert "RUN pip install .\n" in build, "the runtime dependencies only, no dev extra"
    assert "[dev]" not in dockerfile
    assert "STATIC_MANIFEST=true" in build and "collectstatic --noinput" in build
    # The final stage gets the virtualenv and the app, but no compiler, pip cache or sources.
    assert "COPY --from=build /opt/venv /opt/venv" in final
    assert "pip install" not in final
    assert "postgresql-client" in final, "pg_dump for manage.py backup"
    assert re.search(r"^USER netzwerk$", final, re.MULTILINE)
    assert 'ENTRYPOINT ["bin/docker-entrypoint"]' in final
    assert 'CMD ["web"]' in final


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
    local += [".env.example", "bin/setup", "staticfiles/staticfiles.json"]
    for path in [*local, "contacts/__pycache__/models.cpython-311.pyc", "NOTES.md"]:
        assert dockerignored(path), f"{path} would be copied into the image"


def test_the_image_keeps_everything_the_app_and_the_dockerfile_need():
    needed = [
        "manage.py",
        "pyproject.toml",
        "README.md",
        "bin/docker-entrypoint",
        "bin/docker-healthcheck",
    ]
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
