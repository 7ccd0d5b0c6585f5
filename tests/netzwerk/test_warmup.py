"""gunicorn loads and warms the app before forking its workers, so that a new worker's first
request costs what any other does (netzwerk/warmup.py, netzwerk/gunicorn_conf.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.signals import request_started
from django.db import close_old_connections, connections
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.template.loaders import cached
from django.urls import URLResolver, clear_url_caches, get_resolver, reverse
from django.utils import translation

from netzwerk import gunicorn_conf
from netzwerk.warmup import project_templates, warm_up

ROOT = Path(settings.BASE_DIR)


def cached_loader() -> cached.Loader:
    """The cached loader, under template_partials' wrapper."""
    (wrapper,) = engines["django"].engine.template_loaders
    (loader,) = wrapper.loaders
    assert isinstance(loader, cached.Loader)
    return loader


def cached_templates() -> set[str]:
    return {key.split("-")[0] for key in cached_loader().get_template_cache}


def test_warming_up_compiles_the_projects_templates_and_loads_the_urls_without_a_connection():
    cached_loader().reset()
    clear_url_caches()
    connections.close_all()

    warm_up()

    assert {"base.html", "contacts/tags.html", "reminders/dashboard.html"} <= cached_templates()
    assert get_resolver()._populated
    # Django never closes an in-memory SQLite test database (its data would be gone), and an
    # earlier test in the same worker may have opened it; every other connection is closed.
    assert all(
        connection.connection is None
        for connection in connections.all()
        if not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    )


def test_warming_up_compiles_the_form_widgets_templates():
    env = get_default_renderer().engine.env
    env.cache.clear()

    warm_up()

    compiled = {name for _loader, name in env.cache}
    assert {"django/forms/widgets/select.html", "django/forms/widgets/input.html"} <= compiled


def test_every_project_template_is_found_and_none_of_the_libraries():
    names = project_templates()

    assert "contacts/list.html" in names
    assert "partials/pager.html" in names
    assert not any(name.startswith("admin/") for name in names)


def test_the_shipped_server_preloads_with_this_configuration():
    entrypoint = (ROOT / "bin" / "docker-entrypoint").read_text()

    assert gunicorn_conf.preload_app is True
    assert re.search(
        r"exec gunicorn netzwerk\.wsgi:application --config python:netzwerk\.gunicorn_conf",
        entrypoint,
    )


def test_after_warming_up_reverse_builds_no_table_in_either_language(monkeypatch):
    # reverse("contacts:detail") reads a table made for the namespace's prefix; a worker
    # that had to build it would spend its first request on it.
    clear_url_caches()
    warm_up()
    built = []
    populate = URLResolver._populate
    monkeypatch.setattr(
        URLResolver, "_populate", lambda self: (built.append(self), populate(self))[1]
    )

    for language in ("de", "en"):
        with translation.override(language):
            assert reverse("contacts:detail", args=[7]) == "/contacts/7/"
            reverse("reminders:dashboard")

    assert built == []


@pytest.mark.django_db
def test_a_workers_database_session_reads_every_tables_description_before_a_request():
    from django.apps import apps
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netzwerk.warmup import warm_database_session

    with CaptureQueriesContext(connection) as run:
        warm_database_session()

    planned = {re.search(r'FROM "([^"]+)"', q["sql"]).group(1) for q in run.captured_queries}
    if connection.vendor != "postgresql":
        assert planned == set()  # SQLite has no per-session catalogue to fill
        return
    assert all(q["sql"].startswith("EXPLAIN ") for q in run.captured_queries)
    tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    assert {"contacts_contact", "contacts_interaction_contacts", "django_session"} <= planned
    assert planned == tables


@pytest.mark.django_db
def test_a_workers_database_session_plans_the_contact_list_in_each_sort():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from contacts.paging import SORTS
    from netzwerk.warmup import warm_database_session

    with CaptureQueriesContext(connection) as run:
        warm_database_session()

    if connection.vendor != "postgresql":
        assert run.captured_queries == []  # nothing to plan ahead (above)
        return
    lists = [q["sql"] for q in run.captured_queries if "tag_names" in q["sql"]]
    assert len(lists) == len(SORTS)
    assert all(sql.startswith("EXPLAIN SELECT ") and "LIMIT 51" in sql for sql in lists)


