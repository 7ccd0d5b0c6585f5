from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netzwerk.http import confirm_delete, posted, save_form
from netzwerk.owned import owned

from ..forms import HelpEntryForm
from ..models import Contact, HelpEntry

FORM = "contacts/help_form.html"


def give_first_url(contact: Contact) -> str:
    return contact.get_absolute_url() + "#give-first"


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def help_create(request, contact):
    """Give first: note help given to or received from this contact."""
    form = HelpEntryForm(posted(request), contact=contact)
    return save_form(
        request,
        form,
        FORM,
        {"contact": contact},
        then=give_first_url(contact),
        saved=_("Noted in the give-first log."),
    )


@login_required
@owned(HelpEntry.objects.select_related("contact"), "entry")
@require_http_methods(["GET", "POST"])
def help_edit(request, entry):
    form = HelpEntryForm(posted(request), instance=entry)
    context = {"contact": entry.contact, "entry": entry}
    return save_form(request, form, FORM, context, then=give_first_url(entry.contact))


@login_required
@owned(HelpEntry.objects.select_related("contact"), "entry")
@require_http_methods(["GET", "POST"])
def help_delete(request, entry):
    return confirm_delete(
        request,
        entry,
        "contacts/help_delete.html",
        {"entry": entry},
        then=give_first_url(entry.contact),
        deleted=_("The entry was deleted."),
    )
