"""Where the user is signed in: the list, ending one session, or all ("sign out everywhere").

The sessions are allauth's (allauth.usersessions records each login's browser, address and
last request); the template is templates/usersessions/usersession_list.html.
"""

import time

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.usersessions.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .http import parse_id


def _still_signed_in(data: dict, user) -> bool:
    """Whether a stored session still logs this user in (not after a new password or "sign
    out everywhere", which change the hash Django checks)."""
    return data.get(SESSION_KEY) == str(user.pk) and constant_time_compare(
        data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()
    )


def live_sessions(user) -> list[UserSession]:
    """The user's sessions that still work, newest first, in two queries however many there
    are (allauth's own list asks the session store once per session); the ended ones are
    forgotten in a third."""
    sessions = list(UserSession.objects.filter(user=user).order_by("-last_seen_at"))
    stored = Session.objects.filter(
        session_key__in=[s.session_key for s in sessions], expire_date__gt=timezone.now()
    )
    live = {row.session_key for row in stored if _still_signed_in(row.get_decoded(), user)}
    ended = [s.pk for s in sessions if s.session_key not in live]
    if ended:
        UserSession.objects.filter(pk__in=ended).delete()
    return [s for s in sessions if s.session_key in live]


@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = live_sessions(request.user)
    return render(request, "usersessions/usersession_list.html", {"sessions": sessions})


@login_required
@require_POST
def end_session(request: HttpRequest) -> HttpResponse:
    # The session's id comes in the form, as on allauth's email page: someone else's is a 404.
    pk = parse_id(request.POST.get("session"))
    session = get_object_or_404(UserSession.objects.filter(user=request.user), pk=pk)
    if session.is_current():
        get_account_adapter(request).logout(request)
        session.delete()
        return redirect("account_login")
    get_adapter().end_sessions([session])
    messages.success(request, _("That device is signed out."))
    return redirect("usersessions_list")


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """Every other session ends, every emailed one-tap link stops working, the calendar feed
    moves to a new address; this browser stays signed in."""
    user = request.user
    others = [s for s in UserSession.objects.filter(user=user) if not s.is_current()]
    old_key = request.session.session_key
    user.sign_out_everywhere()
    # This browser stays signed in under a new session key; its entry in the list moves along.
    update_session_auth_hash(request, user)
    UserSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)
    get_adapter().end_sessions(others)
    messages.success(
        request,
        _(
            "Signed out everywhere else. Links in earlier emails no longer work, and your "
            "calendar has a new address: subscribe to it again."
        ),
    )
    return redirect("usersessions_list")


ACTIVITY_STAMP = "netzwerk_activity_at"
ACTIVITY_EVERY = 300


class SessionActivityMiddleware:
    """Keeps each session's address and "last seen" for the sessions page, at most once every
    ACTIVITY_EVERY seconds per session: allauth's own tracking writes on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.session_key:
            now = int(time.time())
            if now - request.session.get(ACTIVITY_STAMP, 0) >= ACTIVITY_EVERY:
                UserSession.objects.create_from_request(request)
                request.session[ACTIVITY_STAMP] = now
        return self.get_response(request)


@receiver(user_logged_in)
def stamp_activity_at_login(sender, request, user, **kwargs) -> None:
    # allauth records the new session at login; the next record is due in ACTIVITY_EVERY.
    if request is not None and hasattr(request, "session"):
        request.session[ACTIVITY_STAMP] = int(time.time())
