from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import CategoryForm, ContactForm, HelpEntryForm, QuickLogForm
from ..models import Category, Contact, InteractionKind, Introduction, Status
from .common import done, get_contact, render_form

TIMELINE_LENGTH = 30
# The give-first log and the introductions on the contact page show this many, newest first.
SIDE_LIST_LENGTH = 20


def quicklog_context(contact: Contact, form=None) -> dict:
    """What the quick-log fields partial needs."""
    return {"contact": contact, "log_form": form or QuickLogForm(), "kinds": list(InteractionKind)}


def activity_context(contact: Contact, *, show_all: bool = False, form=None) -> dict:
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
        **quicklog_context(contact, form),
        "timeline": timeline[:TIMELINE_LENGTH] if more else timeline,
        "timeline_truncated": more,
    }


@login_required
@require_http_methods(["GET", "POST"])
def contact_detail(request, pk: int):
    # The request preparation is one-to-one: joined here instead of a query of its own.
    contact = get_object_or_404(
        Contact.objects.for_owner(request.user).select_related("request_prep"), pk=pk
    )
    # The page is read-only; the method is refused only after ownership, so someone
    # else's contact stays a 404 whatever the method.
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    context = activity_context(contact, show_all=request.GET.get("timeline") == "all")
    context.update(
        {
            "categories": list(Category),
            "links": list(contact.links.all()),
            "tags": list(contact.tags.all()),
            **strategy_context(request, contact),
        }
    )
    return render(request, "contacts/detail.html", context)


def strategy_context(request, contact: Contact) -> dict:
    """Goals, request prep, introductions and the give-first log, four queries in all."""
    introductions = (
        Introduction.objects.for_owner(request.user)
        .involving(contact)
        .select_related("contact_a", "contact_b")[:SIDE_LIST_LENGTH]
    )
    return {
        "goal_links": list(contact.goal_links.select_related("goal").order_by("goal__title")),
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
def contact_create(request):
    # "?name=Anna Adler" comes from a search that found nobody: start the form with it.
    first, _space, last = request.GET.get("name", "")[:200].strip().rpartition(" ")
    initial = {"first_name": first, "last_name": last} if first else {"first_name": last}
    form = ContactForm(
        request.POST if request.method == "POST" else None, owner=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        messages.success(request, _("%(name)s was added.") % {"name": contact.name})
        return done(request, contact.get_absolute_url())
    return render_form(request, "contacts/form.html", {"form": form}, valid=request.method == "GET")


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, pk: int):
    contact = get_contact(request, pk)
    form = ContactForm(
        request.POST if request.method == "POST" else None, instance=contact, owner=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, contact.get_absolute_url())
    return render_form(
        request,
        "contacts/form.html",
        {"form": form, "contact": contact},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request, pk: int):
    contact = get_contact(request, pk)
    if request.method == "POST":
        name = contact.name
        contact.delete()
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        return done(request, reverse("contacts:list"))
    return render(request, "contacts/delete.html", {"contact": contact})


@login_required
@require_http_methods(["GET", "POST"])
def set_category(request, pk: int):
    contact = get_contact(request, pk)
    form = CategoryForm(
        request.POST if request.method == "POST" else None, initial={"category": contact.category}
    )
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
