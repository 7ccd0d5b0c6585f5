"""Per-user language and time zone, Django messages carried to HTMX requests, compression,
and signed-in pages kept out of caches."""

import zoneinfo

from django.contrib import messages
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event


class UserPreferencesMiddleware:
    """Activate the signed-in user's language and time zone for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
        if user.is_authenticated:
            response.headers.setdefault("Content-Language", user.language)
        return response


class HtmxResponseMiddleware:
    """Fit responses to HTMX requests: redirects become page loads, messages become toasts.

    A redirect answering a fragment request (most often to the login page after the session
    ran out) would otherwise be followed by the browser and swapped into the fragment's
    place. Full page loads render messages in the layout; an HTMX swap would lose them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False):
            return response
        if 300 <= response.status_code < 400 and "Location" in response.headers:
            # No content: the page the browser goes to shows the messages.
            return HttpResponseClientRedirect(response.headers["Location"], status=204)
        if "HX-Redirect" in response.headers or "HX-Location" in response.headers:
            return response
        pending = [{"level": m.level_tag, "text": str(m)} for m in messages.get_messages(request)]
        if pending:
            trigger_client_event(response, "messages", pending)
        return response


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its random padding against BREACH), except for responses
    that carry a strong ETag of their own: calendar apps and CardDAV clients compare it
    exactly in If-None-Match and If-Match, and a compressed body could only carry a weak one.
    """

    def process_response(self, request, response):
        etag = response.get("ETag", "")
        if etag and not etag.startswith("W/"):
            return response
        return super().process_response(request, response)


class PrivatePagesMiddleware:
    """Keep what a signed-in user sees out of every cache: `Cache-Control: private, no-store`.

    Without it the browser may answer Back/Forward with its stored copy of a page, made before
    the HTMX action that changed it (a coffee logged twice because the old page said none), and
    a shared proxy may keep one user's page. A view that chose its own caching (the calendar
    feed, the service worker) keeps its header. This is the one place for the rule.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Checked after the view: a login makes its own response private, a logout does not
        # need to (the session cookie it clears is never cached anyway).
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response
