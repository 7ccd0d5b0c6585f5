"""One contact: its page, creating, editing, deleting, and the one-tap category switch."""

import re

import pytest
from django.urls import reverse

from contacts.models import Contact, Interaction
from contacts.views.detail import TIMELINE_LENGTH
from tests.factories import make_contact, make_interaction


def detail_url(contact) -> str:
    return reverse("contacts:detail", args=[contact.pk])


def edit_url(contact) -> str:
    return reverse("contacts:edit", args=[contact.pk])


def delete_url(contact) -> str:
    return reverse("contacts:delete", args=[contact.pk])


def category_url(contact) -> str:
    return reverse("contacts:category", args=[contact.pk])


CREATE_URL = reverse("contacts:create")


def contact_data(**data) -> dict:
    fields = {"first_name": "Anna", "last_name": "Weber", "category": "pinguin", "status": "active"}
    fields.update(data)
    return fields


@pytest.fixture
def contact(owner):
    return make_contact(owner, first_name="Anna", last_name="Weber", company="Blaue Fabrik")


# Login and methods, for every URL of this module.


@pytest.mark.parametrize("name", ["detail", "edit", "delete", "category"])
def test_it_requires_login_for_a_contacts_pages(client, contact, name):
    url = reverse(f"contacts:{name}", args=[contact.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_requires_login_to_create(client, db):
    response = client.post(CREATE_URL, contact_data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("name", "methods"),
    [
        ("detail", ["post", "put", "delete"]),
        ("edit", ["put", "delete", "patch"]),
        ("delete", ["put", "delete"]),
        ("category", ["put", "delete"]),
    ],
)
def test_it_rejects_other_methods(client_owner, contact, name, methods):
    url = reverse(f"contacts:{name}", args=[contact.pk])

    for method in methods:
        assert getattr(client_owner, method)(url).status_code == 405, method
    assert Contact.objects.filter(pk=contact.pk).exists()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_rejects_other_methods_to_create(client_owner, method):
    assert getattr(client_owner, method)(CREATE_URL).status_code == 405


@pytest.mark.parametrize("name", ["detail", "edit", "delete", "category"])
def test_it_answers_404_for_an_unknown_contact(client_owner, contact, name):
    url = reverse(f"contacts:{name}", args=[contact.pk + 1000])

    assert client_owner.get(url).status_code == 404


@pytest.mark.parametrize("name", ["detail", "edit", "delete", "category"])
def test_it_hides_a_contact_from_the_outsider(client_outsider, contact, name):
    url = reverse(f"contacts:{name}", args=[contact.pk])

    response = client_outsider.get(url)

    assert response.status_code == 404
    assert "Weber" not in response.text


# Detail.


def test_it_shows_a_contact(client_owner, owner):
    contact = make_contact(
        owner,
        first_name="Anna",
        last_name="Weber",
        role="Kamerafrau",
        company="Blaue Fabrik",
        city="Leipzig",
        emails=["anna@example.com"],
        phones=["+49 30 123 456"],
        birthday_day=29,
        birthday_month=2,
        warmth=4,
        notes="Spielt Cello",
        tags=["Buchclub"],
    )
    contact.set_links({"website": "https://anna.example"})

    response = client_owner.get(detail_url(contact))

    assert response.status_code == 200
    text = response.text
    for shown in ["Anna Weber", "Kamerafrau", "Blaue Fabrik", "Leipzig", "Spielt Cello"]:
        assert shown in text
    assert 'href="mailto:anna@example.com"' in text
    assert 'href="tel:+4930123456"' in text
    assert "29." in text
    assert "♥♥♥♥" in text and "♥♥♥♥♥" not in text
    assert f'href="{reverse("contacts:list")}?tag=' in text and ">Buchclub</a>" in text
    assert 'href="https://anna.example" rel="noopener noreferrer"' in text


def test_it_shows_the_timeline_newest_first(client_owner, contact):
    make_interaction(contact, kind="coffee", days_ago=10, notes="Erstes Treffen")
    make_interaction(contact, kind="call", days_ago=1, notes="Letzter Anruf")

    response = client_owner.get(detail_url(contact))

    assert response.text.index("Letzter Anruf") < response.text.index("Erstes Treffen")


def test_it_links_the_other_people_of_a_shared_interaction(client_owner, owner, contact):
    bernd = make_contact(owner, first_name="Bernd", last_name="Krause")
    make_interaction(contact, others=[bernd])

    response = client_owner.get(detail_url(contact))

    assert f'<a href="{detail_url(bernd)}">Bernd Krause</a>' in response.text


def test_it_shortens_a_long_timeline_and_shows_all_on_request(client_owner, contact):
    for n in range(TIMELINE_LENGTH + 2):
        make_interaction(contact, days_ago=n, notes=f"Eintrag-{n:03d}")

    short = client_owner.get(detail_url(contact))
    full = client_owner.get(detail_url(contact), {"timeline": "all"})

    assert short.text.count('<li class="event">') == TIMELINE_LENGTH
    assert "Eintrag-000" in short.text
    assert f"Eintrag-{TIMELINE_LENGTH + 1:03d}" not in short.text
    assert 'href="?timeline=all#activity"' in short.text
    assert full.text.count('<li class="event">') == TIMELINE_LENGTH + 2
    assert 'href="?timeline=all#activity"' not in full.text


def test_it_escapes_html_on_the_detail_page(client_owner, owner):
    contact = make_contact(
        owner,
        first_name="<script>alert(1)</script>",
        notes="<img src=x onerror=alert(2)>",
        how_we_met="<a href='javascript:alert(3)'>klick</a>",
        tags=["<i>x</i>"],
    )
    make_interaction(contact, notes="<script>alert(4)</script>")

    response = client_owner.get(detail_url(contact))

    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "<a href='javascript" not in response.text
    assert "<i>x</i>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in response.text
    assert "&lt;img src=x onerror=alert(2)&gt;" in response.text


def test_it_marks_the_current_category_in_the_switch(client_owner, owner):
    contact = make_contact(owner, category="flamingo")

    response = client_owner.get(detail_url(contact))

    assert 'id="category-switch"' in response.text
    assert pressed_category(response.text) == "flamingo"


# Create.


def test_it_shows_an_empty_form(client_owner):
    response = client_owner.get(CREATE_URL)

    assert response.status_code == 200
    assert 'name="first_name"' in response.text
    assert 'name="tag_names"' in response.text
    assert 'name="link_linkedin"' in response.text


def test_it_creates_a_contact_and_redirects_to_it(client_owner, owner):
    response = client_owner.post(
        CREATE_URL,
        contact_data(
            company="Blaue Fabrik",
            emails="anna@example.com",
            tag_names="Design, Buchclub",
            link_linkedin="linkedin.com/in/anna",
            birthday_day="29",
            birthday_month="2",
        ),
    )

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(contact)
    assert contact.owner == owner
    assert (contact.name, contact.company, contact.emails) == (
        "Anna Weber",
        "Blaue Fabrik",
        ["anna@example.com"],
    )
    assert sorted(t.name for t in contact.tags.all()) == ["Buchclub", "Design"]
    assert contact.links_by_channel() == {"linkedin": "https://linkedin.com/in/anna"}
    assert (contact.birthday_day, contact.birthday_month) == (29, 2)


def test_it_confirms_the_new_contact_on_the_next_page(client_owner):
    response = client_owner.post(CREATE_URL, contact_data(), follow=True)

    assert response.status_code == 200
    assert 'class="msg msg-success"' in response.text
    assert "Anna Weber" in response.text


def test_it_creates_a_contact_over_htmx_and_sends_the_browser_to_it(client_owner, htmx_headers):
    response = client_owner.post(CREATE_URL, contact_data(), **htmx_headers)

    contact = Contact.objects.get()
    assert response.status_code == 204
    assert response["HX-Redirect"] == detail_url(contact)


def test_it_shows_errors_and_saves_nothing_for_bad_input(client_owner):
    response = client_owner.post(
        CREATE_URL,
        contact_data(
            first_name="", last_name="", emails="kaputt@", birthday_day="31", birthday_month="4"
        ),
    )

    assert response.status_code == 422
    assert not Contact.objects.exists()
    assert 'id="id_first_name_error"' in response.text
    assert 'id="id_emails_error"' in response.text
    assert "kaputt@" in response.text
    assert 'id="id_birthday_day_error"' in response.text
    assert 'class="msg msg-error" role="alert"' in response.text


def test_it_shows_errors_over_htmx_with_422(client_owner, htmx_headers):
    response = client_owner.post(
        CREATE_URL, contact_data(first_name="", last_name=""), **htmx_headers
    )

    assert response.status_code == 422
    assert 'id="id_first_name_error"' in response.text
    assert not Contact.objects.exists()


def test_it_keeps_the_typed_input_when_showing_errors(client_owner):
    response = client_owner.post(
        CREATE_URL, contact_data(company="Blaue Fabrik", link_website="kein link")
    )

    assert response.status_code == 422
    assert 'value="Blaue Fabrik"' in response.text
    assert 'id="id_link_website_error"' in response.text


def test_it_escapes_html_typed_into_a_form_with_errors(client_owner):
    response = client_owner.post(
        CREATE_URL, contact_data(company="<script>alert(1)</script>", emails="<b>x</b>")
    )

    assert response.status_code == 422
    assert "<script>alert(1)</script>" not in response.text
    assert "<b>x</b>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_it_follows_a_next_link_inside_the_site(client_owner):
    response = client_owner.post(CREATE_URL, {**contact_data(), "next": "/contacts/?sort=newest"})

    assert response.url == "/contacts/?sort=newest"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_it_ignores_a_next_link_to_another_site(client_owner, target):
    response = client_owner.post(CREATE_URL, {**contact_data(), "next": target})

    assert response.url == detail_url(Contact.objects.get())


# Edit.


def test_it_shows_the_contact_in_the_edit_form(client_owner, owner):
    contact = make_contact(owner, first_name="Anna", company="Blaue Fabrik", tags=["Design"])

    response = client_owner.get(edit_url(contact))

    assert response.status_code == 200
    assert 'value="Blaue Fabrik"' in response.text
    assert 'value="Design"' in response.text


def test_it_saves_changes_and_redirects_to_the_contact(client_owner, contact):
    response = client_owner.post(
        edit_url(contact), contact_data(first_name="Anna", company="Rote Fabrik", tag_names="UX")
    )

    assert response.status_code == 302
    assert response.url == detail_url(contact)
    contact.refresh_from_db()
    assert contact.company == "Rote Fabrik"
    assert [t.name for t in contact.tags.all()] == ["UX"]
    assert set(Contact.objects.search("rote").values_list("pk", flat=True)) == {contact.pk}


def test_it_saves_changes_over_htmx(client_owner, contact, htmx_headers):
    response = client_owner.post(edit_url(contact), contact_data(city="Jena"), **htmx_headers)

    assert response.status_code == 204
    assert response["HX-Redirect"] == detail_url(contact)
    assert Contact.objects.get(pk=contact.pk).city == "Jena"


def test_it_keeps_the_contact_unchanged_for_bad_input(client_owner, contact):
    response = client_owner.post(
        edit_url(contact), contact_data(first_name="", last_name="", city="Jena")
    )

    assert response.status_code == 422
    assert 'id="id_first_name_error"' in response.text
    contact.refresh_from_db()
    assert (contact.first_name, contact.city) == ("Anna", "")


def test_it_keeps_the_outsider_from_editing(client_outsider, contact):
    response = client_outsider.post(edit_url(contact), contact_data(first_name="Gehackt"))

    assert response.status_code == 404
    assert Contact.objects.get(pk=contact.pk).first_name == "Anna"


def test_it_keeps_the_log_derived_fields_when_editing(client_owner, contact):
    make_interaction(contact, days_ago=3, notes="Kaffee am Markt")
    before = Contact.objects.get(pk=contact.pk).last_contacted_on

    client_owner.post(edit_url(contact), contact_data(notes="Neue Notiz"))

    contact.refresh_from_db()
    assert contact.last_contacted_on == before
    assert set(Contact.objects.search("markt neue").values_list("pk", flat=True)) == {contact.pk}


# Delete.


def test_it_asks_before_deleting(client_owner, contact):
    response = client_owner.get(delete_url(contact))

    assert response.status_code == 200
    assert "Anna Weber" in response.text
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_it_deletes_and_returns_to_the_list(client_owner, contact):
    response = client_owner.post(delete_url(contact))

    assert response.status_code == 302
    assert response.url == reverse("contacts:list")
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_it_deletes_over_htmx(client_owner, contact, htmx_headers):
    response = client_owner.post(delete_url(contact), **htmx_headers)

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("contacts:list")
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_it_keeps_shared_interactions_when_deleting(client_owner, owner, contact):
    bernd = make_contact(owner)
    shared = make_interaction(contact, others=[bernd])
    alone = make_interaction(contact)

    client_owner.post(delete_url(contact))

    assert Interaction.objects.filter(pk=shared.pk).exists()
    assert not Interaction.objects.filter(pk=alone.pk).exists()


def test_it_keeps_the_outsider_from_deleting(client_outsider, contact):
    assert client_outsider.post(delete_url(contact)).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


# Category switch.


def pressed_category(html: str) -> str:
    (value,) = re.findall(r'value="(\w+)" class="seg[^"]*" aria-pressed="true"', html)
    return value


def test_it_shows_the_category_page_without_javascript(client_owner, contact):
    response = client_owner.get(category_url(contact))

    assert response.status_code == 200
    assert response.text.count('name="category"') == 3


def test_it_switches_the_category_and_redirects_to_the_contact(client_owner, contact):
    response = client_owner.post(category_url(contact), {"category": "einhorn"})

    assert response.status_code == 302
    assert response.url == detail_url(contact)
    contact.refresh_from_db()
    assert contact.category == "einhorn"
    assert contact.triaged_at is not None


def test_it_returns_the_switch_with_the_new_state_over_htmx(client_owner, contact, htmx_headers):
    response = client_owner.post(category_url(contact), {"category": "flamingo"}, **htmx_headers)

    assert response.status_code == 200
    # The whole header is swapped, so the avatar's colour follows the new category too.
    assert response.text.lstrip().startswith('<header class="contact-head card" id="contact-head"')
    assert "<html" not in response.text
    assert 'id="activity"' not in response.text
    assert 'id="category-switch"' in response.text
    assert 'class="avatar big cat-flamingo"' in response.text
    assert pressed_category(response.text) == "flamingo"
    assert response.text.count('aria-pressed="true"') == 1
    assert Contact.objects.get(pk=contact.pk).category == "flamingo"


def test_it_can_switch_back_to_pinguin(client_owner, owner, htmx_headers):
    contact = make_contact(owner, category="einhorn")

    response = client_owner.post(category_url(contact), {"category": "pinguin"}, **htmx_headers)

    assert pressed_category(response.text) == "pinguin"
    assert Contact.objects.get(pk=contact.pk).category == "pinguin"


@pytest.mark.parametrize("data", [{"category": "drache"}, {}])
def test_it_rejects_an_unknown_category(client_owner, contact, data):
    response = client_owner.post(category_url(contact), data)

    assert response.status_code == 422
    contact.refresh_from_db()
    assert contact.category == "pinguin"
    assert contact.triaged_at is None


def test_it_keeps_the_outsider_from_switching_the_category(client_outsider, contact, htmx_headers):
    response = client_outsider.post(category_url(contact), {"category": "einhorn"}, **htmx_headers)

    assert response.status_code == 404
    assert Contact.objects.get(pk=contact.pk).category == "pinguin"


@pytest.mark.parametrize("name", ["detail", "edit", "delete", "category"])
def test_it_serves_a_contacts_pages_to_htmx_requests_too(client_owner, contact, htmx_headers, name):
    response = client_owner.get(reverse(f"contacts:{name}", args=[contact.pk]), **htmx_headers)

    assert response.status_code == 200
    assert "Anna Weber" in response.text


def test_it_serves_the_new_contact_form_to_htmx_requests_too(client_owner, htmx_headers):
    response = client_owner.get(CREATE_URL, **htmx_headers)

    assert response.status_code == 200
    assert 'name="first_name"' in response.text
