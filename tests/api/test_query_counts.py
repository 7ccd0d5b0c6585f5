"""Every list endpoint costs the same number of queries for 10 rows as for 200."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.models import ApiToken, Scope
from contacts.models import Contact, HelpEntry, Interaction, Introduction, Tag
from reminders.models import FollowUp, ImportantDate, Lunch, Nudge
from strategy.models import Event, Goal, GoalChannel, Group
from tests.factories import make_contact

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def _fill(owner, n: int) -> None:
    """n objects of every kind, each with its links to others."""
    today = timezone.localdate()
    people = [make_contact(owner, tags=[f"Tag{i % 7}"]) for i in range(n)]
    for i, person in enumerate(people):
        person.set_links({"linkedin": f"https://www.linkedin.com/in/p{person.pk}"})
        interaction = Interaction.objects.create(owner=owner, kind="coffee", date=today)
        interaction.set_contacts([person, people[i - 1]])
        FollowUp.objects.create(owner=owner, contact=person, due_on=today, note="x")
        ImportantDate.objects.create(owner=owner, contact=person, kind="work", day=1, month=4)
        lunch = Lunch.objects.create(owner=owner, date=today, place="Kantine")
        lunch.contacts.set([person])
        Nudge.objects.create(
            owner=owner, kind="birthday", key=f"b-{person.pk}", occurs_on=today, contact=person
        )
        HelpEntry.objects.create(owner=owner, contact=person, kind="knowledge", date=today)
        Introduction.objects.create(owner=owner, contact_a=person, contact_b=people[i - 1])
        goal = Goal.objects.create(owner=owner, title=f"Ziel {i}", kind="clients")
        GoalChannel.objects.create(owner=owner, goal=goal, platform="linkedin")
        goal.link_contact(person, "Anrufen")
        group = Group.objects.create(owner=owner, name=f"Gruppe {i}")
        group.goals.set([goal])
        Event.objects.create(
            owner=owner, title=f"Treffen {i}", date=today - datetime.timedelta(days=1), group=group
        )
    assert Tag.objects.for_owner(owner).count() == 7
    assert Contact.objects.for_owner(owner).count() == n


LISTS = [
    "contacts",
    "contacts/?q=vorname",
    "contacts/?sort=recent",
    "interactions",
    "tags",
    "follow-ups",
    "important-dates",
    "lunches",
    "nudges",
    "goals",
    "channels",
    "goal-contacts",
    "groups",
    "events",
    "introductions",
    "give-first",
]


def _counts(owner) -> dict[str, int]:
    client = ApiClient(ApiToken.create_for(owner, "Zähler", Scope.READ)[1])
    client.get("/api/v1/tags/")  # last used is written once; later requests only read
    counts = {}
    for path in LISTS:
        url = f"/api/v1/{path}" if "?" in path else f"/api/v1/{path}/"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}{'&' if '?' in url else '?'}limit=200")
        assert response.status_code == 200, (path, response.content)
        counts[path] = (len(queries), len(response.json()["items"]))
    return counts


def test_every_list_costs_the_same_for_10_and_200_rows(owner, outsider):
    _fill(owner, 10)
    _fill(outsider, 200)

    small = _counts(owner)
    large = _counts(outsider)

    assert {p: q for p, (q, _n) in small.items()} == {p: q for p, (q, _n) in large.items()}
    assert large["interactions"][1] == 200
    assert large["contacts"][1] == 200
    assert small["contacts"][1] == 10


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


def test_the_contact_list_is_one_query_after_the_caller(owner, client):
    """Tags and profile links come in the contacts' own query, as in the HTML list."""
    _fill(owner, 60)
    api = ApiClient(ApiToken.create_for(owner, "Zähler", Scope.READ)[1])
    api.get("/api/v1/tags/")
    client.force_login(owner)

    caller = _queries(api, "/api/v1/tags/") - 1
    for query in ("", "?sort=recent", "?sort=newest&category=pinguin", "?tag=1"):
        first = api.get(f"/api/v1/contacts/{query}").json()
        assert _queries(api, f"/api/v1/contacts/{query}") == caller + 1
        if first["next_cursor"]:
            sep = "&" if query else "?"
            deep = f"/api/v1/contacts/{query}{sep}cursor={first['next_cursor']}"
            assert _queries(api, deep) == caller + 1
    # A search finds the page's ids, then reads their rows.
    assert _queries(api, "/api/v1/contacts/?q=vorname") == caller + 2
    # By session as well, never more than the HTML list.
    assert _queries(client, "/api/v1/contacts/") <= _queries(client, "/contacts/")
