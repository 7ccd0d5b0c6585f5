from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netzwerk.http import done, posted, render_form
from netzwerk.owned import owned

from ..forms import RequestPrepForm, RequestStageForm
from ..models import LINKEDIN_NOTE_LIMIT, Contact, RequestPrep, Status
from .introductions import sender_name


def prep_for(contact) -> RequestPrep:
    """The contact's request preparation, unsaved if there is none yet."""
    try:
        return contact.request_prep
    except RequestPrep.DoesNotExist:
        return RequestPrep(contact=contact, owner_id=contact.owner_id)


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def request_prep(request, contact):
    """The four questions before a contact request, and the message draft built from them."""
    prep = prep_for(contact)
    form = RequestPrepForm(posted(request), instance=prep)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved. Your message draft is ready to copy."))
        return done(request, request.path + "#draft")
    draft = prep.draft_message(sender_name(request.user))
    return render_form(
        request,
        "contacts/request_prep.html",
        {
            "contact": contact,
            "prep": prep,
            "form": form,
            "draft": draft,
            "draft_length": len(draft),
            "linkedin_limit": LINKEDIN_NOTE_LIMIT,
            "is_wish": contact.status == Status.WISH,
        },
        valid=request.method == "GET",
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def request_stage(request, contact):
    """Wish → request sent → connected (the contact becomes active), each with its date."""
    if request.method == "GET":
        return redirect("contacts:request_prep", pk=contact.pk)
    form = RequestStageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That step is unknown."))
        return redirect("contacts:request_prep", pk=contact.pk)
    prep = prep_for(contact)
    if form.cleaned_data["stage"] == "sent":
        prep.mark_sent()
        messages.success(request, _("Request to %(name)s marked as sent.") % {"name": contact.name})
    else:
        prep.mark_connected()
        messages.success(request, _("%(name)s is now an active contact.") % {"name": contact.name})
    return done(request, contact.get_absolute_url())
