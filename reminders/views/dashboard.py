"""'Diese Woche': what needs the user this week, on one phone screen."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from contacts.models import Contact
from netzwerk.paging import open_ended_page

from ..lunch_guests import due_for_contact, top_lunch_suggestions
from ..models import FollowUp, Lunch, Nudge, NudgeKind
from ..models.lunch import week_of
from ..upcoming import most_important_days, upcoming_days

UPCOMING_DAYS = 14
SHOWN_NUDGES = 5
SHOWN_FOLLOW_UPS = 10
SHOWN_DUE_CONTACTS = 5
SHOWN_SUGGESTIONS = 3
SHOWN_DATES = 12
DATES_PAGE_SIZE = 50
SUGGESTION_FIELDS = ("id", "first_name", "last_name", "city", "category", "last_contacted_on")
DUE_PAGE_SIZE = 50
# What a due contact's row shows (the whole row holds notes and the search text).
DUE_FIELDS = ("id", "first_name", "last_name", "company", "category", "last_contacted_on")
DUE_FIELDS += ("keep_in_touch_due_on",)


def lunch_week_context(user, today) -> dict:
    """This week's lunches against the target (two queries)."""
    monday, sunday = week_of(today)
    lunches = list(Lunch.objects.for_owner(user).in_week_of(today).with_people())
    target = user.lunch_target
    count = len(lunches)
    return {
        "week_lunches": lunches,
        "lunch_count": count,
        "lunch_target": target,
        "week_start": monday,
        "week_end": sunday,
    }


def suggestions_context(user, today, limit: int = SHOWN_SUGGESTIONS) -> dict:
    """Whom to invite for lunch (a few index-ordered queries, reading what a suggestion
    shows)."""
    suggestions = top_lunch_suggestions(user, today, limit, SUGGESTION_FIELDS)
    return {"suggestions": suggestions, "today": today}


@login_required
@require_GET
def dashboard(request):
    user = request.user
    today = timezone.localdate()
    upcoming, more_upcoming = most_important_days(user, today, UPCOMING_DAYS, SHOWN_DATES)
    nudges = list(
        Nudge.objects.for_owner(user).unread().for_display().newest_first()[: SHOWN_NUDGES + 1]
    )
    follow_ups = list(
        FollowUp.objects.for_owner(user)
        .due(today)
        .select_related("contact")[: SHOWN_FOLLOW_UPS + 1]
    )
    # Whoever a keep-in-touch nudge above already names is not listed a second time.
    nudged = [n.contact_id for n in nudges[:SHOWN_NUDGES] if n.kind == NudgeKind.KEEP_IN_TOUCH]
    due = list(
        due_for_contact(Contact.objects.for_owner(user), today)
        .exclude(pk__in=nudged)
        .only(*DUE_FIELDS)[: SHOWN_DUE_CONTACTS + 1]
    )
    suggestions = suggestions_context(user, today)
    context = {
        "today": today,
        # Nothing to show is not "well done" for an account without contacts: first steps.
        "new_account": not (due or suggestions["suggestions"])
        and not Contact.objects.for_owner(user).exists(),
        "nudges": nudges[:SHOWN_NUDGES],
        "more_nudges": len(nudges) > SHOWN_NUDGES,
        "upcoming": upcoming,
        "more_upcoming": more_upcoming,
        "upcoming_days": UPCOMING_DAYS,
        "follow_ups": follow_ups[:SHOWN_FOLLOW_UPS],
        "more_follow_ups": len(follow_ups) > SHOWN_FOLLOW_UPS,
        "due_contacts": due[:SHOWN_DUE_CONTACTS],
        "more_due_contacts": len(due) > SHOWN_DUE_CONTACTS,
        **lunch_week_context(user, today),
        **suggestions,
    }
    for nudge in context["nudges"]:
        nudge.text = nudge.headline(today)
    return render(request, "reminders/dashboard.html", context)


@login_required
@require_GET
def due_contacts(request):
    """Everyone the keep-in-touch rhythm says is due, Einhörner first, paged."""
    today = timezone.localdate()
    contacts = due_for_contact(Contact.objects.for_owner(request.user), today).only(*DUE_FIELDS)
    # Open-ended: counting everyone due would read as much of the network as is due.
    page = open_ended_page(contacts, request.GET.get("page"), DUE_PAGE_SIZE)
    return render(request, "reminders/due_contacts.html", {"page": page, "today": today})


@login_required
@require_GET
def upcoming_dates(request):
    """Every birthday and date of the next two weeks, by day, paged (the dashboard shows
    the most important few)."""
    today = timezone.localdate()
    upcoming = upcoming_days(request.user, today, UPCOMING_DAYS)
    page = Paginator(upcoming, DATES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "today": today, "upcoming_days": UPCOMING_DAYS}
    return render(request, "reminders/upcoming_dates.html", context)
