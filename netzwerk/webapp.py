"""Netzwerk as an installable web app: the manifest (with app shortcuts and a share target),
the service worker, and the page it shows without a connection.

The service worker is served from the site's root so that its scope is the whole site; it
caches the static files by their hashed names (collectstatic's manifest) and the offline
page, and its own text changes whenever one of those names does, so browsers install the
new worker and drop the old cache with each deploy.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

THEME = "#6d28d9"
BACKGROUND = "#f7f7fb"
# What the service worker keeps for offline use, besides the offline page.
PRECACHED_STATIC = [
    "css/app.css",
    "js/app.js",
    "js/offline.js",
    "vendor/htmx-2.0.11.min.js",
    "img/icon.svg",
    "img/icon-192.png",
]


def _icon(path: str, sizes: str, kind: str, purpose: str = "any") -> dict:
    return {"src": staticfiles_storage.url(path), "sizes": sizes, "type": kind, "purpose": purpose}


@require_GET
def manifest(request):
    """The web app manifest, in the visitor's language."""
    shortcut_icon = [_icon("img/icon-192.png", "192x192", "image/png")]
    data = {
        "id": "/",
        "name": "Netzwerk",
        "short_name": "Netzwerk",
        "description": _("Keep real relationships alive."),
        "lang": get_language(),
        "start_url": reverse("reminders:dashboard"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "background_color": BACKGROUND,
        "theme_color": THEME,
        "icons": [
            _icon("img/icon.svg", "any", "image/svg+xml"),
            _icon("img/icon-192.png", "192x192", "image/png"),
            _icon("img/icon-512.png", "512x512", "image/png"),
            _icon("img/icon-maskable-512.png", "512x512", "image/png", "maskable"),
        ],
        "shortcuts": [
            {
                "name": _("Add contact"),
                "url": reverse("contacts:create"),
                "icons": shortcut_icon,
            },
            {
                "name": _("Log an interaction"),
                "url": reverse("contacts:interaction_create"),
                "icons": shortcut_icon,
            },
            {"name": _("This week"), "url": reverse("reminders:dashboard"), "icons": shortcut_icon},
        ],
        # Sharing a LinkedIn or Xing profile (or a text with a name) opens "new contact".
        "share_target": {
            "action": reverse("contacts:create"),
            "method": "GET",
            "enctype": "application/x-www-form-urlencoded",
            "params": {"title": "title", "text": "text", "url": "url"},
        },
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


def _static_version(urls: list[str]) -> str:
    """Changes when a precached file changes: with hashed names their URLs say it, without
    (the quick start) their contents."""
    digest = hashlib.sha256("\n".join(urls).encode())
    if not settings.STATIC_MANIFESTED:
        for path in PRECACHED_STATIC:
            found = finders.find(path)
            if found:
                with open(found, "rb") as file:
                    digest.update(file.read())
    return digest.hexdigest()[:16]


@require_GET
def service_worker(request):
    urls = [staticfiles_storage.url(path) for path in PRECACHED_STATIC]
    context = {
        "version": _static_version(urls),
        "offline_url": reverse("webapp:offline"),
        "new_contact_url": reverse("contacts:create"),
        "static_prefix": settings.STATIC_URL
        if settings.STATIC_URL.startswith("/")
        else "/" + settings.STATIC_URL,
        "precache": json.dumps(urls),
    }
    response = render(request, "webapp/sw.js", context, content_type="text/javascript")
    # Served from the root, so it may control every page; never cached, so updates arrive.
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def favicon(request):
    """Browsers still ask for /favicon.ico now and then (a reload, a bookmark); the icon is SVG."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("img/icon.svg"))


@require_GET
def offline(request):
    """Shown by the service worker for a page that cannot load; holds no personal data."""
    return render(request, "webapp/offline.html", {"offline_page": True})
