"""The contact form on a phone: one email or phone input per entry, and the fields that matter
after a meeting first, the rest folded."""

import re

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import make_contact

CREATE_URL = reverse("contacts:create")


def contact_data(**data) -> dict:
    fields = {"first_name": "Anna", "category": "pinguin", "status": "active"}
    fields.update(data)
    return fields


def inputs_named(html: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)


def value_of(tag: str) -> str:
    return re.search(r'value="([^"]*)"', tag).group(1)


def more_details(html: str) -> str:
    return re.search(r"<details class=\"more-fields\"[^>]*>", html).group(0)


def unfolded(html: str) -> bool:
    return re.search(r"\sopen[\s>]", more_details(html)) is not None


def test_it_offers_one_email_input_and_one_phone_input_with_the_right_keyboards(client_owner):
    html = client_owner.get(CREATE_URL).text

    emails, phones = inputs_named(html, "emails"), inputs_named(html, "phones")
    assert len(emails) == 1 and 'type="email"' in emails[0]
    assert len(phones) == 1 and 'type="tel"' in phones[0]
    assert 'for="id_emails_0"' in html
    assert "data-add-entry" in html


def test_it_saves_each_posted_entry(client_owner):
    client_owner.post(
        CREATE_URL,
        contact_data(
            emails=["anna@example.com", "", "work@example.org", "anna@example.com"],
            phones=["+49 30 1234567", "0171 2345678"],
        ),
    )

    contact = Contact.objects.get()
    assert contact.emails == ["anna@example.com", "work@example.org"]
    assert contact.phones == ["+49 30 1234567", "0171 2345678"]


def test_editing_shows_every_entry_and_one_empty_input_to_add_another(client_owner, owner):
    contact = make_contact(owner, emails=["a@example.com", "b@example.com"], phones=["030 123"])

    html = client_owner.get(reverse("contacts:edit", args=[contact.pk])).text

    assert [value_of(tag) for tag in inputs_named(html, "emails")] == [
        "a@example.com",
        "b@example.com",
        "",
    ]
    assert [value_of(tag) for tag in inputs_named(html, "phones")] == ["030 123", ""]


def test_a_bad_entry_is_named_marked_and_nothing_typed_is_lost(client_owner):
    response = client_owner.post(
        CREATE_URL,
        contact_data(emails=["anna@example.com", "anna(at)example.com"], phones=["call me"]),
    )

    assert not Contact.objects.exists()
    html = response.text
    assert "„anna(at)example.com“ ist keine gültige E-Mail-Adresse." in html
    assert "„call me“ ist keine Telefonnummer" in html
    emails = inputs_named(html, "emails")
    assert [value_of(tag) for tag in emails] == ["anna@example.com", "anna(at)example.com", ""]
    # Only the wrong entry is marked invalid, so the cursor goes to it.
    assert ["aria-invalid" in tag for tag in emails] == [False, True, False]
    assert unfolded(html)


def test_it_offers_no_empty_input_when_the_list_is_full(client_owner, owner):
    contact = make_contact(owner, emails=[f"a{n}@example.com" for n in range(10)])

    html = client_owner.get(reverse("contacts:edit", args=[contact.pk])).text

    assert len(inputs_named(html, "emails")) == 10
    # The only "add another" left is the phones'.
    assert html.count("data-add-entry") == 1


# The fields that matter after a meeting come first; the rest folds out.


def test_a_new_contact_starts_with_the_few_fields_that_matter(client_owner):
    html = client_owner.get(CREATE_URL).text

    before, folded = html.split(more_details(html))
    for name in ("first_name", "last_name", "how_we_met", "category", "notes"):
        assert f'name="{name}"' in before, name
    for name in ("company", "emails", "phones", "birthday_day", "tag_names", "link_linkedin"):
        assert f'name="{name}"' in folded, name
    assert not unfolded(html)


def test_a_failed_save_unfolds_the_section_with_the_error(client_owner):
    html = client_owner.post(CREATE_URL, contact_data(birthday_day="31", birthday_month="4")).text

    assert unfolded(html)


def test_an_error_above_the_fold_keeps_it_folded(client_owner):
    html = client_owner.post(CREATE_URL, contact_data(first_name="")).text

    assert not unfolded(html)


def test_editing_shows_every_field_unfolded(client_owner, owner):
    contact = make_contact(owner)

    html = client_owner.get(reverse("contacts:edit", args=[contact.pk])).text

    assert unfolded(html)


@pytest.mark.parametrize("query", ["?url=https://www.linkedin.com/in/anna-weber"])
def test_a_shared_profile_unfolds_the_section_that_shows_it(client_owner, query):
    html = client_owner.get(CREATE_URL + query).text

    assert unfolded(html)
