"""Delivery on request, from the preferences page: a test email, this week's digest now."""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import delivery, tasks
from ..forms import TestEmailForm

logger = logging.getLogger(__name__)

# How long a test email request id is remembered: a double tap within it sends nothing more.
REQUEST_MEMORY_SECONDS = 3600


def new_test_email_form() -> TestEmailForm:
    return TestEmailForm(initial={"request_id": uuid.uuid4()})


def _back_to_preferences():
    return redirect(reverse("preferences") + "#delivery")


def _enqueue(task, *args) -> bool:
    """Queue now; False (logged) when the broker is away."""
    try:
        task.delay(*args)
    except Exception:
        logger.warning("Could not queue %s for %s", task.name, args, exc_info=True)
        return False
    return True


@login_required
@require_POST
def send_test_email(request):
    form = TestEmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This page was out of date; please try again."))
        return _back_to_preferences()
    key = f"test-email:{request.user.pk}:{form.cleaned_data['request_id']}"
    if cache.add(key, True, REQUEST_MEMORY_SECONDS) and not _enqueue(
        tasks.send_test_email, request.user.pk
    ):
        cache.delete(key)
        messages.error(request, _("Sending is not possible right now; try again in a minute."))
        return _back_to_preferences()
    messages.success(
        request, _("A test email is on its way to %(email)s.") % {"email": request.user.email}
    )
    return _back_to_preferences()


@login_required
@require_POST
def send_digest_now(request):
    user = request.user
    if not user.digest_enabled:
        messages.error(request, _("The weekly digest is switched off."))
        return _back_to_preferences()
    row = delivery.request_digest_now(user, timezone.now())
    if row is None:
        messages.info(request, _("This week's digest has been sent already or is on its way."))
    elif _enqueue(tasks.send_digest, user.pk, row.week):
        messages.success(request, _("This week's digest is on its way."))
    else:
        messages.error(request, _("Sending is not possible right now; try again in a minute."))
    return _back_to_preferences()
