"""Important dates of a contact (anniversaries, founding days): add, edit, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contacts.views.common import done, get_contact, render_form, requested_next

from ..forms import ImportantDateForm
from .common import get_important_date


def _form_page(request, form, contact, important_date=None, *, valid: bool):
    context = {
        "form": form,
        "contact": contact,
        "important_date": important_date,
        "next": requested_next(request),
    }
    return render_form(request, "reminders/date_form.html", context, valid=valid)


@login_required
@require_http_methods(["GET", "POST"])
def date_create(request, contact_pk: int):
    contact = get_contact(request, contact_pk)
    form = ImportantDateForm(
        request.POST if request.method == "POST" else None, owner=request.user, contact=contact
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Date saved."))
        return done(request, contact.get_absolute_url())
    return _form_page(request, form, contact, valid=request.method == "GET")


@login_required
@require_http_methods(["GET", "POST"])
def date_edit(request, pk: int):
    important_date = get_important_date(request, pk)
    contact = important_date.contact
    form = ImportantDateForm(
        request.POST if request.method == "POST" else None,
        instance=important_date,
        owner=request.user,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, contact.get_absolute_url())
    return _form_page(request, form, contact, important_date, valid=request.method == "GET")


@login_required
@require_http_methods(["GET", "POST"])
def date_delete(request, pk: int):
    important_date = get_important_date(request, pk)
    contact = important_date.contact
    if request.method == "POST":
        important_date.delete()
        messages.success(request, _("The date was deleted."))
        return done(request, contact.get_absolute_url())
    return render(
        request,
        "reminders/confirm_delete.html",
        {
            "title": _("Delete this date?"),
            "what": f"{contact.name} · {important_date.title}",
            "cancel_url": contact.get_absolute_url(),
            "next": requested_next(request),
        },
    )
