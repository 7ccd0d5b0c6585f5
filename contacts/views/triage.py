from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzwerk.owned import owned

from ..forms import TriageForm
from ..models import Contact

# The last triage tap of this browser session, so it can be undone.
UNDO_KEY = "triage_undo"


def triage_context(request, contact: Contact | None) -> dict:
    remaining = Contact.objects.for_owner(request.user).untriaged_pinguine()
    if contact is None:
        contact = remaining.prefetch_related("tags").first()
    # "All placed" would be no news for an account without contacts: it gets first steps.
    new_account = contact is None and not Contact.objects.for_owner(request.user).exists()
    return {
        "contact": contact,
        "remaining": remaining.count(),
        "new_account": new_account,
        "undo": request.session.get(UNDO_KEY),
    }


def _render_triage(request, contact=None, status: int = 200):
    template = "contacts/triage.html#card" if request.htmx else "contacts/triage.html"
    return render(request, template, triage_context(request, contact), status=status)


@login_required
@require_GET
def triage(request):
    """One unplaced Pinguin at a time, big enough for a thumb."""
    return _render_triage(request)


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def triage_contact(request, contact):
    if request.method == "GET":
        return _render_triage(request, contact)
    form = TriageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose Einhorn, Flamingo, Pinguin or archive."))
        return _render_triage(request, contact, status=422)
    before = contact.triage_state()
    form.apply(contact)
    request.session[UNDO_KEY] = {**before, "name": contact.name}
    messages.success(request, form.outcome(contact))
    if request.htmx:
        return _render_triage(request)
    return redirect("contacts:triage")


@login_required
@require_POST
def triage_undo(request):
    """Put the contact of the last triage tap back as it was, and show it again."""
    state = request.session.pop(UNDO_KEY, None)
    contact = None
    if state:
        contact = Contact.objects.for_owner(request.user).filter(pk=state["pk"]).first()
    if contact is None:
        messages.info(request, _("There is nothing to undo."))
    else:
        contact.restore_triage_state(state)
        messages.success(request, _("Undone: %(name)s is back.") % {"name": contact.name})
    if request.htmx:
        return _render_triage(request, contact)
    if contact is None:
        return redirect("contacts:triage")
    return redirect("contacts:triage_contact", contact.pk)


@login_required
@require_POST
def triage_restart(request):
    """Offer every Pinguin that was kept as Pinguin for triage again."""
    Contact.objects.for_owner(request.user).filter(category="pinguin").update(triaged_at=None)
    return redirect("contacts:triage")
