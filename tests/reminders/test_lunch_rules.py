"""#neverlunchalone: the week's count, marking done, and whom to invite."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.models import Contact
from reminders.lunch_guests import lunch_suggestions, mark_suggested, top_lunch_suggestions
from reminders.models import Lunch
from reminders.models.lunch import week_of
from tests.factories import make_contact, make_interaction


def plan(owner, day, *people, status="planned"):
    lunch = Lunch.objects.create(owner=owner, date=day, place="Kantine", status=status)
    lunch.contacts.set(people)
    return lunch


def test_the_week_runs_from_monday_to_sunday():
    assert week_of(datetime.date(2026, 11, 22)) == (
        datetime.date(2026, 11, 16),
        datetime.date(2026, 11, 22),
    )


def test_cancelled_lunches_do_not_count_for_the_week(owner, outsider):
    monday = datetime.date(2026, 11, 16)
    ben = make_contact(owner)
    plan(owner, monday, ben)
    plan(owner, monday + datetime.timedelta(days=2), ben, status="done")
    plan(owner, monday + datetime.timedelta(days=3), ben, status="cancelled")
    plan(owner, monday + datetime.timedelta(days=7), ben)
    plan(outsider, monday, make_contact(outsider))
    assert Lunch.objects.for_owner(owner).in_week_of(monday).count() == 2


def test_marking_a_lunch_done_logs_it_once_in_every_guests_timeline(owner):
    ben, cem = make_contact(owner), make_contact(owner)
    lunch = plan(owner, timezone.localdate(), ben, cem)
    first = lunch.mark_done()
    second = lunch.mark_done()
    assert first == second
    assert first.kind == "lunch"
    assert list(ben.interactions.all()) == [first]
    assert list(cem.interactions.all()) == [first]
    ben.refresh_from_db()
    assert ben.last_contacted_on == timezone.localdate()


def test_suggestions_put_due_einhoerner_from_my_city_first(owner):
    owner.home_city = "Köln"
    owner.save()
    today = timezone.localdate()
    due_flamingo = make_contact(owner, category="flamingo", city="Köln")
    make_interaction(due_flamingo, days_ago=100)
    due_einhorn_away = make_contact(owner, category="einhorn", city="Berlin")
    make_interaction(due_einhorn_away, days_ago=40)
    due_einhorn_here = make_contact(owner, category="einhorn", city="köln")
    make_interaction(due_einhorn_here, days_ago=35)
    fresh_einhorn = make_contact(owner, category="einhorn", city="Köln")
    make_interaction(fresh_einhorn, days_ago=1)

    suggested = list(lunch_suggestions(owner, today))

    assert suggested[:4] == [due_einhorn_here, due_einhorn_away, due_flamingo, fresh_einhorn]


def test_suggestions_skip_people_with_a_planned_lunch_or_just_suggested(owner):
    today = timezone.localdate()
    invited = make_contact(owner, category="einhorn")
    plan(owner, today + datetime.timedelta(days=2), invited)
    offered = make_contact(owner, category="einhorn")
    mark_suggested(Contact.objects.filter(pk=offered.pk), today - datetime.timedelta(days=3))
    rested = make_contact(owner, category="einhorn")
    mark_suggested(Contact.objects.filter(pk=rested.pk), today - datetime.timedelta(days=20))
    wish = make_contact(owner, category="einhorn", status="wish")

    suggested = set(lunch_suggestions(owner, today))

    assert rested in suggested
    assert not suggested & {invited, offered, wish}


def varied_network(owner, outsider) -> None:
    """Every group the ranking tells apart: due or not, each category, home city (in other
    spellings too) or not, met long ago, lately or never, and people who must not show."""
    today = timezone.localdate()
    cities = ["Köln", " köln", "Berlin", ""]
    for n, (category, city, days_ago) in enumerate(
        itertools.product(["einhorn", "flamingo", "pinguin"], cities, [None, 3, 45, 200])
    ):
        contact = make_contact(owner, category=category, city=city)
        if days_ago is not None:
            make_interaction(contact, days_ago=days_ago + n % 3)
    make_contact(owner, category="einhorn", city="Köln", status="wish")
    plan(owner, today + datetime.timedelta(days=1), make_contact(owner, category="einhorn"))
    rested = make_contact(owner, category="einhorn", city="Köln")
    mark_suggested(Contact.objects.filter(pk=rested.pk), today)
    make_contact(outsider, category="einhorn", city="Köln")


@pytest.mark.parametrize("home_city", ["Köln", "  "])
def test_the_top_suggestions_are_the_first_of_the_whole_ranking(owner, outsider, home_city):
    owner.home_city = home_city
    owner.save()
    varied_network(owner, outsider)
    today = timezone.localdate()
    ranking = list(lunch_suggestions(owner, today))

    for limit in (1, 3, 5, 20, len(ranking) + 5):
        assert top_lunch_suggestions(owner, today, limit) == ranking[:limit], limit


def test_the_top_suggestions_are_one_query_however_many_people(owner, outsider):
    owner.home_city = "Köln"
    owner.save()
    today = timezone.localdate()
    counts = []
    for _round in range(2):
        varied_network(owner, outsider)
        with CaptureQueriesContext(connection) as captured:
            top_lunch_suggestions(owner, today, 5, ("id", "first_name"))
        counts.append(len(captured))
    assert counts == [1, 1]
