"""The operator's admin edits an interaction's people through their links, which carry the
interaction's date (contacts.InteractionContact)."""

import re

import pytest
from django.test import Client

from contacts.models import InteractionContact
from netzwerk.models import User
from tests.factories import make_contact, make_interaction

pytestmark = pytest.mark.django_db


def test_a_person_added_in_the_admin_gets_the_interactions_date(owner):
    anna, ben = make_contact(owner, last_name="Anna"), make_contact(owner, last_name="Ben")
    coffee = make_interaction(anna, days_ago=12, notes="Kaffee")
    boss = User.objects.create_superuser("boss@example.com", "a-Good-passw0rd")
    client = Client()
    client.force_login(boss)
    url = f"/admin/contacts/interaction/{coffee.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    prefix = re.search(r'name="([^"]*)-TOTAL_FORMS"', page.text).group(1)
    (link,) = InteractionContact.objects.filter(interaction=coffee)

    response = client.post(
        url,
        {
            "owner": owner.pk,
            "kind": coffee.kind,
            "date": coffee.date.isoformat(),
            "notes": "Kaffee",
            "occasion": "",
            "occasion_on": "",
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-0-id": link.pk,
            f"{prefix}-0-interaction": coffee.pk,
            f"{prefix}-0-contact": anna.pk,
            f"{prefix}-1-id": "",
            f"{prefix}-1-interaction": coffee.pk,
            f"{prefix}-1-contact": ben.pk,
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    links = InteractionContact.objects.filter(interaction=coffee).order_by("contact__last_name")
    assert [(link.contact, link.date) for link in links] == [
        (anna, coffee.date),
        (ben, coffee.date),
    ]
    ben.refresh_from_db()
    assert ben.last_contacted_on == coffee.date


@pytest.mark.parametrize(
    ("language", "labels"),
    [("de", ["Anlass", "Tag des Anlasses"]), ("en", ["Occasion", "Day of the occasion"])],
)
def test_the_admin_names_an_interactions_occasion_in_the_operators_language(
    owner, language, labels
):
    coffee = make_interaction(make_contact(owner, last_name="Anna"), days_ago=3)
    boss = User.objects.create_superuser("boss@example.com", "a-Good-passw0rd", language=language)
    client = Client()
    client.force_login(boss)

    page = client.get(f"/admin/contacts/interaction/{coffee.pk}/change/").text

    for label in labels:
        assert f">{label}:</label>" in page
