import json

from django.urls import reverse

from ..factories import make_contact


def english(user):
    user.language = "en"
    user.save()


def test_a_search_that_finds_nobody_offers_to_add_that_person(client_owner, owner):
    english(owner)
    make_contact(owner, first_name="Anna", last_name="Adler")

    html = client_owner.get(reverse("contacts:list"), {"q": "Bruno Beck"}).content.decode()

    assert "Add “Bruno Beck” as a new contact" in html
    assert f'href="{reverse("contacts:create")}?name=Bruno%20Beck"' in html


def test_the_new_contact_form_starts_with_the_searched_name(client_owner):
    html = client_owner.get(
        reverse("contacts:create"), {"name": "Maria Luisa Beck"}
    ).content.decode()

    assert 'name="first_name" value="Maria Luisa"' in html
    assert 'name="last_name" value="Beck"' in html


def test_a_single_searched_word_becomes_the_first_name(client_owner):
    html = client_owner.get(reverse("contacts:create"), {"name": "<b>Bruno</b>"}).content.decode()

    assert 'name="first_name" value="&lt;b&gt;Bruno&lt;/b&gt;"' in html


def test_the_triage_toast_says_where_the_contact_went(client_owner, owner, htmx_headers):
    english(owner)
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    bruno = make_contact(owner, first_name="Bruno", last_name="Beck")

    def toast(contact, action):
        response = client_owner.post(
            reverse("contacts:triage_contact", args=[contact.pk]),
            {"action": action},
            **htmx_headers,
        )
        return json.loads(response["HX-Trigger"])["messages"][0]["text"]

    assert toast(anna, "einhorn") == "Anna Adler is now: Einhorn"
    assert toast(bruno, "keep") == "Bruno Beck stays a Pinguin for now."
