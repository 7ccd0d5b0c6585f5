"""Introduction suggestions stay fast at 10,000 contacts and 500 tags (PostgreSQL).

No pair of contacts is compared with every other: the suggestions start from a few dozen
seed people and look only at the members of their tags, goals and groups.
"""

import time

import pytest
from django.db import connection

from contacts.models import Contact, Tag
from contacts.suggestions import suggest_introductions
from strategy.models import GoalContact, Group
from tests.factories import make_goal, make_user
from tests.shared_rows import rows_for_several_tests

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the speed that counts is PostgreSQL's"
    ),
]

CONTACTS = 10_000
TAGS = 500


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The owner's network, built once: the tests only read it."""
    with rows_for_several_tests(django_db_blocker):
        owner = make_user("owner@example.com")
        yield owner, build_network(owner)


@pytest.fixture
def owner(built, db):
    return built[0]


@pytest.fixture
def big_network(built, db) -> list[Contact]:
    return built[1]


def build_network(owner) -> list[Contact]:
    categories = ["einhorn", "flamingo", "pinguin", "pinguin", "pinguin"]
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                owner=owner,
                first_name=f"Vorname{n}",
                last_name=f"Nachname{n}",
                category=categories[n % len(categories)],
                warmth=n % 5 + 1 if n % 3 else None,
                interests="Jazz, Segeln" if n % 50 == 0 else "",
                status="archived" if n % 40 == 39 else "active",
            )
            for n in range(CONTACTS)
        ],
        batch_size=2_000,
    )
    tags = Tag.objects.bulk_create([Tag(owner=owner, name=f"Thema {n}") for n in range(TAGS)])
    through = Contact.tags.through
    # Three tags per contact, spread so every tag has about 60 people; one broad tag has
    # everybody, as "Köln" would.
    rows = [
        through(contact_id=contact.pk, tag_id=tags[(n * 7 + k * 131) % (TAGS - 1)].pk)
        for n, contact in enumerate(contacts)
        for k in range(3)
    ]
    rows += [through(contact_id=contact.pk, tag_id=tags[-1].pk) for contact in contacts]
    through.objects.bulk_create(rows, batch_size=5_000, ignore_conflicts=True)
    goals = [make_goal(owner, title=f"Ziel {n}") for n in range(3)]
    GoalContact.objects.bulk_create(
        [
            GoalContact(owner=owner, goal=goals[n % 3], contact=contact)
            for n, contact in enumerate(contacts[:300])
        ]
    )
    groups = Group.objects.bulk_create([Group(owner=owner, name=f"Gruppe {n}") for n in range(20)])
    Group.contacts.through.objects.bulk_create(
        [
            Group.contacts.through(group_id=groups[n % 20].pk, contact_id=contact.pk)
            for n, contact in enumerate(contacts[:2_000])
        ]
    )
    with connection.cursor() as cursor:
        for table in ("contacts_contact", "contacts_contact_tags", "strategy_goalcontact"):
            cursor.execute(f"ANALYZE {table}")
    return contacts


class Work:
    """The queries sent and the rows they returned while it was attached."""

    def __init__(self):
        self.queries = self.rows = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.queries += 1
        self.rows += max(context["cursor"].rowcount, 0)
        return result


def measured(owner, **kwargs):
    """The suggestions and the work behind them. What is asserted is the work (queries and
    rows read), which no load on the machine changes; the time is printed, for a person."""
    work = Work()
    start = time.perf_counter()
    with connection.execute_wrapper(work):
        suggestions = suggest_introductions(owner, **kwargs)
    print(f" ({(time.perf_counter() - start) * 1000:.0f} ms, {work.rows:,} rows)", end="")
    return suggestions, work


def test_suggestions_for_10000_contacts_and_500_tags_come_back_fast(owner, big_network):
    print(f"\nIntroduction suggestions, {CONTACTS:,} contacts, {TAGS} tags", end="")
    suggestions, work = measured(owner, limit=10)

    assert len(suggestions) == 10
    assert all(s.reasons for s in suggestions)
    # Six queries however big the network, and less read than one row per contact: only the
    # circles of the seed people are looked at.
    assert work.queries <= 6
    assert work.rows < CONTACTS


def test_suggestions_for_one_contact_come_back_fast(owner, big_network):
    contact = big_network[0]
    print(f"\nSuggestions for one contact among {CONTACTS:,}", end="")
    suggestions, work = measured(owner, limit=10, contact=contact)

    assert suggestions and all(contact in (s.a, s.b) for s in suggestions)
    assert work.queries <= 6
    assert work.rows < CONTACTS / 10
