"""Important dates of a contact (anniversaries, founding days): add, edit, delete."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contacts.models import Contact
from netzwerk.http import confirm_delete, posted, safe_next, save_form
from netzwerk.owned import owned

from ..forms import ImportantDateForm
from ..models import ImportantDate

FORM = "reminders/date_form.html"
# A date is shown with its contact's name, and goes back to the contact.
WITH_CONTACT = ImportantDate.objects.select_related("contact")


def _form_context(request, contact, important_date=None) -> dict:
    return {
        "contact": contact,
        "important_date": important_date,
        "next": safe_next(request),
    }


@login_required
@owned(Contact, "contact", url_kwarg="contact_pk")
@require_http_methods(["GET", "POST"])
def date_create(request, contact):
    form = ImportantDateForm(posted(request), owner=request.user, contact=contact)
    return save_form(
        request,
        form,
        FORM,
        _form_context(request, contact),
        then=contact.get_absolute_url(),
        saved=_("Date saved."),
    )


@login_required
@owned(WITH_CONTACT, "important_date")
@require_http_methods(["GET", "POST"])
def date_edit(request, important_date):
    contact = important_date.contact
    form = ImportantDateForm(posted(request), instance=important_date, owner=request.user)
    context = _form_context(request, contact, important_date)
    return save_form(request, form, FORM, context, then=contact.get_absolute_url())


@login_required
@owned(WITH_CONTACT, "important_date")
@require_http_methods(["GET", "POST"])
def date_delete(request, important_date):
    contact = important_date.contact
    return confirm_delete(
        request,
        important_date,
        "reminders/confirm_delete.html",
        {
            "title": _("Delete this date?"),
            "what": f"{contact.name} · {important_date.title}",
            "cancel_url": contact.get_absolute_url(),
            "next": safe_next(request),
        },
        then=contact.get_absolute_url(),
        deleted=_("The date was deleted."),
    )
