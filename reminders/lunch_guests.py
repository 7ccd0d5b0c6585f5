"""#neverlunchalone: whom to invite for lunch.

The ranking reads contacts against the lunches already planned, so it lives here beside
Lunch and takes a contacts queryset; contacts knows nothing of lunches.
"""

import datetime

from django.db import connection
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Trim, Upper

from contacts.models import Category, Contact, Status
from contacts.models.contact import NEVER
from contacts.models.rhythm import CATEGORY_RANK
from netzwerk.models import User

from .models import Lunch

# A person offered as lunch guest is not offered again for this long.
SUGGESTION_REST_DAYS = 14


def has_planned_lunch(today: datetime.date) -> Exists:
    """For a contacts queryset: the contact is a guest of a lunch planned for today or later."""
    return Exists(Lunch.objects.filter(contacts=OuterRef("pk")).upcoming(today))


def due_for_contact(contacts: QuerySet[Contact], today: datetime.date) -> QuerySet[Contact]:
    """Who the keep-in-touch rhythm says is due, Einhörner first, leaving out whoever the
    user is already meeting for lunch: the lunch is the getting in touch."""
    return contacts.due_for_contact(today).exclude(has_planned_lunch(today))


def lunch_suggestions(user: User, today: datetime.date) -> QuerySet[Contact]:
    """Whom the user could invite for lunch, best first (see lunch_suggestions_by_owner)."""
    return lunch_suggestions_by_owner(Contact.objects.for_owner(user), today)


def top_lunch_suggestions(
    user: User, today: datetime.date, limit: int, fields: tuple[str, ...] = ()
) -> list[Contact]:
    """The first `limit` of lunch_suggestions(), in one query that reads a bounded number of
    rows (on Postgres).

    The ranking's first keys (due or not, category, in the home city or not) split the
    contacts into up to twelve groups, each read in the order of the index on (owner,
    category, last contact) of active contacts. The groups are chained best first with
    UNION ALL under one LIMIT: Postgres reads a group only while the earlier ones have not
    filled the limit, where sorting every active contact would read the whole network on
    every view of the dashboard. SQLite cannot limit the parts of a UNION; it sorts the
    (small) embedded network instead.
    """
    if not connection.features.supports_slicing_ordering_in_compound:
        suggestions = lunch_suggestions(user, today)
        return list((suggestions.only(*fields) if fields else suggestions)[:limit])
    rest = today - datetime.timedelta(days=SUGGESTION_REST_DAYS)
    candidates = (
        Contact.objects.for_owner(user)
        .filter(status=Status.ACTIVE)
        .exclude(has_planned_lunch(today))
        .exclude(lunch_suggested_on__gt=rest)
        .alias(last_key=Coalesce("last_contacted_on", Value(NEVER)), city_key=Upper("city"))
        .order_by("last_key", "id")
    )
    if fields:
        candidates = candidates.only(*fields)
    due = Q(keep_in_touch_due_on__lte=today)
    # As in lunch_suggestions_by_owner: a blank home city matches nobody.
    home = Upper(Trim(Value(user.home_city)))
    places = [Q(city_key=home), ~Q(city_key=home)] if user.home_city.strip() else [Q()]
    groups = [
        candidates.filter(in_rhythm, place, category=category)[:limit]
        for in_rhythm in (due, ~due | Q(keep_in_touch_due_on__isnull=True))
        for category in Category
        for place in places
    ]
    return list(groups[0].union(*groups[1:], all=True)[:limit])


def lunch_suggestions_by_owner(
    contacts: QuerySet[Contact], today: datetime.date
) -> QuerySet[Contact]:
    """Whom to invite for lunch, best first within each owner's contacts.

    Due contacts first, Einhörner before Flamingos, people in the owner's city first, then
    those not met for longest; nobody with a lunch already planned and nobody offered in
    the last two weeks. Everything is relative to each contact's owner (their lunches,
    their home city), so the weekly digest ranks many users' contacts in one query.
    """
    rest = today - datetime.timedelta(days=SUGGESTION_REST_DAYS)
    return (
        contacts.filter(status=Status.ACTIVE)
        .exclude(has_planned_lunch(today))
        .exclude(lunch_suggested_on__gt=rest)
        .alias(
            due_rank=Case(When(keep_in_touch_due_on__lte=today, then=Value(0)), default=1),
            rank=CATEGORY_RANK,
            home_city=Upper(Trim("owner__home_city")),
            # A blank home city would equal every contact without a city: it matches nobody.
            city_rank=Case(
                When(Q(home_city__gt="") & Q(home_city=Upper("city")), then=Value(0)),
                default=Value(1),
            ),
        )
        .order_by(
            "due_rank",
            "rank",
            "city_rank",
            F("last_contacted_on").asc(nulls_first=True),
            "id",
        )
    )


def mark_suggested(contacts: QuerySet[Contact], today: datetime.date) -> int:
    """Remember that these people were offered today, so the suggestions rotate."""
    return contacts.update(lunch_suggested_on=today)
