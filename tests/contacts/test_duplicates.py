"""Likely duplicates (contacts/duplicates.py) and their page: pairs by shared keys and close
names, dismissed pairs left out, a fixed number of queries."""

import pytest
from django.urls import reverse

from contacts.duplicates import MAX_GROUP, likely_duplicates
from contacts.models import Contact, NotDuplicate
from contacts.normalise import phone_key, quick_phone_key
from tests.factories import make_contact

URL = reverse("contacts:duplicates")
DISMISS = reverse("contacts:not_duplicate")


def reasons_of(owner) -> dict[tuple[int, int], list[str]]:
    return {(p.a, p.b): p.describe() for p in likely_duplicates(owner)}


def test_a_shared_email_in_another_case_is_a_pair(owner):
    a = make_contact(owner, first_name="Anna", emails=["Anna.Adler@Example.com"])
    b = make_contact(owner, first_name="A.", last_name="Xu", emails=["anna.adler@example.com"])

    assert reasons_of(owner) == {(a.pk, b.pk): ["Gleiche E-Mail-Adresse: anna.adler@example.com"]}


def test_a_shared_phone_number_in_another_notation_is_a_pair(owner):
    a = make_contact(owner, first_name="Bea", last_name="Berg", phones=["0171 / 123 45-67"])
    b = make_contact(owner, first_name="Carl", last_name="Cole", phones=["+49 (0)171 1234567"])

    assert reasons_of(owner) == {(a.pk, b.pk): ["Gleiche Telefonnummer: +49 171 1234567"]}


def test_the_same_profile_written_differently_is_a_pair(owner):
    a = make_contact(owner, first_name="Dora", last_name="Dahl")
    a.set_links({"linkedin": "https://de.linkedin.com/in/Dora-Dahl/"})
    b = make_contact(owner, first_name="Dee", last_name="Unknown")
    b.set_links({"linkedin": "linkedin.com/in/dora-dahl"})

    assert reasons_of(owner) == {(a.pk, b.pk): ["Gleiches Profil: linkedin.com/in/dora-dahl"]}


def test_names_the_same_after_folding_and_with_the_same_company(owner):
    a = make_contact(owner, first_name="Jürgen", last_name="Weiß", company="Weiß & Söhne")
    b = make_contact(owner, first_name="Dr. Juergen", last_name="Weiss", company="Weiss & Soehne")
    c = make_contact(owner, first_name="Weiss", last_name="Jürgen")

    assert reasons_of(owner) == {
        (a.pk, b.pk): ["Gleicher Name und gleiche Firma"],
        (a.pk, c.pk): ["Gleicher Name"],
        (b.pk, c.pk): ["Gleicher Name"],
    }


def test_close_names_are_a_pair_and_different_names_are_not(owner):
    a = make_contact(owner, first_name="Katharina", last_name="Schmidt")
    b = make_contact(owner, first_name="Katarina", last_name="Schmitt")
    make_contact(owner, first_name="Bernd", last_name="Schulz")
    make_contact(owner, first_name="Katharina", last_name="Becker")

    found = reasons_of(owner)

    assert list(found) == [(a.pk, b.pk)]
    assert found[(a.pk, b.pk)][0].startswith("Ähnliche Namen")


def test_a_key_shared_by_many_says_nothing(owner):
    for n in range(MAX_GROUP + 1):
        make_contact(owner, first_name=f"Person{n}", last_name=f"Q{n}x", phones=["030 123456"])

    assert reasons_of(owner) == {}


def test_another_users_contacts_are_never_paired(owner, outsider):
    make_contact(owner, first_name="Eva", last_name="Ernst", emails=["eva@example.com"])
    make_contact(outsider, first_name="Eva", last_name="Ernst", emails=["eva@example.com"])

    assert reasons_of(owner) == {}


