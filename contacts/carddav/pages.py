"""The pages where a user sets up their phones: address books, app passwords, and how to
connect iOS, macOS, Android and Thunderbird."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzwerk import shown_once
from netzwerk.http import confirm_delete, posted, save_form
from netzwerk.owned import owned

from .forms import AddressBookForm, AppPasswordForm
from .models import AddressBook, AppPassword

# The new password is shown once, on the page the POST redirects to (netzwerk/shown_once.py).
SHOWN_ONCE_KEY = "app-password-shown-once"


def _new_password(request) -> dict | None:
    kept = shown_once.take(request, SHOWN_ONCE_KEY, AppPassword.objects.for_owner(request.user))
    return {"device": kept[0], "password": kept[1]} if kept else None


def _page(request, password_form=None, new_password=None, status=200):
    user = request.user
    context = {
        "books": AddressBook.objects.for_owner(user).select_related("tag"),
        "passwords": AppPassword.objects.for_owner(user),
        "password_form": password_form or AppPasswordForm(owner=user),
        "new_password": new_password,
        "server_url": request.build_absolute_uri("/"),
        "dav_url": request.build_absolute_uri(reverse("carddav:root")),
    }
    return render(request, "carddav/phone.html", context, status=status)


@login_required
@require_GET
def phone(request):
    return _page(request, new_password=_new_password(request))


@login_required
@require_POST
def password_create(request):
    """A new app password, shown once on the page this POST redirects to."""
    form = AppPasswordForm(request.POST, owner=request.user)
    if not form.is_valid():
        return _page(request, password_form=form, status=422)
    device, password = form.save()
    shown_once.keep(request, SHOWN_ONCE_KEY, device, password)
    return redirect(reverse("phone:phone") + "#new-password")


@login_required
@owned(AppPassword, "device")
@require_http_methods(["GET", "POST"])
def password_revoke(request, device):
    return confirm_delete(
        request,
        device,
        "carddav/password_revoke.html",
        {"device": device},
        then=reverse("phone:phone"),
        deleted=_("The app password of “%(name)s” no longer works.") % {"name": device.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def book_create(request):
    form = AddressBookForm(posted(request), owner=request.user)
    return save_form(
        request,
        form,
        "carddav/book_form.html",
        then=reverse("phone:phone"),
        saved=lambda book: _("Address book “%(name)s” created.") % {"name": book.name},
    )


@login_required
@owned(AddressBook, "book")
@require_http_methods(["GET", "POST"])
def book_edit(request, book):
    form = AddressBookForm(posted(request), instance=book, owner=request.user)
    return save_form(
        request, form, "carddav/book_form.html", {"book": book}, then=reverse("phone:phone")
    )


@login_required
@owned(AddressBook, "book")
@require_http_methods(["GET", "POST"])
def book_delete(request, book):
    return confirm_delete(
        request,
        book,
        "carddav/book_delete.html",
        {"book": book},
        then=reverse("phone:phone"),
        deleted=_("Address book “%(name)s” deleted. The contacts stay.") % {"name": book.name},
    )
