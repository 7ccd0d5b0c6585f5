"""One-tap links from the emails: act on a follow-up or birthday, and unsubscribe.

They work from a phone's mail app without logging in: the signed token in the URL names the
user, the object and the action (reminders/tokens.py). Mail scanners open links to check
them, so GET only shows a page with one button, and POST does the thing. The token is the
only credential, so these views are exempt from CSRF (like RFC 8058's one-click POST, which
comes from the mail provider's server without any cookie).
"""

import datetime

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from contacts.models import Contact, Interaction, InteractionKind, Occasion
from netzwerk.models import NudgeDelivery, User

from ..clock import local
from ..models import FollowUp
from ..tokens import read_action_token, read_unsubscribe_token

INVALID_LINK = 400
PAGE = "reminders/email/action.html"


def _invalid(request: HttpRequest, expired: bool) -> HttpResponse:
    message = (
        _("This link has expired. Open Netzwerk to do it there.")
        if expired
        else _("This link is not valid. Open Netzwerk to do it there.")
    )
    return render(request, PAGE, {"problem": message}, status=INVALID_LINK)


def _today(user: User) -> datetime.date:
    return local(timezone.now(), user.time_zone).date()


def _follow_up(user: User, object_id: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.for_owner(user).select_related("contact"), pk=object_id
    )


def _contact(user: User, object_id: int) -> Contact:
    return get_object_or_404(Contact.objects.for_owner(user), pk=object_id)


def _describe(user: User, action: str, obj, occurrence: str) -> tuple[str, str]:
    """The question on the confirmation page and its button."""
    if action == "done":
        return (
            _("Mark the follow-up with %(name)s as done?") % {"name": obj.contact.name},
            _("Yes, done"),
        )
    if action == "snooze":
        return (
            _("Snooze the follow-up with %(name)s for a week?") % {"name": obj.contact.name},
            _("Snooze a week"),
        )
    return (
        _("Log that you congratulated %(name)s?") % {"name": obj.name},
        _("Yes, congratulated"),
    )


def _perform(user: User, action: str, obj, occurrence: str) -> str:
    """Do it (idempotently: a second POST of the same link changes nothing) and say what."""
    today = _today(user)
    if action == "done":
        obj.mark_done(today)
        return _("Done: the follow-up with %(name)s is closed.") % {"name": obj.contact.name}
    if action == "snooze":
        # The link was made for one due day; once moved, the same link does not move it again.
        if obj.is_done or obj.due_on.isoformat() != occurrence:
            return _("Already taken care of: the follow-up with %(name)s is due %(date)s.") % {
                "name": obj.contact.name,
                "date": date_format(obj.due_on, "DATE_FORMAT"),
            }
        obj.snooze(today, days=7)
        return _("Snoozed: the follow-up with %(name)s is due %(date)s.") % {
            "name": obj.contact.name,
            "date": date_format(obj.due_on, "DATE_FORMAT"),
        }
    # The occurrence comes from a signed token, so it is the date the link was made for.
    occasion = {"occasion": Occasion.CONGRATULATED, "occasion_on": parse_date(occurrence)}
    already = Interaction.objects.for_owner(user).filter(
        kind=InteractionKind.MESSAGE, contacts=obj, **occasion
    )
    if not already.exists():
        obj.log_interaction(InteractionKind.MESSAGE, today, **occasion)
    return _("Logged: you congratulated %(name)s.") % {"name": obj.name}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def email_action(request: HttpRequest, action: str, token: str) -> HttpResponse:
    try:
        user, object_id, occurrence = read_action_token(action, token)
    except signing.SignatureExpired:
        return _invalid(request, expired=True)
    except (signing.BadSignature, ValueError, TypeError):
        return _invalid(request, expired=False)
    with translation.override(user.language), timezone.override(user.time_zone):
        get = _follow_up if action in ("done", "snooze") else _contact
        obj = get(user, object_id)
        context = {"app_url": reverse("home")}
        if request.method == "POST":
            context["result"] = _perform(user, action, obj, occurrence)
        else:
            context["question"], context["button"] = _describe(user, action, obj, occurrence)
        return render(request, PAGE, context)


def _unsubscribe(user: User, list_name: str) -> str:
    if list_name == "digest":
        user.digest_enabled = False
        user.save(update_fields=["digest_enabled"])
        return _("You will get no more weekly digests. You can switch it on again any time.")
    fields = [
        name
        for name in (
            "birthday_nudges",
            "followup_nudges",
            "keep_in_touch_nudges",
            "lunch_nudges",
            "review_nudges",
        )
        if getattr(user, name) == NudgeDelivery.EMAIL
    ]
    for name in fields:
        setattr(user, name, NudgeDelivery.APP)
    user.save(update_fields=fields)
    return _("You will get no more reminder emails; reminders stay in the app.")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, list_name: str, token: str) -> HttpResponse:
    """GET asks (scanners prefetch links); POST unsubscribes, also as RFC 8058 one-click."""
    try:
        user = read_unsubscribe_token(list_name, token)
    except (signing.BadSignature, ValueError, TypeError):
        return _invalid(request, expired=False)
    with translation.override(user.language):
        context = {"app_url": reverse("home")}
        if request.method == "POST":
            context["result"] = _unsubscribe(user, list_name)
        elif list_name == "digest":
            context["question"] = _("Stop the weekly digest emails?")
            context["button"] = _("Unsubscribe")
        else:
            context["question"] = _("Stop reminder emails? Reminders stay in the app.")
            context["button"] = _("Unsubscribe")
        return render(request, PAGE, context)
