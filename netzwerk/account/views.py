"""The pages of "your data": backup and restore, what is stored about a person and
forgetting them, deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contacts.models import Contact
from netzwerk.http import posted, render_form
from netzwerk.owned import owned

from . import deletion, person
from .backup import backup_chunks
from .forms import DeleteAccountForm, ForgetForm, RestoreForm
from .restore import RestoreError, is_empty, restore
from .tasks import send_account_deleted_email_soon


@login_required
@require_GET
def backup_download(request):
    response = StreamingHttpResponse(
        backup_chunks(request.user), content_type="application/json; charset=utf-8"
    )
    filename = f"netzwerk-backup-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def restore_backup(request):
    form = RestoreForm(posted(request), request.FILES or None)
    empty = is_empty(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            restored = restore(request.user, form.cleaned_data["backup"])
        except RestoreError as error:
            form.add_error("backup", str(error))
        else:
            messages.success(
                request,
                _("The backup is restored: %(rows)d entries.") % {"rows": restored.rows},
            )
            return redirect("reminders:dashboard")
    return render_form(
        request,
        "account_data/restore.html",
        {"form": form, "empty": empty},
        valid=request.method == "GET",
    )


@login_required
@owned(Contact)
@require_GET
def person_data(request, contact):
    """What is stored about the person: a page, or the file as JSON or text."""
    kind = request.GET.get("format")
    if kind in ("json", "text"):
        body = person.as_json(contact) if kind == "json" else person.as_text(contact)
        extension = "json" if kind == "json" else "txt"
        content_type = "application/json" if kind == "json" else "text/plain"
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
        filename = f"{slugify(contact.name) or 'person'}-data.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    context = {"contact": contact, "sections": person.readable_sections(contact)}
    return render(request, "account_data/person.html", context)


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def forget_person(request, contact):
    form = ForgetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        name = contact.name
        person.forget(contact, keep_hashes=form.cleaned_data["keep_hashes"])
        messages.success(request, _("%(name)s is forgotten.") % {"name": name})
        return redirect("contacts:list")
    context = {"contact": contact, "form": form, "sections": person.readable_sections(contact)}
    return render_form(request, "account_data/forget.html", context, valid=request.method == "GET")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account_page(request):
    form = DeleteAccountForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        email, language = user.email, user.language or get_language()
        deletion.delete_account(user)
        logout(request)
        send_account_deleted_email_soon(email, language)
        return redirect("data:account_deleted")
    context = {"form": form, "counts": deletion.counts(request.user)}
    return render_form(
        request, "account_data/delete_account.html", context, valid=request.method == "GET"
    )


@require_GET
def account_deleted(request):
    if request.user.is_authenticated:
        return redirect(reverse("preferences"))
    return render(request, "account_data/deleted.html")
