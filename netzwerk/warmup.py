"""Work a server does once before its first request instead of in it.

Django imports the URLconf (and with it every view module), compiles templates and reads the
translation catalogues lazily, on the first request that needs them; a freshly started
worker spends that time on a visitor's request. gunicorn's configuration
(netzwerk/gunicorn_conf.py) calls warm_up() in the master before it forks the workers, so
each worker starts with all of it in memory (shared copy-on-write).
"""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import hashers
from django.db import connections
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation
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


def warm_up() -> None:
    resolver = get_resolver()  # importing its patterns imports every view module
    engine = engines["django"]
    for name in project_templates():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            continue  # the request that renders it reports the error
    # What Django imports by dotted path on first use, per request.
    import_module(settings.SESSION_ENGINE)
    import_string(settings.MESSAGE_STORAGE)
    auth.get_backends()
    hashers.get_hashers()
    for code, _name in settings.LANGUAGES:
        translation.activate(code)  # reads and keeps the language's catalogues
        # reverse() builds its tables per language, for the URLconf and each namespace.
        resolver.reverse_dict  # noqa: B018
        for _prefix, namespace in resolver.namespace_dict.values():
            namespace.reverse_dict  # noqa: B018
    translation.deactivate()
    # Nothing here should have opened one; a connection must not be shared by forked workers.
    connections.close_all()
