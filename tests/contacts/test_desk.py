"""The desk: the contact list as a table with multi-select, for a wide screen."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact
from tests.factories import make_contact, make_interaction, make_tag

URL = reverse("contacts:desk")


def row_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr id="desk-contact-(\d+)"', response.text)]


def test_it_requires_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_refuses_post(client_owner):
    assert client_owner.post(URL).status_code == 405


def test_it_shows_name_company_category_tags_and_last_contact(owner, client_owner):
    anna = make_contact(
        owner, first_name="Anna", last_name="Adler", company="Adler GmbH", tags=["Design"]
    )
    anna.set_category("einhorn")
    make_interaction(anna, days_ago=3)

    response = client_owner.get(URL)

    assert response.status_code == 200
    row = re.search(r'<tr id="desk-contact-\d+">.*?</tr>', response.text, re.S).group(0)
    assert "Anna Adler" in row and "Adler GmbH" in row and "Design" in row
    assert "Einhorn" in row and "<time" in row
    assert f'name="contacts" value="{anna.pk}"' in row


def test_it_offers_all_contacts_matching_the_filter(owner, client_owner):
    tag = make_tag(owner, "Köln")
    for n in range(3):
        make_contact(owner, first_name=f"Kölner{n}").set_tags([tag])
    make_contact(owner, first_name="Berliner")

    response = client_owner.get(URL, {"tag": tag.pk})

    assert len(row_ids(response)) == 3
    assert 'data-matching="3"' in response.text
    # The filter travels with the bulk form, so "all matching" means this filter.
    assert f'name="f-tag" value="{tag.pk}"' in response.text


def test_it_shows_only_the_owners_contacts(owner, outsider, client_owner):
    mine = make_contact(owner, first_name="Meine")
    make_contact(outsider, first_name="Fremde")

    response = client_owner.get(URL)

    assert row_ids(response) == [mine.pk]
    assert "Fremde" not in response.text


def test_an_htmx_filter_change_answers_the_table_only(owner, client_owner, htmx_headers):
    make_contact(owner, first_name="Anna")

    response = client_owner.get(URL, {"q": "anna"}, **htmx_headers, HTTP_HX_TARGET="desk-results")

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="desk-results">')
    assert "<html" not in response.text


def test_load_more_answers_the_next_rows(owner, client_owner, htmx_headers):
    Contact.objects.bulk_create(
        Contact(owner=owner, first_name=f"P{n:03}", sort_name=f"p{n:03}") for n in range(105)
    )
    first = client_owner.get(URL)
    next_url = re.search(r'<tr id="desk-more">.*?href="([^"]+)"', first.text, re.S).group(1)

    more = client_owner.get(URL + next_url.replace("&amp;", "&"), **htmx_headers)

    assert len(row_ids(first)) == 100
    assert len(row_ids(more)) == 5
    assert not set(row_ids(first)) & set(row_ids(more))


def test_bad_filters_are_reset_with_a_message(client_owner):
    response = client_owner.get(URL, {"category": "drache"})

    assert response.status_code == 200
    assert "Filter waren ungültig" in response.text


def test_the_list_links_to_the_desk_for_wide_screens(client_owner):
    response = client_owner.get(reverse("contacts:list"))

    assert f'data-desk-url="{URL}"' in response.text


def desk_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [10, 150])
def test_the_desk_runs_the_same_queries_for_few_and_many_contacts(owner, client_owner, count):
    tags = [make_tag(owner, f"Tag{n}") for n in range(5)]
    contacts = Contact.objects.bulk_create(
        Contact(owner=owner, first_name=f"P{n:03}", sort_name=f"p{n:03}") for n in range(count)
    )
    through = Contact.tags.through
    through.objects.bulk_create(
        through(contact_id=c.pk, tag_id=tags[n % 5].pk) for n, c in enumerate(contacts)
    )

    # Session, user (with the nudge badge's count), rows with their tags, the matching
    # count, the tag names and the count of contacts whose search text is being rebuilt.
    assert desk_queries(client_owner) == 6
