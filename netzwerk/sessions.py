"""Where the user is signed in: end one session, or all of them ("sign out everywhere").

The list itself is allauth's (allauth.usersessions, templates/usersessions/); these are the
two buttons on it.
"""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.usersessions.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST


@login_required
@require_POST
def end_session(request: HttpRequest, pk: int) -> HttpResponse:
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
    user.sign_out_everywhere()
    update_session_auth_hash(request, user)
    others = [s for s in UserSession.objects.filter(user=user) if not s.is_current()]
    get_adapter().end_sessions(others)
    messages.success(
        request,
        _(
            "Signed out everywhere else. Links in earlier emails no longer work, and your "
            "calendar has a new address: subscribe to it again."
        ),
    )
    return redirect("usersessions_list")
