"""The keep-in-touch rhythm: who is due, kept right by the model layer on every change."""

import datetime

from django.utils import timezone

from contacts.models import Contact
from tests.factories import make_contact, make_interaction, make_user

TODAY = datetime.date(2026, 11, 22)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def test_an_einhorn_is_due_thirty_days_after_the_last_contact(owner):
    anna = make_contact(owner, category="einhorn")
    make_interaction(anna, days_ago=10)
    anna.refresh_from_db()
    assert anna.keep_in_touch_due_on == anna.last_contacted_on + days(30)


def test_a_flamingo_gets_ninety_days_and_a_pinguin_no_rhythm(owner):
    flamingo = make_contact(owner, category="flamingo")
    pinguin = make_contact(owner, category="pinguin")
    added = timezone.localdate(flamingo.created_at)
    assert flamingo.keep_in_touch_due_on == added + days(90)
    assert pinguin.keep_in_touch_due_on is None


def test_the_contacts_own_rhythm_wins_over_the_category_default(owner):
    contact = make_contact(owner, category="flamingo", keep_in_touch_days=7)
    assert contact.keep_in_touch_due_on == timezone.localdate(contact.created_at) + days(7)


def test_logging_an_interaction_resets_the_clock(owner):
    contact = make_contact(owner, category="einhorn")
    make_interaction(contact, days_ago=40)
    contact.refresh_from_db()
    assert contact.keep_in_touch_due_on < timezone.localdate()
    make_interaction(contact, days_ago=0)
    contact.refresh_from_db()
    assert contact.keep_in_touch_due_on == timezone.localdate() + days(30)


def test_deleting_the_latest_interaction_moves_the_due_day_back(owner):
    contact = make_contact(owner, category="einhorn")
    make_interaction(contact, days_ago=40)
    latest = make_interaction(contact, days_ago=1)
    latest.delete()
    contact.refresh_from_db()
    assert contact.keep_in_touch_due_on == timezone.localdate() - days(40) + days(30)


def test_changing_the_category_changes_the_rhythm(owner):
    contact = make_contact(owner)
    assert contact.keep_in_touch_due_on is None
    contact.set_category("einhorn")
    contact.refresh_from_db()
    assert contact.keep_in_touch_due_on == timezone.localdate(contact.created_at) + days(30)


def test_archived_and_wish_contacts_are_never_due(owner):
    archived = make_contact(owner, category="einhorn")
    archived.archive()
    wish = make_contact(owner, category="einhorn", status="wish")
    archived.refresh_from_db()
    assert archived.keep_in_touch_due_on is None
    assert wish.keep_in_touch_due_on is None


def test_new_user_defaults_recompute_every_contact_of_that_user_only(owner, outsider):
    mine = make_contact(owner, category="einhorn")
    theirs = make_contact(outsider, category="einhorn")
    owner.rhythm_einhorn_days = 14
    owner.save()
    Contact.objects.for_owner(owner).refresh_keep_in_touch_due()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.keep_in_touch_due_on == timezone.localdate(mine.created_at) + days(14)
    assert theirs.keep_in_touch_due_on == timezone.localdate(theirs.created_at) + days(30)


def test_due_lists_einhoerner_first_then_the_longest_overdue(owner):
    flamingo = make_contact(owner, category="flamingo")
    make_interaction(flamingo, days_ago=200)
    einhorn = make_contact(owner, category="einhorn")
    make_interaction(einhorn, days_ago=31)
    older_einhorn = make_contact(owner, category="einhorn")
    make_interaction(older_einhorn, days_ago=60)
    make_interaction(make_contact(owner, category="einhorn"), days_ago=5)  # not due

    due = list(Contact.objects.for_owner(owner).due_for_contact(timezone.localdate()))

    assert due == [older_einhorn, einhorn, flamingo]


def test_due_never_shows_another_users_contacts(owner):
    other = make_user("other@example.com")
    make_interaction(make_contact(other, category="einhorn"), days_ago=90)
    assert not Contact.objects.for_owner(owner).due_for_contact(timezone.localdate()).exists()