def test_warming_up_builds_the_contact_lists_query():
    from contacts.models.contact import _list_rows

    _list_rows.cache_clear()

    warm_up()

    assert _list_rows.cache_info().currsize == 1


def test_after_warming_up_reversing_a_url_compiles_no_regular_expression():
    # reverse() compiles the pattern of the URL it returns on first use (into re's cache,
    # which the forked workers share); the list page used to compile a score of them.
    clear_url_caches()
    re.purge()
    warm_up()
    compiled = set(re._cache)  # re keeps every pattern it compiled here, up to 512

    for language in ("de", "en"):
        with translation.override(language):
            assert reverse("contacts:detail", args=[7]) == "/contacts/7/"
            reverse("contacts:log", kwargs={"pk": 12})
            reverse("reminders:dashboard")
            reverse("account_logout")

    assert set(re._cache) == compiled


def test_warming_up_compiles_the_session_users_query():
    from reminders.auth_backends import user_query

    user_query.cache_clear()

    warm_up()

    assert user_query.cache_info().currsize == 1


def recording(application):
    """The application, noting the status of each response it starts."""
    statuses = []

    def app(environ, start_response):
        def start(status, headers, exc_info=None):
            statuses.append(int(status.split()[0]))
            return start_response(status, headers, exc_info)

        return application(environ, start)

    return app, statuses


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"ALLOWED_HOSTS": [".netzwerk.example"], "DEBUG": False},
        {"ALLOWED_HOSTS": ["*"], "DEBUG": False},
        {"SECURE_SSL_REDIRECT": True, "ALLOWED_HOSTS": ["crm.example.org"]},
    ],
)
def test_a_new_worker_answers_the_sign_in_page_once_writing_and_logging_nothing(
    overrides, settings, caplog
):
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netzwerk.warmup import warm_worker

    for name, value in overrides.items():
        setattr(settings, name, value)
    app, statuses = recording(get_wsgi_application())

    # As Django's test client does: the request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    try:
        with CaptureQueriesContext(connection) as run, caplog.at_level("WARNING"):
            warm_worker(app)
    finally:
        request_started.connect(close_old_connections)

    # Not a redirect to HTTPS nor a refused host: the page itself was rendered.
    assert statuses == [200]
    assert [q["sql"] for q in run.captured_queries if not q["sql"].startswith("SELECT")] == []
    assert caplog.records == []


def test_without_a_host_to_answer_to_no_warm_up_request_is_made(settings):
    from django.core.wsgi import get_wsgi_application

    from netzwerk.warmup import warm_worker

    settings.DEBUG, settings.ALLOWED_HOSTS = False, []
    app, statuses = recording(get_wsgi_application())

    warm_worker(app)

    assert statuses == []


@pytest.mark.django_db
def test_a_new_worker_renders_the_busiest_pages_once_per_language_for_nobody(owner):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from netzwerk.warmup import warm_pages
    from tests.factories import make_contact, make_follow_up

    # Someone's network, whose due contacts the home page would offer for lunch (and mark).
    make_follow_up(make_contact(owner, first_name="Ada", category="einhorn"), days_from_today=-3)
    translation.activate("en")
    try:
        with CaptureQueriesContext(connection) as run:
            rendered = warm_pages()
    finally:
        language = translation.get_language()
        translation.deactivate()

    assert sorted(rendered) == [
        ("contacts:list", "de", 200),
        ("contacts:list", "en", 200),
        ("reminders:dashboard", "de", 200),
        ("reminders:dashboard", "en", 200),
    ]
    reads = ("SELECT", "(SELECT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    assert [q["sql"] for q in run.captured_queries if not q["sql"].startswith(reads)] == []
    # The home page for nobody offered no one of the network for lunch.
    assert not owner.contacts.filter(lunch_suggested_on__isnull=False).exists()
    # The list's filters are rendered ahead for each language (its cached fragment).
    assert len(caches["template_fragments"]._cache) >= 2
    # The request's language and time zone are the caller's again.
    assert language == "en"
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
