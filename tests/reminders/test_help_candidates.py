"""Whom to help this week: the weekly digest's "people you could help"."""

from django.utils import timezone

from contacts.models import Contact
from reminders.digest import help_candidates
from tests.factories import (
    make_contact,
    make_goal,
    make_goal_contact,
    make_help,
    make_interaction,
    make_introduction,
)


def candidates(owner) -> list[str]:
    today = timezone.localdate()
    return [c.first_name for c in help_candidates(Contact.objects.for_owner(owner), today)]


def test_help_candidates_put_people_with_a_reason_first(owner):
    make_contact(owner, first_name="Einhorn", category="einhorn", warmth=5)
    linked = make_contact(owner, first_name="Ziel", category="pinguin")
    make_goal_contact(make_goal(owner), linked)
    idea_a = make_contact(owner, first_name="Idee", category="flamingo")
    make_introduction(idea_a, make_contact(owner, first_name="Zweite", category="pinguin"))

    assert candidates(owner) == ["Idee", "Ziel", "Zweite", "Einhorn"]


def test_help_candidates_prefer_einhoerner_and_warmth_and_skip_the_recently_helped(owner):
    make_contact(owner, first_name="Pinguin", category="pinguin")
    make_contact(owner, first_name="Kühl", category="einhorn", warmth=1)
    make_contact(owner, first_name="Warm", category="einhorn", warmth=5)
    helped = make_contact(owner, first_name="Geholfen", category="einhorn", warmth=5)
    make_help(helped, days_ago=3)
    long_ago = make_contact(owner, first_name="Lange", category="flamingo")
    make_help(long_ago, days_ago=90)
    make_contact(owner, first_name="Wunsch", category="einhorn", status="wish")

    assert candidates(owner) == ["Warm", "Kühl", "Lange", "Pinguin"]


def test_help_received_lately_does_not_hide_someone(owner):
    contact = make_contact(owner, first_name="Gab", category="einhorn")
    make_help(contact, direction="received", days_ago=1)

    assert candidates(owner) == ["Gab"]


def test_help_candidates_is_one_query(owner, django_assert_num_queries):
    today = timezone.localdate()
    for n in range(5):
        contact = make_contact(owner, category="einhorn")
        make_interaction(contact, days_ago=n)
        make_help(contact, days_ago=40 + n)

    with django_assert_num_queries(1):
        first = help_candidates(Contact.objects.for_owner(owner), today).first()
    assert first is not None
