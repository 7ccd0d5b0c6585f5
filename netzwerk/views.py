from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import PreferencesForm


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # The message should already speak the newly chosen language.
        translation.activate(user.language)
        messages.success(request, _("Preferences saved."))
        return redirect("preferences")
    return render(
        request,
        "preferences.html",
        {"form": form},
        status=200 if request.method == "GET" else 422,
    )
