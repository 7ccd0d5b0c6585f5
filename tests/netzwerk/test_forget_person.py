"""One person in the network: what is stored about them (GDPR Art. 15), and forgetting them
with every trace (Art. 17). The counts come from the model registry, so a model added later
is covered."""

import json

import pytest
from django.urls import reverse

from contacts.models import Contact, ForgottenPerson, Interaction
from netzwerk.account.person import forget, rows_naming
from netzwerk.account.registry import owned_models
from reminders.models import Lunch

from .accounts import fill_account, rows_per_model


def rows_naming_per_model(contact, pk: int | None = None) -> dict[str, int]:
    """For every owned model, how many rows have a foreign key to the contact (by its id,
    which deleting the contact clears on the object)."""
    pk = pk or contact.pk
    counts = {}
    for owned in owned_models():
        for fk in owned.foreign_keys():
            if fk.related_model is Contact:
                rows = owned.model._base_manager.filter(**{fk.attname: pk}).count()
                counts[f"{owned.label}.{fk.name}"] = rows
    return counts


def test_every_model_that_can_name_a_person_does_in_the_test_account(owner):
    account = fill_account(owner)

    naming = rows_naming_per_model(account.person)

    assert [where for where, count in naming.items() if not count] == [], (
        "fill_account() must name the person in every model that can"
    )


def test_forgetting_leaves_no_row_naming_the_person(owner, outsider):
    account = fill_account(owner)
    theirs = fill_account(outsider, prefix="Fremd-")
    before_outsider = rows_per_model(outsider)
    pk = account.person.pk
    assert sum(rows_naming_per_model(account.person).values()) > 10

    forget(account.person, keep_hashes=False)

    assert all(count == 0 for count in rows_naming_per_model(account.person, pk).values())
    assert not Contact.objects.filter(pk=pk).exists()
    assert rows_per_model(outsider) == before_outsider
    assert Contact.objects.filter(pk=theirs.person.pk).exists()


def test_forgetting_deletes_what_was_theirs_alone_and_keeps_what_was_shared(owner):
    account = fill_account(owner)
    person, friend = account.person, account.friend
    alone = list(person.interactions.filter(notes="Nur wir zwei"))
    shared = person.interactions.get(notes="Zu dritt")
    lunch_alone = Lunch.objects.get(place="Kantine")
    lunch_shared = Lunch.objects.get(place="Bistro")

    forget(person, keep_hashes=False)

    assert not Interaction.objects.filter(pk__in=[i.pk for i in alone]).exists()
    assert list(Interaction.objects.get(pk=shared.pk).contacts.all()) == [friend]
    assert not Lunch.objects.filter(pk=lunch_alone.pk).exists()
    assert list(Lunch.objects.get(pk=lunch_shared.pk).contacts.all()) == [friend]
    assert Contact.objects.get(pk=friend.pk).name == friend.name


def test_a_forgotten_person_is_gone_from_search(owner):
    account = fill_account(owner)
    assert Contact.objects.for_owner(owner).search("weiss").exists()

    forget(account.person, keep_hashes=False)

    assert not Contact.objects.for_owner(owner).search("weiss").exists()
    assert not Contact.objects.for_owner(owner).search("jurgen").exists()


def test_the_hashes_are_kept_only_when_asked(owner):
    account = fill_account(owner)
    before = ForgottenPerson.objects.for_owner(owner).count()

    kept = forget(account.person, keep_hashes=True)

    assert kept == 3  # one email, one phone, one profile link
    forgotten = ForgottenPerson.objects.for_owner(owner)
    assert forgotten.count() == before + 3
    assert forgotten.matches(emails=["JUERGEN@example.com"]).exists()
    assert forgotten.matches(phones=["0171 1234567"]).exists()
    assert forgotten.matches(urls=["linkedin.com/in/juergen-weiss/"]).exists()


def test_without_hashes_nothing_of_theirs_remains(owner):
    account = fill_account(owner)

    forget(account.person, keep_hashes=False)

    assert not ForgottenPerson.objects.for_owner(owner).matches(emails=["juergen@example.com"])


def test_what_is_stored_names_a_row_of_every_kind_that_names_them(owner):
    account = fill_account(owner)

    found = rows_naming(account.person)

    labels = {model._meta.label for model in found}
    naming = {where.rsplit(".", 1)[0] for where in rows_naming_per_model(account.person)}
    assert naming <= labels
    # Rows about the rows that name them: the nudges of their follow-up and date, the
    # interactions and lunches themselves.
    assert {"reminders.Nudge", "contacts.Interaction", "reminders.Lunch"} <= labels


# The views


def test_the_page_shows_what_is_stored(owner, client_owner):
    account = fill_account(owner)

    response = client_owner.get(reverse("data:person", args=[account.person.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Weiß &amp; Söhne" in text and "Angebot schicken" in text and "Nur wir zwei" in text
    assert "Ohne ihn" not in text


def test_it_downloads_as_json_with_every_row(owner, client_owner):
    account = fill_account(owner)

    response = client_owner.get(
        reverse("data:person", args=[account.person.pk]), {"format": "json"}
    )

    assert response["Content-Disposition"].startswith("attachment;")
    document = json.loads(response.content)
    assert document["data"]["contacts.Contact"][0]["emails"] == ["juergen@example.com"]
    assert {row["note"] for row in document["data"]["reminders.FollowUp"]} == {"Angebot schicken"}
    # What a phone sent about them, their photo too (as base64).
    assert document["data"]["carddav.ContactCard"][0]["photo"] == "/9g="


def test_it_downloads_as_readable_text_in_the_users_language(owner, client_owner):
    account = fill_account(owner)

    response = client_owner.get(
        reverse("data:person", args=[account.person.pk]), {"format": "text"}
    )

    text = response.content.decode()
    assert text.startswith("Was Netzwerk über Jürgen Weiß speichert")
    assert "Firma: Weiß & Söhne" in text
    assert "Mag Typografie.\n    Zweite Zeile." in text


def test_forget_asks_first(owner, client_owner):
    account = fill_account(owner)

    response = client_owner.get(reverse("data:forget", args=[account.person.pk]))

    assert response.status_code == 200
    assert Contact.objects.filter(pk=account.person.pk).exists()
    assert 'name="keep_hashes"' in response.content.decode()


@pytest.mark.parametrize(("keep", "hashes"), [("on", 3), (None, 0)])
def test_forget_from_the_page(owner, client_owner, keep, hashes):
    account = fill_account(owner)
    before = ForgottenPerson.objects.for_owner(owner).count()
    data = {"keep_hashes": keep} if keep else {}

    response = client_owner.post(reverse("data:forget", args=[account.person.pk]), data)

    assert response.status_code == 302 and response.url == reverse("contacts:list")
    assert not Contact.objects.filter(pk=account.person.pk).exists()
    assert ForgottenPerson.objects.for_owner(owner).count() == before + hashes


@pytest.mark.parametrize("name", ["data:person", "data:forget"])
def test_another_users_person_is_a_404(outsider, client_owner, name):
    theirs = fill_account(outsider, prefix="Fremd-").person

    assert client_owner.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client_owner.post(reverse(name, args=[theirs.pk])).status_code == 404
    assert Contact.objects.filter(pk=theirs.pk).exists()


def test_the_person_page_refuses_post(owner, client_owner):
    account = fill_account(owner)

    response = client_owner.post(reverse("data:person", args=[account.person.pk]))

    assert response.status_code == 405
