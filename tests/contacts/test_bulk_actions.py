"""The desk's bulk actions: on the ticked contacts or on all matching the filter, each a fixed
number of statements however many contacts it touches."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Interaction, Tag
from contacts.models.rhythm import keep_in_touch_due
from contacts.tasks import rebuild_stale_search_texts
from reminders.models import FollowUp
from tests.factories import (
    make_contact,
    make_follow_up,
    make_interaction,
    make_tag,
)

URL = reverse("contacts:bulk")
DESK = reverse("contacts:desk")


def post(client, action: str, contacts=(), **fields):
    data = {"action": action, "contacts": [c.pk for c in contacts], **fields}
    return client.post(URL, data)


def categories(contacts) -> list[str]:
    return list(
        Contact.objects.filter(pk__in=[c.pk for c in contacts])
        .order_by("pk")
        .values_list("category", flat=True)
    )


def test_it_requires_login(client):
    assert client.post(URL, {"action": "delete"}).status_code == 302


def test_it_refuses_get(client_owner):
    assert client_owner.get(URL).status_code == 405


def test_the_ticked_contacts_become_flamingos(owner, client_owner):
    ticked = [make_contact(owner) for _ in range(3)]
    other = make_contact(owner)

    response = post(client_owner, "category:flamingo", ticked)

    assert response.status_code == 302 and response.url == DESK
    assert categories(ticked) == ["flamingo"] * 3
    assert categories([other]) == ["pinguin"]
    assert Contact.objects.get(pk=ticked[0].pk).triaged_at is not None


def test_the_keep_in_touch_day_follows_the_new_category(owner, client_owner):
    contact = make_contact(owner)
    make_interaction(contact, days_ago=10)
    contact.refresh_from_db()
    assert contact.keep_in_touch_due_on is None  # Pinguine have no rhythm by default

    post(client_owner, "category:einhorn", [contact])

    contact.refresh_from_db()
    assert contact.keep_in_touch_due_on == keep_in_touch_due(contact, owner)
    assert contact.keep_in_touch_due_on == contact.last_contacted_on + datetime.timedelta(days=30)


def test_archiving_ends_the_rhythm_and_reactivating_starts_it(owner, client_owner):
    contact = make_contact(owner, category="einhorn", keep_in_touch_days=14)
    assert contact.keep_in_touch_due_on is not None

    post(client_owner, "status:archived", [contact])
    contact.refresh_from_db()
    assert (contact.status, contact.keep_in_touch_due_on) == ("archived", None)

    post(client_owner, "status:active", [contact])
    contact.refresh_from_db()
    assert contact.status == "active"
    assert contact.keep_in_touch_due_on == timezone.localdate(
        contact.created_at
    ) + datetime.timedelta(days=14)


def test_all_matching_the_filter_are_changed_not_only_the_ticked(owner, client_owner):
    tag = make_tag(owner, "Köln")
    cologne = [make_contact(owner) for _ in range(4)]
    for contact in cologne:
        contact.set_tags([tag])
    elsewhere = make_contact(owner)

    response = client_owner.post(
        URL, {"action": "category:einhorn", "scope": "matching", "f-tag": tag.pk}
    )

    assert response.status_code == 302
    assert categories(cologne) == ["einhorn"] * 4
    assert categories([elsewhere]) == ["pinguin"]


def test_all_matching_a_search_are_changed(owner, client_owner):
    found = make_contact(owner, first_name="Jürgen", last_name="Weiß")
    make_contact(owner, first_name="Anna")

    client_owner.post(URL, {"action": "status:wish", "scope": "matching", "f-q": "weiss"})

    assert list(Contact.objects.filter(status="wish")) == [found]


def test_another_users_contacts_are_never_touched(owner, outsider, client_owner):
    theirs = make_contact(outsider)
    mine = make_contact(owner)

    post(client_owner, "category:einhorn", [theirs, mine])
    client_owner.post(URL, {"action": "status:archived", "scope": "matching"})

    theirs.refresh_from_db()
    assert (theirs.category, theirs.status) == ("pinguin", "active")
    assert categories([mine]) == ["einhorn"]


def test_nothing_ticked_says_so_and_changes_nothing(owner, client_owner):
    contact = make_contact(owner)

    response = post(client_owner, "category:einhorn", [])

    assert response.status_code == 302
    assert categories([contact]) == ["pinguin"]
    assert "Kreuze" in client_owner.get(response.url).text


def test_an_unknown_action_changes_nothing(owner, client_owner):
    contact = make_contact(owner)

    response = post(client_owner, "category:drache", [contact])

    assert response.status_code == 302
    assert categories([contact]) == ["pinguin"]


def test_a_tag_is_added_and_created_when_new(owner, client_owner):
    ticked = [make_contact(owner) for _ in range(2)]

    post(client_owner, "tag:add", ticked, tag="Messe 2026")

    tag = Tag.objects.for_owner(owner).get(name="Messe 2026")
    assert set(tag.contacts.all()) == set(ticked)


def test_adding_a_tag_twice_links_it_once(owner, client_owner):
    tag = make_tag(owner, "Design")
    contact = make_contact(owner)
    contact.set_tags([tag])

    post(client_owner, "tag:add", [contact], tag="design")

    assert Contact.tags.through.objects.filter(contact=contact).count() == 1


def test_a_tag_is_removed(owner, client_owner):
    tag = make_tag(owner, "Alt")
    ticked = [make_contact(owner) for _ in range(2)]
    kept = make_contact(owner)
    for contact in [*ticked, kept]:
        contact.set_tags([tag])

    post(client_owner, "tag:remove", ticked, tag="alt")

    assert list(tag.contacts.all()) == [kept]


def test_removing_a_tag_nobody_has_says_so(owner, client_owner):
    contact = make_contact(owner)

    response = post(client_owner, "tag:remove", [contact], tag="Gibtsnicht")

    assert "keinen Tag" in client_owner.get(response.url).text


def test_after_a_tag_change_search_finds_them_once_the_rebuild_ran(owner, client_owner):
    contact = make_contact(owner, first_name="Anna")

    post(client_owner, "tag:add", [contact], tag="Zauberwort")
    assert Contact.objects.for_owner(owner).stale_search().count() == 1

    rebuild_stale_search_texts(owner.pk)

    assert list(Contact.objects.for_owner(owner).search("zauberwort")) == [contact]
    assert Contact.objects.for_owner(owner).stale_search().count() == 0


def test_the_rebuild_is_enqueued_after_the_tag_change(
    owner, client_owner, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []
    monkeypatch.setattr(rebuild_stale_search_texts, "delay", lambda *args: enqueued.append(args))
    contact = make_contact(owner)

    with django_capture_on_commit_callbacks(execute=True):
        post(client_owner, "tag:add", [contact], tag="Neu")

    assert enqueued == [(owner.pk,)]


def test_the_desk_shows_the_rebuild_progress(owner, client_owner):
    contact = make_contact(owner)
    post(client_owner, "tag:add", [contact], tag="Neu")

    page = client_owner.get(DESK)
    progress = client_owner.get(reverse("contacts:search_progress"))

    assert 'id="search-progress"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert "1 Kontakt" in progress.text
    rebuild_stale_search_texts(owner.pk)
    done = client_owner.get(reverse("contacts:search_progress"))
    assert "hx-trigger" not in done.text


def test_delete_asks_first_and_names_the_contacts(owner, client_owner):
    ticked = [make_contact(owner, first_name=f"Weg{n}") for n in range(2)]

    response = post(client_owner, "delete", ticked)

    assert response.status_code == 200
    assert "Weg0" in response.text and "Weg1" in response.text
    assert Contact.objects.for_owner(owner).count() == 2


def test_confirmed_delete_removes_them_and_their_lonely_interactions(owner, client_owner):
    gone, stays = make_contact(owner), make_contact(owner)
    alone = make_interaction(gone, notes="nur wir")
    shared = make_interaction(gone, others=[stays], notes="zu dritt")
    make_follow_up(gone)

    post(client_owner, "delete", [gone], confirmed="on")

    assert list(Contact.objects.for_owner(owner)) == [stays]
    assert not Interaction.objects.filter(pk=alone.pk).exists()
    assert list(Interaction.objects.get(pk=shared.pk).contacts.all()) == [stays]
    assert not FollowUp.objects.filter(contact_id=gone.pk).exists()


def test_merge_needs_exactly_two(owner, client_owner):
    contacts = [make_contact(owner) for _ in range(3)]

    response = post(client_owner, "merge", contacts)

    assert "genau zwei" in client_owner.get(response.url).text


def test_a_selection_is_exported_as_vcard(owner, client_owner):
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    make_contact(owner, first_name="Bernd")

    response = post(client_owner, "export:vcard", [anna])

    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/vcard")
    assert body.count("BEGIN:VCARD") == 1 and "FN:Anna Adler" in body


def test_the_next_page_is_kept(owner, client_owner):
    contact = make_contact(owner)

    response = post(client_owner, "category:einhorn", [contact], next=f"{DESK}?category=pinguin")

    assert response.url == f"{DESK}?category=pinguin"


def action_queries(client, action: str, **fields) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"action": action, "scope": "matching", **fields})
    assert response.status_code in (200, 302)
    return len(queries)


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("category:flamingo", {}),
        ("status:archived", {}),
        ("tag:add", {"tag": "Neu"}),
        ("tag:remove", {"tag": "Alt"}),
        ("delete", {"confirmed": "on"}),
    ],
)
def test_an_action_runs_the_same_queries_for_3_and_60_contacts(
    owner, outsider, client_owner, action, fields
):
    counts = []
    for size in (3, 60):
        Contact.objects.for_owner(owner).delete()
        Tag.objects.for_owner(owner).delete()
        old = Tag.objects.get_or_create_named(owner, ["Alt"])[0]
        contacts = [make_contact(owner) for _ in range(size)]
        for contact in contacts:
            contact.tags.add(old)
            make_interaction(contact)
            make_follow_up(contact)
        counts.append(action_queries(client_owner, action, **fields))

    assert counts[0] == counts[1]


def test_a_broker_that_is_down_only_delays_the_rebuild(
    owner, client_owner, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(rebuild_stale_search_texts, "delay", broker_down)
    contact = make_contact(owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_owner, "tag:add", [contact], tag="Neu")

    assert response.status_code == 302
    assert list(Contact.objects.for_owner(owner).stale_search()) == [contact]
