from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import InteractionForm, QuickLogForm
from ..models import Contact
from .common import (
    done,
    get_contact,
    get_interaction,
    prefilled_contacts,
    render_form,
    requested_next,
)
from .detail import activity_context, quicklog_context

PEOPLE_RESULTS = 20


@login_required
@require_http_methods(["GET", "POST"])
def log_interaction(request, pk: int):
    """The quick log: pick a kind (one tap), notes optional, date defaults to today."""
    contact = get_contact(request, pk)
    form = QuickLogForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        interaction = contact.log_interaction(**form.interaction_data())
        form.create_follow_ups(interaction)
        message = _("%(kind)s with %(name)s logged.") % {
            "kind": interaction.get_kind_display(),
            "name": contact.name,
        }
        messages.success(request, message)
        if request.htmx and request.htmx.target == "activity":
            return render(request, "contacts/detail.html#activity", activity_context(contact))
        return done(request, contact.get_absolute_url())
    if request.htmx and request.htmx.target == "activity":
        context = activity_context(contact, form=form)
        return render_form(request, "contacts/detail.html#activity", context, valid=False)
    # The log page shows only the form, not the timeline.
    context = {**quicklog_context(contact, form), "next": requested_next(request)}
    return render_form(request, "contacts/log.html", context, valid=request.method == "GET")


def people_search_results(request, query: str, exclude_ids) -> list[Contact]:
    if not query.strip():
        return []
    return list(
        Contact.objects.for_owner(request.user)
        .visible()
        .search(query)
        .exclude(pk__in=exclude_ids)
        .order_by("sort_name", "id")[:PEOPLE_RESULTS]
    )


def _interaction_form_page(request, form: InteractionForm, interaction=None):
    """Render the full form; the "find people" button (no JS) re-renders it with results."""
    chosen = form.chosen_contacts()
    query = request.POST.get("people_q", "") if request.method == "POST" else ""
    context = {
        "form": form,
        "interaction": interaction,
        "chosen": chosen,
        "people_q": query,
        "found": people_search_results(request, query, [c.pk for c in chosen]),
        "next": requested_next(request),
    }
    searching = "find_people" in request.POST
    return render_form(
        request,
        "contacts/interaction_form.html",
        context,
        valid=request.method == "GET" or searching,
    )


@login_required
@require_http_methods(["GET", "POST"])
def interaction_create(request):
    initial = {"contacts": prefilled_contacts(request)}
    form = InteractionForm(
        request.POST if request.method == "POST" else None, owner=request.user, initial=initial
    )
    if request.method == "POST" and "find_people" not in request.POST and form.is_valid():
        interaction = form.save()
        messages.success(request, _("%(kind)s logged.") % {"kind": interaction.get_kind_display()})
        first = interaction.contacts.order_by("sort_name").first()
        return done(request, first.get_absolute_url() if first else reverse("contacts:list"))
    return _interaction_form_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def interaction_edit(request, pk: int):
    interaction = get_interaction(request, pk)
    form = InteractionForm(
        request.POST if request.method == "POST" else None,
        instance=interaction,
        owner=request.user,
    )
    if request.method == "POST" and "find_people" not in request.POST and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        first = interaction.contacts.order_by("sort_name").first()
        return done(request, first.get_absolute_url() if first else reverse("contacts:list"))
    return _interaction_form_page(request, form, interaction)


@login_required
@require_http_methods(["GET", "POST"])
def interaction_delete(request, pk: int):
    interaction = get_interaction(request, pk)
    first = interaction.contacts.order_by("sort_name").first()
    if request.method == "POST":
        interaction.delete()
        messages.success(request, _("The entry was deleted."))
        return done(request, first.get_absolute_url() if first else reverse("contacts:list"))
    return render(
        request, "contacts/interaction_delete.html", {"interaction": interaction, "first": first}
    )


@login_required
@require_GET
def people_search(request):
    """HTMX: checkboxes for people matching ?people_q=, to add to an interaction."""
    exclude = [v for v in request.GET.getlist("contacts") if v.isdigit()]
    found = people_search_results(request, request.GET.get("people_q", "")[:200], exclude)
    return render(
        request,
        "contacts/interaction_form.html#people-results",
        {"found": found, "people_q": request.GET.get("people_q", "")},
    )
