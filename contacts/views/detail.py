from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netzwerk.http import confirm_delete, posted, render_form, save_form
from netzwerk.owned import owned

from ..extensions import bound_log_forms
from ..forms import CategoryForm, ContactForm, HelpEntryForm, QuickLogForm
from ..models import Category, Contact, InteractionKind, Introduction, Status
from ..offline import idempotent
from ..share import shared_initial

TIMELINE_LENGTH = 30
# The give-first log and the introductions on the contact page show this many, newest first.
SIDE_LIST_LENGTH = 20


def quicklog_context(contact: Contact, form=None, log_forms=None) -> dict:
    """What the quick-log fields partial needs."""
    return {
        "contact": contact,
        "log_form": form or QuickLogForm(),
        "log_forms": bound_log_forms() if log_forms is None else log_forms,
        "kinds": list(InteractionKind),
    }


def activity_context(contact: Contact, *, show_all: bool = False, form=None, log_forms=None):
    """The quick-log form and the timeline, which are swapped together after logging."""
    people = Contact.objects.only("id", "first_name", "last_name")
    timeline = contact.interactions.order_by("-date", "-id").prefetch_related(
        Prefetch("contacts", queryset=people)
    )
    if not show_all:
        timeline = timeline[: TIMELINE_LENGTH + 1]
    timeline = list(timeline)
    for item in timeline:
        # The other people of a shared interaction, for the "with …" line.
        item.others = [person for person in item.contacts.all() if person.pk != contact.pk]
    more = not show_all and len(timeline) > TIMELINE_LENGTH
    return {
        **quicklog_context(contact, form, log_forms),
        "timeline": timeline[:TIMELINE_LENGTH] if more else timeline,
        "timeline_truncated": more,
    }


# The request preparation is one-to-one: joined here instead of a query of its own.
@login_required
@owned(Contact.objects.select_related("request_prep"))
@require_GET
def contact_detail(request, contact):
    context = activity_context(contact, show_all=request.GET.get("timeline") == "all")
    context.update(
        {
            "categories": list(Category),
            "links": list(contact.links.all()),
            "tags": list(contact.tags.all()),
            **giving_context(request, contact),
        }
    )
    return render(request, "contacts/detail.html", context)


def giving_context(request, contact: Contact) -> dict:
    """Request prep, introductions and the give-first log, three queries in all."""
    introductions = (
        Introduction.objects.for_owner(request.user)
        .involving(contact)
        .select_related("contact_a", "contact_b")[:SIDE_LIST_LENGTH]
    )
    return {
        "prep": getattr(contact, "request_prep", None),
        "is_wish": contact.status == Status.WISH,
        "introductions": [
            {"introduction": intro, "other": intro.other(contact)} for intro in introductions
        ],
        "help_entries": list(contact.help_entries.all()[:SIDE_LIST_LENGTH]),
        "help_form": HelpEntryForm(),
    }


@login_required
@require_http_methods(["GET", "POST"])
@idempotent
def contact_create(request):
    # "?name=Anna Adler" comes from a search that found nobody: start the form with it.
    first, _space, last = request.GET.get("name", "")[:200].strip().rpartition(" ")
    initial = {"first_name": first, "last_name": last} if first else {"first_name": last}
    # A profile or text shared from the phone's share sheet (the web app's share target).
    initial.update(shared_initial(request.GET))
    form = ContactForm(posted(request), owner=request.user, initial=initial)
    return save_form(
        request,
        form,
        "contacts/form.html",
        then=lambda contact: contact.get_absolute_url(),
        saved=lambda contact: _("%(name)s was added.") % {"name": contact.name},
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def contact_edit(request, contact):
    form = ContactForm(posted(request), instance=contact, owner=request.user)
    return save_form(
        request, form, "contacts/form.html", {"contact": contact}, then=contact.get_absolute_url()
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def contact_delete(request, contact):
    return confirm_delete(
        request,
        contact,
        "contacts/delete.html",
        {"contact": contact},
        then=reverse("contacts:list"),
        deleted=_("%(name)s was deleted.") % {"name": contact.name},
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def set_category(request, contact):
    form = CategoryForm(posted(request), initial={"category": contact.category})
    if request.method == "POST" and form.is_valid():
        contact.set_category(form.cleaned_data["category"])
        if request.htmx:
            return render(
                request,
                "contacts/detail.html#contact-head",
                {"contact": contact, "categories": list(Category)},
            )
        messages.success(
            request,
            _("%(name)s is now: %(category)s")
            % {"name": contact.name, "category": contact.get_category_display()},
        )
        return redirect(contact)
    return render_form(
        request,
        "contacts/category.html",
        {"contact": contact, "form": form, "categories": list(Category)},
        valid=request.method == "GET",
    )
