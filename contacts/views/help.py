from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import HelpEntryForm
from ..models import HelpEntry
from .common import done, get_contact, render_form


def get_help_entry(request, pk: int) -> HelpEntry:
    return get_object_or_404(
        HelpEntry.objects.for_owner(request.user).select_related("contact"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def help_create(request, pk: int):
    """Give first: note help given to or received from this contact."""
    contact = get_contact(request, pk)
    form = HelpEntryForm(request.POST if request.method == "POST" else None, contact=contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Noted in the give-first log."))
        return done(request, contact.get_absolute_url() + "#give-first")
    return render_form(
        request,
        "contacts/help_form.html",
        {"form": form, "contact": contact},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def help_edit(request, pk: int):
    entry = get_help_entry(request, pk)
    form = HelpEntryForm(request.POST if request.method == "POST" else None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, entry.contact.get_absolute_url() + "#give-first")
    return render_form(
        request,
        "contacts/help_form.html",
        {"form": form, "contact": entry.contact, "entry": entry},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def help_delete(request, pk: int):
    entry = get_help_entry(request, pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, _("The entry was deleted."))
        return done(request, entry.contact.get_absolute_url() + "#give-first")
    return render(request, "contacts/help_delete.html", {"entry": entry})
