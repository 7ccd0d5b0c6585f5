"""The desk's bulk actions: one POST, one action, on the ticked contacts or on all that match
the desk's filter. Each action is a fixed number of statements (contacts/models/bulk.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from netzwerk.http import safe_next

from ..exports import csv_response, vcard_response
from ..forms.bulk import BulkActionForm
from ..models import Category, Status
from ..tasks import rebuild_search_soon

# The confirmation before a bulk delete names this many of the contacts.
NAMED_ON_CONFIRM = 10


@login_required
@require_POST
def bulk_action(request):
    form = BulkActionForm(request.POST, owner=request.user)
    back = safe_next(request, reverse("contacts:desk"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    contacts = form.chosen()
    verb, argument = form.verb, form.argument
    user = request.user
    if verb == "export":
        return (vcard_response if argument == "vcard" else csv_response)(contacts)
    if verb == "merge":
        return redirect_to_merge(request, form.ids, back)
    if verb == "delete":
        if not form.cleaned_data["confirmed"]:
            return confirm_bulk_delete(request, form, contacts, back)
        count = contacts.bulk_delete()
        messages.success(
            request,
            ngettext("%(n)d contact deleted.", "%(n)d contacts deleted.", count) % {"n": count},
        )
        return redirect(back)
    if verb == "category":
        count = contacts.bulk_set_category(user, argument)
        label = Category(argument).label
        text = ngettext("%(n)d contact is now: %(what)s", "%(n)d contacts are now: %(what)s", count)
    elif verb == "status":
        count = contacts.bulk_set_status(user, argument)
        label = Status(argument).label
        text = ngettext("%(n)d contact is now: %(what)s", "%(n)d contacts are now: %(what)s", count)
    elif verb == "add_tag":
        tag = form.tag_to_add()
        count = contacts.bulk_add_tag(tag)
        label = tag.name
        text = ngettext(
            "%(n)d contact tagged “%(what)s”.", "%(n)d contacts tagged “%(what)s”.", count
        )
        rebuild_search_soon(user.pk)
    else:
        tag = form.cleaned_data["tag_object"]
        count = contacts.bulk_remove_tag(tag)
        label = tag.name
        text = ngettext(
            "“%(what)s” removed from %(n)d contact.",
            "“%(what)s” removed from %(n)d contacts.",
            count,
        )
        rebuild_search_soon(user.pk)
    messages.success(request, text % {"n": count, "what": label})
    return redirect(back)


def confirm_bulk_delete(request, form, contacts, back: str):
    count = contacts.count()
    named = list(
        contacts.order_by("sort_name", "id").only("first_name", "last_name")[:NAMED_ON_CONFIRM]
    )
    context = {
        "count": count,
        "named": named,
        "others": count - len(named),
        "carried": form.carried(),
        "back": back,
    }
    return render(request, "contacts/bulk_delete.html", context)


def redirect_to_merge(request, ids: list[int], back: str):
    """The merge page for the two ticked contacts, the older one first (it survives)."""
    a, b = sorted(set(ids))
    query = urlencode({"a": a, "b": b, "next": back})
    return redirect(f"{reverse('contacts:merge')}?{query}")
