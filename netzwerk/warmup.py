"""Work a server does once before its first request instead of in it.

Django imports the URLconf (and with it every view module), compiles templates (the pages'
and the form widgets') and reads the translation catalogues lazily, on the first request
that needs them; a freshly started worker spends that time on a visitor's request.
gunicorn's configuration (netzwerk/gunicorn_conf.py) calls warm_up() in the master before it
forks the workers, so each worker starts with all of it in memory (shared copy-on-write).
"""

import sys
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import hashers
from django.db import connections
from django.forms.renderers import get_default_renderer
from django.template import TemplateSyntaxError, engines
from django.urls import URLResolver, get_ns_resolver, get_resolver
from django.utils import formats, translation
from django.utils.functional import SimpleLazyObject, empty
from django.utils.module_loading import import_string


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
    auth.get_backends()
    hashers.get_hashers()
    for code, _name in settings.LANGUAGES:
        translation.activate(code)  # reads and keeps the language's catalogues
        formats.get_format("DATE_FORMAT")  # imports the language's format modules
        # reverse() builds its tables per language, for the URLconf and each namespace.
        resolver.reverse_dict  # noqa: B018
        _namespace_resolvers(resolver)
    translation.deactivate()
    _compile_lazy_patterns()
    # Nothing here should have opened one; a connection must not be shared by forked workers.
    connections.close_all()


def warm_database_session() -> None:
    """Read every table's description into the database session before the first request.

    A new PostgreSQL session reads a table's columns and indexes from the catalogue the
    first time a query names it, a few milliseconds per table; a fresh worker's first
    requests paid that for each table they touched. Planning one query per table (EXPLAIN,
    nothing is read) does it here, in the worker, for the session it keeps (CONN_MAX_AGE).
    SQLite has no such cost.
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
