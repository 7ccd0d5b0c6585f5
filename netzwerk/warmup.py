"""Work a server does once before its first request instead of in it.

Django imports the URLconf (and with it every view module), compiles templates (the pages'
and the form widgets') and reads the translation catalogues lazily, on the first request
that needs them; a freshly started worker spends that time on a visitor's request.
gunicorn's configuration (netzwerk/gunicorn_conf.py) calls warm_up() in the master before it
forks the workers, so each worker starts with all of it in memory (shared copy-on-write).
Each worker then connects, plans the busiest queries, and answers the sign-in page and
renders the busiest signed-in pages once for nobody (warm_database_session, warm_worker,
warm_pages), so that what only runs in the worker runs before its first visitor.
"""

import io
import sys
from contextlib import suppress
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import hashers
from django.core.handlers.wsgi import WSGIRequest
from django.db import connections, transaction
from django.forms.renderers import get_default_renderer
from django.shortcuts import resolve_url
from django.template import TemplateSyntaxError, engines
from django.urls import (
    NoReverseMatch,
    URLResolver,
    get_ns_resolver,
    get_resolver,
    resolve,
    reverse,
)
from django.utils import formats, timezone, translation
from django.utils.functional import SimpleLazyObject, empty
from django.utils.module_loading import import_string
from django_htmx.middleware import HtmxDetails


def project_templates() -> list[str]:
    """Names of the project's own templates (its DIRS and its apps' templates folders)."""
    root = Path(settings.BASE_DIR).resolve()
    folders = [Path(folder) for folder in engines["django"].engine.dirs]
    folders += [root / app / "templates" for app in _project_apps(root)]
    return sorted(
        str(path.relative_to(folder))
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix in {".html", ".txt", ".ics", ".xml"}
    )


def _project_apps(root: Path) -> list[str]:
    return [name for name in settings.INSTALLED_APPS if (root / name / "apps.py").exists()]


def _namespace_resolvers(resolver: URLResolver, prefix: str = "", converters=None) -> None:
    """Build reverse()'s table of every namespace (nested too) for the active language.

    reverse("app:name") looks the name up in a resolver made for the namespace's URL prefix
    (get_ns_resolver, cached), which builds its table on first use.
    """
    for extra, namespace in resolver.namespace_dict.values():
        pattern = prefix + extra
        merged = {**(converters or {}), **namespace.pattern.converters}
        namespace.reverse_dict  # noqa: B018
        if pattern:
            get_ns_resolver(pattern, namespace, tuple(merged.items())).reverse_dict  # noqa: B018
        _namespace_resolvers(namespace, pattern, merged)


def _reverse_every_url(resolver: URLResolver, namespace: str = "") -> None:
    """Reverse each named URL once (placeholder arguments), the admin's aside.

    reverse() compiles the regular expression of the URL it matches on first use, into re's
    cache, which the forked workers share; a page's first request reversed a score of them.
    """
    for name, entries in resolver.reverse_dict.lists():
        if not isinstance(name, str):  # the table also holds each view under itself
            continue
        for possibilities, *_ in entries:
            for _result, params in possibilities:
                with suppress(NoReverseMatch):  # a converter that refuses "1"
                    reverse(namespace + name, kwargs=dict.fromkeys(params, "1"))
    for name, (_prefix, namespace_resolver) in resolver.namespace_dict.items():
        if name != "admin":  # the operator's pages; not worth the cache's room
            _reverse_every_url(namespace_resolver, f"{namespace}{name}:")


def _compile_model_queries() -> None:
    """Compile a query of every model: the ORM fills its per-model caches (fields, columns,
    relations) on first use."""
    for model in apps.get_models(include_auto_created=True):
        queryset = model._default_manager.all()
        queryset.query.get_compiler(queryset.db).as_sql()


def _named_by_apps(hook: str) -> list:
    """What the apps name as their busiest through an AppConfig method `hook`: the
    querysets of warm_queries(), the URL names of warm_pages()."""
    return [
        item
        for config in apps.get_app_configs()
        if hasattr(config, hook)
        for item in getattr(config, hook)()
    ]


def _compile_lazy_patterns() -> None:
    """Compile the regular expressions Django's modules compile on first use (host
    validation, Accept-Language, cache headers, date formats …)."""
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("django."):
            continue
        for value in list(vars(module).values()):
            if (
                isinstance(value, SimpleLazyObject)
                and value._wrapped is empty
                and value._setupfunc.__qualname__ == "_lazy_re_compile.<locals>._compile"
            ):
                value._setup()


def _compile_form_templates() -> None:
    """Compile the widget templates of the form renderer (Jinja2, netzwerk/form_renderer.py),
    which compiles each on the first render that needs it."""
    renderer = get_default_renderer()
    env = getattr(getattr(renderer, "engine", None), "env", None)
    if env is None:  # a renderer without a Jinja2 environment compiles nothing ahead
        return
    for name in env.list_templates(filter_func=lambda name: name.startswith("django/forms/")):
        renderer.get_template(name)


