"""#neverlunchalone: the week against the target, planned and past lunches, whom to invite."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts.models import Contact
from contacts.views.people import picker_context, prefilled_contacts
from netzwerk.http import confirm_delete, done, posted, render_form, safe_next
from netzwerk.owned import owned

from ..forms import LunchForm
from ..lunch_guests import mark_suggested
from ..models import Lunch, LunchNotYet
from .dashboard import lunch_week_context, suggestions_context

SHOWN_PAST = 20
SHOWN_SUGGESTIONS = 5
ROW = "reminders/partials/lunch_row.html"
SUGGESTIONS = "reminders/partials/suggestions.html"

# A lunch is shown with its people.
WITH_PEOPLE = Lunch.objects.with_people()


@login_required
@require_GET
def lunch_list(request):
    user = request.user
    today = timezone.localdate()
    mine = Lunch.objects.for_owner(user).with_people()
    context = {
        **lunch_week_context(user, today),
        **suggestions_context(user, today, SHOWN_SUGGESTIONS),
        "planned": list(mine.upcoming(today)),
        "past": list(mine.past(today)[:SHOWN_PAST]),
        "today": today,
    }
    return render(request, "reminders/lunches.html", context)


def _form_page(request, form: LunchForm, lunch=None):
    """The form; the "find" button (no JS) re-renders it with the people found."""
    context = {
        "form": form,
        "lunch": lunch,
        "next": safe_next(request),
        **picker_context(request, form),
    }
    valid = request.method == "GET" or "find_people" in request.POST
    return render_form(request, "reminders/lunch_form.html", context, valid=valid)


@login_required
@require_http_methods(["GET", "POST"])
def lunch_create(request):
    """Plan a lunch; ?contact=<id> (from a suggestion) invites that person already."""
    initial = {"contacts": prefilled_contacts(request)}
    form = LunchForm(posted(request), owner=request.user, initial=initial)
    if request.method == "POST" and "find_people" not in request.POST and form.is_valid():
        lunch = form.save()
        messages.success(
            request, _("Lunch on %(day)s planned.") % {"day": formats.date_format(lunch.date)}
        )
        return done(request, reverse("reminders:lunch_list"))
    return _form_page(request, form)


@login_required
@owned(WITH_PEOPLE)
@require_http_methods(["GET", "POST"])
def lunch_edit(request, lunch):
    form = LunchForm(posted(request), instance=lunch, owner=request.user)
    if request.method == "POST" and "find_people" not in request.POST and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, reverse("reminders:lunch_list"))
    return _form_page(request, form, lunch)


def _row_or_back(request, lunch):
    if request.htmx:
        context = {"lunch": lunch, "today": timezone.localdate(), "back": safe_next(request)}
        return render(request, ROW, context)
    return done(request, reverse("reminders:lunch_list"))


@login_required
@owned(WITH_PEOPLE)
@require_POST
def lunch_done(request, lunch):
    """Mark it done: the lunch lands in every guest's timeline. A lunch on a later day is
    refused with what to do instead (the button shows only once its day has come)."""
    try:
        lunch.mark_done(timezone.localdate())
    except LunchNotYet:
        messages.error(
            request,
            _(
                "This lunch is planned for %(date)s; you can mark it done from that day on. If "
                "it took place earlier, change its date first."
            )
            % {"date": formats.date_format(lunch.date, "DATE_FORMAT")},
        )
    else:
        messages.success(request, _("Enjoyed! The lunch is in the timeline now."))
    return _row_or_back(request, lunch)


@login_required
@owned(WITH_PEOPLE)
@require_POST
def lunch_cancel(request, lunch):
    lunch.cancel()
    messages.success(request, _("The lunch was cancelled."))
    return _row_or_back(request, lunch)


@login_required
@owned(WITH_PEOPLE)
@require_http_methods(["GET", "POST"])
def lunch_delete(request, lunch):
    names = ", ".join(person.name for person in lunch.people)
    return confirm_delete(
        request,
        lunch,
        "reminders/confirm_delete.html",
        {
            "title": _("Delete this lunch?"),
            "what": f"{formats.date_format(lunch.date)} · {names}",
            "help": _("A lunch marked done stays in the timeline."),
            "cancel_url": reverse("reminders:lunch_list"),
            "next": safe_next(request),
        },
        then=reverse("reminders:lunch_list"),
        deleted=_("The lunch was deleted."),
    )


@login_required
@owned(Contact, "contact", url_kwarg="contact_pk")
@require_POST
def suggestion_skip(request, contact):
    """ "Not now": this person is not suggested again for two weeks."""
    today = timezone.localdate()
    mark_suggested(Contact.objects.filter(pk=contact.pk), today)
    if request.htmx:
        limit = SHOWN_SUGGESTIONS if request.POST.get("limit") == "page" else None
        context = suggestions_context(request.user, today, *([limit] if limit else []))
        context["suggestions_limit"] = request.POST.get("limit", "")
        return render(request, SUGGESTIONS, context)
    return done(request, reverse("reminders:lunch_list"))