def test_a_dismissed_pair_is_not_offered_again(owner, client_owner):
    a = make_contact(owner, first_name="Finn", last_name="Falk")
    b = make_contact(owner, first_name="Finn", last_name="Falk")

    response = client_owner.post(DISMISS, {"a": b.pk, "b": a.pk})

    assert response.status_code == 302 and response.url == URL
    assert NotDuplicate.objects.get().contact_a == a
    assert reasons_of(owner) == {}
    assert "zwei Personen" in client_owner.get(URL).text


def test_dismissing_with_htmx_removes_the_row(owner, client_owner, htmx_headers):
    a = make_contact(owner, first_name="Gus", last_name="Gold")
    b = make_contact(owner, first_name="Gus", last_name="Gold")

    response = client_owner.post(DISMISS, {"a": a.pk, "b": b.pk}, **htmx_headers)

    assert response.status_code == 200 and response.content == b""
    assert "zwei Personen" in response["HX-Trigger"]
    # Twice is fine: the pair is remembered once.
    client_owner.post(DISMISS, {"a": a.pk, "b": b.pk}, **htmx_headers)
    assert NotDuplicate.objects.count() == 1


def test_dismissing_someone_elses_pair_is_a_404(owner, outsider, client_outsider):
    a = make_contact(owner, first_name="Hal", last_name="Hahn")
    theirs = make_contact(outsider)

    assert client_outsider.post(DISMISS, {"a": a.pk, "b": theirs.pk}).status_code == 404
    assert client_outsider.post(DISMISS, {"a": "x", "b": theirs.pk}).status_code == 404
    assert not NotDuplicate.objects.exists()


def test_dismissing_needs_a_post(client_owner):
    assert client_owner.get(DISMISS).status_code == 405


def test_a_merged_contact_keeps_the_dismissals_of_the_other(owner):
    survivor = make_contact(owner, first_name="Ida", last_name="Iske")
    other = make_contact(owner, first_name="Ida", last_name="Iske")
    namesake = make_contact(owner, first_name="Ida", last_name="Iske")
    NotDuplicate.objects.dismiss(owner, other, namesake)
    NotDuplicate.objects.dismiss(owner, survivor, other)

    Contact.objects.merge(survivor, other)

    assert NotDuplicate.objects.for_owner(owner).pairs() == {(survivor.pk, namesake.pk)}
    assert reasons_of(owner) == {}


def test_the_page_shows_each_pair_with_its_reasons_and_a_merge_link(owner, client_owner):
    a = make_contact(owner, first_name="Jana", last_name="Jung", company="Jung GmbH")
    b = make_contact(owner, first_name="Jana", last_name="Jung", company="Jung GmbH")

    html = client_owner.get(URL).text

    assert "Gleicher Name und gleiche Firma" in html
    assert f"{reverse('contacts:merge')}?a={a.pk}&amp;b={b.pk}&amp;next=" in html


def test_the_contact_list_and_the_desk_link_to_it(client_owner):
    for page in ("contacts:list", "contacts:desk"):
        assert f'href="{URL}"' in client_owner.get(reverse(page)).text


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("pairs", [3, 30])
def test_the_page_runs_a_fixed_number_of_queries(
    owner, client_owner, pairs, django_assert_max_num_queries
):
    for n in range(pairs):
        for _twice in range(2):
            contact = make_contact(owner, first_name=f"Name{n}", last_name=f"Z{n:03d}q")
            contact.set_links({"xing": f"https://www.xing.com/profile/p{n}"})
    with django_assert_max_num_queries(7):
        response = client_owner.get(URL)
    assert response.text.count('class="card dup-pair"') == pairs


@pytest.mark.parametrize(
    "spelling",
    [
        "030 123456",
        "+49 (0)30 123456",
        "0049 30 / 123-456",
        "tel:+4930123456",
        "(03449) 78690",
        "+49 030 123456",
        "0171 1234567 ext. 12",
        "+1 (555) 123-4567",
        "+44 (0)20 7946 0958",
        "0044 20 7946 0958",
        "00430 32548",
        "+43 1 58858-0",
    ],
)
def test_the_quick_phone_key_is_the_e164_of_phone_key(spelling):
    assert quick_phone_key(spelling) == phone_key(spelling)