def warm_up() -> None:
    resolver = get_resolver()  # importing its patterns imports every view module
    engine = engines["django"]
    for name in project_templates():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            continue  # the request that renders it reports the error
    _compile_form_templates()
    # What Django imports by dotted path on first use, per request.
    engine.engine.template_context_processors  # noqa: B018
    import_module(settings.SESSION_ENGINE)
    import_string(settings.SESSION_SERIALIZER)
    import_string(settings.MESSAGE_STORAGE)
    for cache in settings.CACHES.values():
        import_string(cache["BACKEND"])
    for backend in auth.get_backends():
        if hasattr(backend, "warm_up"):  # reminders' login backend compiles its query
            backend.warm_up()
    hashers.get_hashers()
    _compile_model_queries()
    for queryset in _named_by_apps("warm_queries"):
        queryset.query.get_compiler(queryset.db).as_sql()
    for code, _name in settings.LANGUAGES:
        translation.activate(code)  # reads and keeps the language's catalogues
        formats.get_format("DATE_FORMAT")  # imports the language's format modules
        # reverse() builds its tables per language, for the URLconf and each namespace.
        resolver.reverse_dict  # noqa: B018
        _namespace_resolvers(resolver)
        _reverse_every_url(resolver)
    translation.deactivate()
    _compile_lazy_patterns()
    # Compiling queries may have opened one; a connection must not be shared by forked workers.
    connections.close_all()


def warm_database_session() -> None:
    """Read every table's description into the database session before the first request.

    A new PostgreSQL session reads a table's columns and indexes from the catalogue the
    first time a query names it, a few milliseconds per table; a fresh worker's first
    requests paid that for each table they touched. Planning one query per table and the
    apps' busiest queries (EXPLAIN, nothing is read) does it here, in the worker, for the
    session it keeps (CONN_MAX_AGE). SQLite has no such cost.
    """
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"EXPLAIN SELECT * FROM {quote(table)}")  # nosec B608 # model tables
        # And the apps' busiest queries, whose indexes, functions and statistics the first
        # request planning them would otherwise read.
        for queryset in _named_by_apps("warm_queries"):
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)  # nosec B608 # the ORM's own SQL


def warm_pages() -> list[tuple[str, str, int]]:
    """Render the busiest signed-in pages once inside a new worker, in each language, for
    nobody: a user that is not saved (no one has id 0), so every query finds nothing.

    The sign-in page (warm_worker) leaves out what only a signed-in page runs: the views'
    queries and their rows' code, the layout's navigation, the date formats, the list's
    cached filters. A worker's first visitor paid for running that code the first time in
    the new process. The views are called directly, as the middleware would have prepared
    the request; what they might write is rolled back, and the session is never saved.
    Returns (URL name, language, status) of each page rendered.
    """
    nobody_model = auth.get_user_model()
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    host = _served_host() or "localhost"
    names = _named_by_apps("warm_pages")
    rendered = []
    for code, _name in settings.LANGUAGES:
        nobody = nobody_model(pk=0, language=code)
        for name in names:
            request = WSGIRequest(_environ(host, reverse(name)))
            request.user = nobody
            request.session = session_store()
            request._messages = messages.storage.default_storage(request)
            request.htmx = HtmxDetails(request)
            request.LANGUAGE_CODE = code
            with translation.override(code), transaction.atomic(), timezone.override(nobody.zone):
                match = resolve(request.path_info)
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render"):  # a TemplateResponse renders lazily
                    response.render()
                transaction.set_rollback(True)
            rendered.append((name, code, response.status_code))
    return rendered


def _environ(host: str, path: str) -> dict:
    """A GET of `path` as the WSGI server would pass it."""
    secure = settings.SECURE_SSL_REDIRECT
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443" if secure else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https" if secure else "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def warm_worker(application) -> None:
    """Answer one request (the sign-in page, anonymous) inside a new worker before any visitor's.

    A worker shares the warmed master's memory until it writes to it, and Python writes to
    every object it uses (reference counts): the first request used to copy some thousands
    of memory pages, one at a time, on the visitor's time. This request copies most of them
    (the middleware, the session, the layout's templates). It writes nothing to the database
    and stores no session; what it answers is thrown away.
    """
    host = _served_host()
    if host is None:
        return
    environ = _environ(host, resolve_url(settings.LOGIN_URL))
    response = application(environ, lambda status, headers, exc_info=None: None)
    try:
        for _chunk in response:
            pass
    finally:
        if hasattr(response, "close"):
            response.close()


def _served_host() -> str | None:
    """A host name the server answers to (ALLOWED_HOSTS), so that the warm-up request is not
    refused and logged as a suspicious one; None if there is none to use."""
    for host in settings.ALLOWED_HOSTS:
        if host == "*":
            return "localhost"
        if host and not host.startswith("["):
            return host.lstrip(".")
    return "localhost" if settings.DEBUG else None
