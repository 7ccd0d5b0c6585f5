"""Deleting a logged interaction says what happens to the follow-ups planned with it: the
open ones are deleted too, done ones stay."""

import datetime

from django.urls import reverse
from django.utils import timezone

from reminders.models import FollowUp
from tests.factories import make_contact, make_interaction


def delete_url(interaction) -> str:
    return reverse("contacts:interaction_delete", args=[interaction.pk])


def logged_with_follow_up(owner, notes="Angebot schicken", due=datetime.date(2026, 12, 5)):
    anna = make_contact(owner, first_name="Anna", last_name="Weber")
    interaction = make_interaction(anna, notes=notes)
    [follow_up] = FollowUp.objects.create_for_interaction(interaction, due)
    return interaction, follow_up


def test_the_question_names_the_follow_up_that_is_deleted_too(client_owner, owner):
    interaction, _follow_up = logged_with_follow_up(owner)

    html = client_owner.get(delete_url(interaction)).text

    assert (
        "Das Follow-up „Angebot schicken“ mit Anna Weber, fällig am 5. Dezember 2026, "
        "wird mitgelöscht." in html
    )


def test_the_question_names_it_in_english(client_owner, owner):
    owner.language = "en"
    owner.save()
    interaction, _follow_up = logged_with_follow_up(owner, notes="")

    html = client_owner.get(delete_url(interaction)).text

    assert "The follow-up with Anna Weber, due 5 December 2026, is deleted too." in html


def test_deleting_the_entry_deletes_its_open_follow_up(client_owner, owner):
    interaction, follow_up = logged_with_follow_up(owner)
    unrelated = FollowUp.objects.create(
        owner=owner, contact=follow_up.contact, due_on=follow_up.due_on, note="Anderes"
    )

    client_owner.post(delete_url(interaction))

    assert list(FollowUp.objects.all()) == [unrelated]


def test_a_done_follow_up_stays_and_is_not_mentioned(client_owner, owner):
    interaction, follow_up = logged_with_follow_up(owner)
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done_at"])

    html = client_owner.get(delete_url(interaction)).text
    client_owner.post(delete_url(interaction))

    assert "mitgelöscht" not in html.split("<main")[1]
    follow_up.refresh_from_db()
    assert follow_up.interaction is None


def test_an_entry_without_follow_ups_asks_as_before(client_owner, owner):
    interaction = make_interaction(make_contact(owner), notes="Kaffee")

    html = client_owner.get(delete_url(interaction)).text

    assert 'class="consequence"' not in html
