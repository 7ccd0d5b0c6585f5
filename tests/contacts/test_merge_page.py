"""The merge page: two contacts side by side, a choice per differing field, the merge."""

import pytest
from django.urls import reverse

from contacts.models import Contact, Tag
from tests.factories import make_contact, make_interaction

URL = reverse("contacts:merge")
DESK = reverse("contacts:desk")


@pytest.fixture
def pair(owner):
    survivor = make_contact(
        owner,
        first_name="Jürgen",
        last_name="Weiss",
        emails=["juergen@example.com"],
        tags=["Design"],
    )
    other = make_contact(
        owner,
        first_name="Jürgen",
        last_name="Weiß",
        company="Weiß & Söhne",
        emails=["JUERGEN@example.com", "jw@studio.example"],
        tags=["Köln"],
    )
    survivor.set_links({"linkedin": "https://www.linkedin.com/in/jw-alt"})
    other.set_links(
        {"linkedin": "https://www.linkedin.com/in/jw", "xing": "https://www.xing.com/profile/jw"}
    )
    return survivor, other


def page(survivor, other, **extra) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"a": survivor.pk, "b": other.pk, **extra}.items())
    return f"{URL}?{query}"


def test_it_shows_both_with_a_choice_per_differing_field(client_owner, pair):
    survivor, other = pair

    response = client_owner.get(page(survivor, other))

    html = response.text
    assert response.status_code == 200
    assert html.count('type="radio"') == 2 * 3  # last name, company, LinkedIn
    assert 'name="last_name" value="survivor" ' in html and "Weiß" in html
    # A blank company: the other's value is picked unless the user says otherwise.
    assert 'name="company" value="other" checked' in html.replace('id="id_company_1" ', "")
    assert 'name="first_name"' not in html
    # The lists are shown united, once each.
    assert "juergen@example.com, jw@studio.example" in html
    assert "Design, Köln" in html
    assert "https://www.xing.com/profile/jw" in html


def test_a_post_merges_with_the_picked_values_and_shows_the_merged_contact(client_owner, pair):
    survivor, other = pair
    make_interaction(other, notes="Typografie-Abend")

    response = client_owner.post(
        URL, {"a": survivor.pk, "b": other.pk, "last_name": "other", "link:linkedin": "other"}
    )

    assert response.status_code == 302 and response.url == survivor.get_absolute_url()
    merged = Contact.objects.get(pk=survivor.pk)
    assert (merged.last_name, merged.company) == ("Weiß", "Weiß & Söhne")
    assert merged.links_by_channel()["linkedin"] == "https://www.linkedin.com/in/jw"
    assert merged.interactions.filter(notes="Typografie-Abend").exists()
    assert not Contact.objects.filter(pk=other.pk).exists()
    assert "sind jetzt ein Kontakt" in client_owner.get(response.url).text


def test_sending_the_form_twice_says_they_are_merged_already(client_owner, pair):
    survivor, other = pair
    data = {"a": survivor.pk, "b": other.pk}
    client_owner.post(URL, data)

    again = client_owner.post(URL, data, follow=True)

    assert again.status_code == 200
    assert again.redirect_chain[-1][0] == survivor.get_absolute_url()
    assert "bereits ein Kontakt" in again.text


def test_a_post_for_a_contact_merged_elsewhere_is_a_404(client_owner, owner, pair):
    survivor, other = pair
    Contact.objects.merge(survivor, other)

    response = client_owner.post(URL, {"a": survivor.pk, "b": other.pk})

    assert response.status_code == 404


def test_an_htmx_post_redirects_with_hx_redirect(client_owner, pair, htmx_headers):
    survivor, other = pair

    response = client_owner.post(URL, {"a": survivor.pk, "b": other.pk}, **htmx_headers)

    assert response["HX-Redirect"] == survivor.get_absolute_url()


def test_an_unknown_choice_is_an_error_and_merges_nothing(client_owner, pair):
    survivor, other = pair

    response = client_owner.post(URL, {"a": survivor.pk, "b": other.pk, "last_name": "both"})

    assert response.status_code == 422
    assert 'class="error"' in response.text
    assert Contact.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(
    "query", ["", "?a=1", "?a=x&b=2", "?a=%C2%B2&b=1", "?a=99999999999999999999&b=1"]
)
def test_ids_that_are_missing_or_not_numbers_are_a_404(client_owner, pair, query):
    assert client_owner.get(URL + query).status_code == 404


def test_the_same_contact_twice_is_a_404(client_owner, pair):
    survivor, _other = pair
    assert client_owner.get(page(survivor, survivor)).status_code == 404


def test_an_outsider_gets_a_404_and_nothing_is_merged(client_outsider, outsider, pair):
    survivor, other = pair
    theirs = make_contact(outsider)

    assert client_outsider.get(page(survivor, other)).status_code == 404
    assert client_outsider.get(page(theirs, other)).status_code == 404
    for a, b in ((theirs, other), (other, survivor)):
        assert client_outsider.post(URL, {"a": a.pk, "b": b.pk}).status_code == 404
    assert Contact.objects.filter(pk=other.pk).exists()


def test_it_requires_login(client, pair):
    survivor, other = pair
    assert client.get(page(survivor, other)).status_code == 302


def test_a_wrong_method_is_a_405(client_owner, pair):
    survivor, other = pair
    assert client_owner.put(page(survivor, other)).status_code == 405


def test_cancel_goes_back_to_where_the_user_came_from(client_owner, pair):
    survivor, other = pair

    html = client_owner.get(page(survivor, other, next=f"{DESK}?category=pinguin")).text

    assert f'href="{DESK}?category=pinguin"' in html


def test_two_ticked_on_the_desk_open_the_merge_page(client_owner, pair):
    survivor, other = pair

    response = client_owner.post(
        reverse("contacts:bulk"), {"action": "merge", "contacts": [other.pk, survivor.pk]}
    )

    assert response.url.startswith(f"{URL}?a={survivor.pk}&b={other.pk}")


def test_the_page_runs_a_fixed_number_of_queries(
    client_owner, owner, pair, django_assert_max_num_queries
):
    survivor, other = pair
    for n in range(30):
        make_interaction(other, days_ago=n)
    other.set_tags(Tag.objects.get_or_create_named(owner, [f"Tag {n}" for n in range(20)]))
    with django_assert_max_num_queries(8):
        client_owner.get(page(survivor, other))


def test_the_form_of_address_and_the_drafts_language_are_choices_too(client_owner, owner):
    survivor = make_contact(owner, first_name="Jürgen", address_form="du")
    other = make_contact(owner, first_name="Jürgen", address_form="sie", message_language="en")

    html = client_owner.get(page(survivor, other)).text
    response = client_owner.post(
        URL, {"a": survivor.pk, "b": other.pk, "address_form": "other", "message_language": "other"}
    )

    assert "du (vertraut)" in html and "Sie (förmlich)" in html and "Englisch" in html
    assert response.status_code == 302
    survivor.refresh_from_db()
    assert (survivor.address_form, survivor.message_language) == ("sie", "en")
