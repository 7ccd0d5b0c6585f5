import pytest
from django.test import Client
from django.urls import reverse

from ..factories import make_contact


def test_a_form_sent_without_a_valid_csrf_token_explains_that_nothing_was_saved(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    owner.language = "en"
    owner.save()

    response = client.post(reverse("contacts:create"), {"first_name": "Anna"})

    assert response.status_code == 403
    assert "Nothing was saved" in response.content.decode()
    assert not owner.contacts.exists()


@pytest.mark.django_db
def test_an_unknown_page_is_a_friendly_404(client_owner):
    response = client_owner.get("/contacts/999999/")

    assert response.status_code == 404
    assert 'href="/"' in response.content.decode()


def test_the_server_error_page_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Something went wrong" in html


def test_another_users_contact_gets_the_same_404_as_a_missing_one(client_outsider, owner):
    contact = make_contact(owner)
    theirs = client_outsider.get(contact.get_absolute_url())
    missing = client_outsider.get("/contacts/999999/")

    assert theirs.status_code == missing.status_code == 404
    assert contact.name not in theirs.content.decode()
