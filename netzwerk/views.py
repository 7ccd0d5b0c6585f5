from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contacts.carddav.models import AppPassword
from contacts.models import Contact
from reminders.digest_status import digest_status
from reminders.views.calendar import feed_url
from reminders.views.delivery import new_test_email_form

from . import health as health_checks
from .forms import PreferencesForm
from .models import User


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if form.rhythm_changed:
            # The due days follow the category defaults; recompute them all now.
            Contact.objects.for_owner(user).refresh_keep_in_touch_due()
        # The message should already speak the newly chosen language.
        translation.activate(user.language)
        messages.success(request, _("Preferences saved."))
        return redirect("preferences")
    # A failed POST leaves the form's instance half-updated; the rest of the page reads the
    # stored preferences.
    user = request.user if request.method == "GET" else User.objects.get(pk=request.user.pk)
    ics = feed_url(request, user)
    context = {
        "form": form,
        "digest": digest_status(user),
        "test_email_form": new_test_email_form(),
        "feed_url": ics,
        "webcal_url": "webcal://" + ics.split("://", 1)[1],
        "devices": AppPassword.objects.for_owner(user),
    }
    return render(
        request,
        "preferences.html",
        context,
        status=200 if request.method == "GET" else 422,
    )


@require_GET
def health(request):
    """For a proxy or orchestrator: 200 when every check passes, else 503 naming the failed ones.
    `?check=database,cache` runs only those: a web container is healthy when it can serve,
    whether or not the beat runs (which /health alone reports)."""
    named = {name.strip() for name in request.GET.get("check", "").split(",") if name.strip()}
    failed = health_checks.failures(named or None)
    body = {"status": "fail" if failed else "ok", "failed": failed}
    response = JsonResponse(body, status=503 if failed else 200)
    response["Cache-Control"] = "no-store"
    return response
