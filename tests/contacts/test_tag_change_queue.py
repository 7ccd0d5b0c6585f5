"""A tag rename or delete queues its carriers; the background task marks them changed.

The request writes one narrow row per carrier instead of updating every carrier's wide row
and its indexes; the cards a phone syncs and the search text follow when the task runs.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, ContactMark, Tag, bulk
from contacts.tasks import rebuild_stale_search_texts
from contacts.views import desk
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

AN_HOUR_AGO = timezone.now() - datetime.timedelta(hours=1)


def carriers_of(owner, name: str, count: int) -> list[Contact]:
    contacts = [make_contact(owner, tags=[name]) for _ in range(count)]
    # Written an hour ago, so a mark shows as a newer updated_at.
    Contact.objects.filter(pk__in=[c.pk for c in contacts]).update(updated_at=AN_HOUR_AGO)
    return contacts


def updated(contacts) -> set[int]:
    ids = [contact.pk for contact in contacts]
    return set(
        Contact.objects.filter(pk__in=ids, updated_at__gt=AN_HOUR_AGO).values_list("pk", flat=True)
    )


def test_a_rename_leaves_the_contacts_to_the_task_which_marks_them(owner):
    tagged = carriers_of(owner, "Buchclub", 3)
    untagged = make_contact(owner)

    Tag.objects.get(name="Buchclub").rename("Lesekreis")

    assert updated(tagged) == set()
    assert Contact.objects.waiting_for_search(owner) == 3

    rebuild_stale_search_texts(owner.pk)

    assert updated(tagged) == {c.pk for c in tagged}
    assert not ContactMark.objects.exists()
    assert Contact.objects.waiting_for_search(owner) == 0
    assert Contact.objects.get(pk=untagged.pk).search_stale is False


def test_saving_a_tag_under_the_same_name_queues_nothing(owner, client_owner):
    carriers_of(owner, "Buchclub", 2)
    tag = Tag.objects.get(name="Buchclub")
    url = reverse("contacts:tag_rename", args=[tag.pk])

    assert client_owner.post(url, {"name": " Buchclub "}).status_code == 302
    assert not ContactMark.objects.exists()

    client_owner.post(url, {"name": "BuchClub"})
    assert ContactMark.objects.count() == 2


def test_a_deleted_tag_still_marks_the_contacts_that_carried_it(owner):
    tagged = carriers_of(owner, "Buchclub", 2)

    Tag.objects.get(name="Buchclub").delete()
    rebuild_stale_search_texts(owner.pk)

    assert updated(tagged) == {c.pk for c in tagged}
    assert not ContactMark.objects.exists()


def test_a_contact_deleted_before_the_task_runs_is_passed_over(owner):
    gone, kept = carriers_of(owner, "Buchclub", 2)
    Tag.objects.get(name="Buchclub").rename("Lesekreis")
    gone.delete()

    rebuild_stale_search_texts(owner.pk)

    assert updated([kept]) == {kept.pk}
    assert not ContactMark.objects.exists()


def test_the_task_marks_only_its_owners_contacts(owner, outsider):
    mine = carriers_of(owner, "Buchclub", 2)
    theirs = carriers_of(outsider, "Buchclub", 2)
    Tag.objects.get(owner=owner).rename("Lesekreis")
    Tag.objects.get(owner=outsider).rename("Lesekreis")

    rebuild_stale_search_texts(owner.pk)

    assert updated(mine) == {c.pk for c in mine}
    assert updated(theirs) == set()
    assert Contact.objects.waiting_for_search(owner) == 0
    assert Contact.objects.waiting_for_search(outsider) == 2
    # The periodic run, without an owner, catches up with every user's queue.
    rebuild_stale_search_texts()
    assert updated(theirs) == {c.pk for c in theirs}


def test_a_contact_queued_twice_is_counted_once_and_marked(owner):
    tagged = carriers_of(owner, "Buchclub", 1)
    tag = Tag.objects.get(name="Buchclub")
    tag.rename("Lesekreis")
    tag.rename("Kreis")

    assert ContactMark.objects.count() == 2
    assert Contact.objects.waiting_for_search(owner) == 1
    rebuild_stale_search_texts(owner.pk)
    assert updated(tagged) == {tagged[0].pk}


def test_the_queue_is_marked_a_batch_at_a_time(owner):
    tagged = carriers_of(owner, "Buchclub", 5)
    Tag.objects.get(name="Buchclub").rename("Lesekreis")

    taken = ContactMark.objects.filter(owner=owner).mark_batch(size=2)

    assert taken == 2
    assert len(updated(tagged)) == 2
    assert ContactMark.objects.count() == 3


@pytest.mark.parametrize(
    ("language", "shown"),
    [("de", "für mehr als 3 Kontakte"), ("en", "for more than 3 contacts")],
)
def test_the_progress_counts_up_to_a_bound_and_then_says_more_than(
    owner, client_owner, monkeypatch, language, shown
):
    owner.language = language
    owner.save()
    monkeypatch.setattr(bulk, "WAITING_COUNTED", 3)
    monkeypatch.setattr(desk, "WAITING_COUNTED", 3)
    carriers_of(owner, "Buchclub", 2)
    Tag.objects.get(name="Buchclub").rename("Lesekreis")
    progress = reverse("contacts:search_progress")

    assert (" 2 Kontakte" if language == "de" else " 2 contacts") in client_owner.get(progress).text

    carriers_of(owner, "Design", 3)
    Tag.objects.get(name="Design").delete()

    assert shown in client_owner.get(progress).text
    rebuild_stale_search_texts(owner.pk)
    assert 'hx-trigger="every 2s"' not in client_owner.get(progress).text
