from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netzwerk.http import confirm_delete, done, posted, render_form, safe_next
from netzwerk.owned import owned

from ..extensions import bound_log_forms, consequences_of_deleting
from ..forms import InteractionForm, QuickLogForm
from ..models import Category, Contact, Interaction
from ..offline import idempotent
from .detail import activity_context, quicklog_context
from .people import picker_context, prefilled_contacts


def all_valid(*forms) -> bool:
    """Validate every form, so each shows its errors, not only the first invalid one."""
    return all([form.is_valid() for form in forms])


@transaction.atomic
def save_with_log_forms(save, log_forms):
    """Save the interaction and what the higher apps' log forms add to it, all or nothing."""
    interaction = save()
    for log_form in log_forms:
        log_form.save(interaction)
    return interaction


def first_contact_url(interaction: Interaction) -> str:
    """After a change, back to the entry's first person (by name), or the list."""
    first = interaction.contacts.order_by("sort_name").first()
    return first.get_absolute_url() if first else reverse("contacts:list")


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
@idempotent
def log_interaction(request, contact):
    """The quick log: pick a kind (one tap), notes optional, date defaults to today."""
    form = QuickLogForm(posted(request))
    log_forms = bound_log_forms(posted(request))
    in_place = bool(request.htmx and request.htmx.target == "activity")
    if request.method == "POST" and all_valid(form, *log_forms):
        interaction = save_with_log_forms(
            lambda: contact.log_interaction(**form.interaction_data()), log_forms
        )
        messages.success(
            request,
            _("%(kind)s with %(name)s logged.")
            % {"kind": interaction.get_kind_display(), "name": contact.name},
        )
        if in_place:
            # The swap also refreshes the head (last contact) and the follow-ups card.
            contact.refresh_from_db(fields=["last_contacted_on"])
            context = {**activity_context(contact), "logged": True, "categories": list(Category)}
            return render(request, "contacts/detail.html#activity", context)
        return done(request, contact.get_absolute_url())
    if in_place:
        context = activity_context(contact, form=form, log_forms=log_forms)
        return render_form(request, "contacts/detail.html#activity", context, valid=False)
    # The log page shows only the form, not the timeline.
    context = {**quicklog_context(contact, form, log_forms), "next": safe_next(request)}
    return render_form(request, "contacts/log.html", context, valid=request.method == "GET")


def _interaction_form_page(request, form: InteractionForm, interaction=None, log_forms=()):
    """The full form; the "find people" button (no JS) re-renders it with results."""
    context = {
        "form": form,
        "interaction": interaction,
        "log_forms": log_forms,
        "next": safe_next(request),
        **picker_context(request, form),
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
@idempotent
def interaction_create(request):
    initial = {"contacts": prefilled_contacts(request)}
    form = InteractionForm(posted(request), owner=request.user, initial=initial)
    log_forms = bound_log_forms(posted(request))
    if (
        request.method == "POST"
        and "find_people" not in request.POST
        and all_valid(form, *log_forms)
    ):
        interaction = save_with_log_forms(form.save, log_forms)
        messages.success(request, _("%(kind)s logged.") % {"kind": interaction.get_kind_display()})
        return done(request, first_contact_url(interaction))
    return _interaction_form_page(request, form, log_forms=log_forms)


@login_required
@owned(Interaction)
@require_http_methods(["GET", "POST"])
def interaction_edit(request, interaction):
    form = InteractionForm(posted(request), instance=interaction, owner=request.user)
    if request.method == "POST" and "find_people" not in request.POST and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, first_contact_url(interaction))
    return _interaction_form_page(request, form, interaction)


@login_required
@owned(Interaction)
@require_http_methods(["GET", "POST"])
def interaction_delete(request, interaction):
    consequences = consequences_of_deleting(interaction)

    @transaction.atomic
    def delete():
        for consequence in consequences:
            consequence.apply()
        interaction.delete()

    return confirm_delete(
        request,
        interaction,
        "contacts/interaction_delete.html",
        {
            "interaction": interaction,
            "consequences": [line for c in consequences for line in c.sentences],
        },
        then=first_contact_url(interaction),
        deleted=_("The entry was deleted."),
        delete=delete,
    )
