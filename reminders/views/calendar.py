"""The private calendar feed (ICS) and regenerating its secret URL.

What the feed holds and how it stays cheap is described in reminders/feed.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netzwerk.models import User

from ..feed import Feed


def feed_url(request, user: User) -> str:
    return request.build_absolute_uri(
        reverse("reminders:calendar_feed", args=[user.calendar_token])
    )


def _headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # The feed holds private data: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def calendar_feed(request, token: str):
    """The feed for calendar apps: no login, the secret token in the URL is the key.

    Calendar apps poll it every hour or so; an unchanged feed answers 304 to If-None-Match.
    """
    user = get_object_or_404(User.objects.filter(is_active=True), calendar_token=token)
    with translation.override(user.language), timezone.override(user.zone):
        base_url = request.build_absolute_uri("/").rstrip("/")
        feed = Feed(user, timezone.localdate(), base_url)
        etag = feed.etag
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return _headers(HttpResponseNotModified(), etag)
        body = feed.body()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="netzwerk.ics"'
    return _headers(response, etag)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_regenerate(request):
    """A new secret URL; calendars subscribed to the old one get a 404 from now on."""
    if request.method == "POST":
        request.user.regenerate_calendar_token()
        messages.success(
            request, _("New calendar address created. Subscribe to it again in your calendar.")
        )
        return redirect(reverse("preferences") + "#calendar")
    return render(request, "reminders/calendar_regenerate.html")
