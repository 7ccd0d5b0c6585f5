"""Per-user language and time zone, and Django messages carried to HTMX requests."""

import json
import zoneinfo

from django.contrib import messages
from django.utils import timezone, translation


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


class HtmxMessagesMiddleware:
    """Hand Django messages to HTMX requests as an HX-Trigger event the page shows as a toast.

    Full page loads render messages in the layout; an HTMX swap would otherwise lose them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or 300 <= response.status_code < 400:
            return response
        if "HX-Redirect" in response.headers or "HX-Location" in response.headers:
            return response
        pending = [{"level": m.level_tag, "text": str(m)} for m in messages.get_messages(request)]
        if pending:
            triggers = {}
            if "HX-Trigger" in response.headers:
                try:
                    triggers = json.loads(response.headers["HX-Trigger"])
                except ValueError:
                    triggers = {response.headers["HX-Trigger"]: None}
            triggers["messages"] = pending
            response.headers["HX-Trigger"] = json.dumps(triggers)
        return response
