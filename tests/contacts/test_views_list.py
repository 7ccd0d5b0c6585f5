"""The contact list: live search, filters, sorts and "load more"."""

import base64
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Tag
from contacts.paging import PAGE_SIZE
from tests.factories import make_contact, make_interaction, make_tag

URL = reverse("contacts:list")


@pytest.fixture
def results_headers(htmx_headers) -> dict:
    return {**htmx_headers, "HTTP_HX_TARGET": "results"}


def row_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="row" id="contact-(\d+)"', response.text)]


def next_link(response) -> str | None:
    match = re.search(
        r'<li class="more" id="load-more">\s*<a class="button" href="([^"]+)"', response.text
    )
    return match.group(1).replace("&amp;", "&") if match else None


def test_it_requires_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/contacts/" in response.url


def test_it_requires_login_for_htmx_requests(client, htmx_headers):
    response = client.get(URL, **htmx_headers)

    # A whole-page redirect, not the login form swapped into the results.
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_it_allows_only_get(client_owner, method):
    assert getattr(client_owner, method)(URL).status_code == 405


def test_it_lists_the_owners_contacts_on_a_full_page(client_owner, owner, outsider):
    anna = make_contact(owner, first_name="Anna", last_name="Weber", company="Blaue Fabrik")
    make_contact(outsider, first_name="Quirin", last_name="Outsiderson")

    response = client_owner.get(URL)

    assert response.status_code == 200
    assert response.text.lstrip().startswith("<!doctype html>")
    assert row_ids(response) == [anna.pk]
    assert "Anna Weber" in response.text
    assert "Blaue Fabrik" in response.text
    assert "Outsiderson" not in response.text


def test_it_shows_the_outsider_none_of_the_owners_contacts(client_outsider, owner):
    make_contact(owner, first_name="Geheim", last_name="Sache")

    response = client_outsider.get(URL)

    assert response.status_code == 200
    assert row_ids(response) == []
    assert "Geheim" not in response.text
    # The empty state offers to add the first contact.
    assert reverse("contacts:create") in response.text


def test_it_shows_tags_and_last_contact_on_each_row(client_owner, owner):
    contact = make_contact(owner, tags=["Buchclub"])
    make_interaction(contact, days_ago=0)

    response = client_owner.get(URL)

    assert '<span class="tag">Buchclub</span>' in response.text
    assert str(timezone.localdate().year) in response.text
    assert f'href="{reverse("contacts:log", args=[contact.pk])}?next=' in response.text


def test_each_row_shows_role_company_and_city_with_a_separator_only_between_them(
    client_owner, owner
):
    make_contact(owner, last_name="A", role="Lektorin", company="Verlag", city="Köln")
    make_contact(owner, last_name="B", city="Bonn")
    make_contact(owner, last_name="C", role="Koch", city="Ulm")
    make_contact(owner, last_name="D", status="wish", company="Werft")

    response = client_owner.get(URL)

    subs = re.findall(r'<span class="row-sub">([^<]*)</span>', response.text)
    assert subs == ["Lektorin · Verlag · Köln", "Bonn", "Koch · Ulm", "Werft"]
    assert response.text.count('<span class="pill">Wunsch</span>') == 1


def test_it_escapes_html_in_names_and_companies(client_owner, owner):
    make_contact(
        owner, first_name="<script>alert(1)</script>", company='<img src=x onerror="alert(2)">'
    )

    response = client_owner.get(URL)

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in response.text


def test_it_escapes_html_in_tag_names(client_owner, owner):
    make_contact(owner, tags=["<b>fett</b>"])

    response = client_owner.get(URL)

    assert "<b>fett</b>" not in response.text
    assert "&lt;b&gt;fett&lt;/b&gt;" in response.text


def test_it_searches_with_a_plain_request(client_owner, owner):
    mueller = make_contact(owner, first_name="Jana", last_name="Müller")
    make_contact(owner, first_name="Jan", last_name="Albers")

    response = client_owner.get(URL, {"q": "mueller"})

    assert response.status_code == 200
    assert row_ids(response) == [mueller.pk]
    assert 'value="mueller"' in response.text


def test_it_answers_the_live_search_with_the_results_fragment(client_owner, owner, results_headers):
    mueller = make_contact(owner, first_name="Jana", last_name="Müller")
    make_contact(owner, first_name="Jan", last_name="Albers")

    response = client_owner.get(URL, {"q": "muller"}, **results_headers)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="results"')
    assert "<html" not in response.text
    assert 'id="id_q"' not in response.text
    assert row_ids(response) == [mueller.pk]


def test_it_answers_an_htmx_request_for_another_target_with_the_full_page(
    client_owner, owner, htmx_headers
):
    make_contact(owner)

    response = client_owner.get(URL, **htmx_headers, HTTP_HX_TARGET="main")

    assert "<html" in response.text


def test_it_searches_tags_company_city_and_notes(client_owner, owner, results_headers):
    by_tag = make_contact(owner, tags=["Buchclub"])
    by_company = make_contact(owner, company="Buchclub GmbH")
    by_city = make_contact(owner, city="Buchclubhausen")
    by_notes = make_contact(owner, notes="Trifft sich im Buchclub")
    by_interaction = make_contact(owner)
    make_interaction(by_interaction, notes="Beim Buchclub getroffen")
    make_contact(owner, first_name="Niemand")

    response = client_owner.get(URL, {"q": "buchclub"}, **results_headers)

    assert set(row_ids(response)) == {
        by_tag.pk,
        by_company.pk,
        by_city.pk,
        by_notes.pk,
        by_interaction.pk,
    }


def test_it_requires_every_search_word(client_owner, owner, results_headers):
    anna_berlin = make_contact(owner, first_name="Anna", city="Berlin")
    make_contact(owner, first_name="Anna", city="Hamburg")

    response = client_owner.get(URL, {"q": "anna berlin"}, **results_headers)

    assert row_ids(response) == [anna_berlin.pk]


def test_it_says_so_when_nothing_matches(client_owner, owner, results_headers):
    owner.language = "en"
    owner.save()
    make_contact(owner, first_name="Anna")

    response = client_owner.get(URL, {"q": "zzz"}, **results_headers)

    assert row_ids(response) == []
    assert "No contact matches" in response.text


def test_it_filters_by_category(client_owner, owner, results_headers):
    einhorn = make_contact(owner, category="einhorn")
    make_contact(owner, category="flamingo")
    make_contact(owner, category="pinguin")

    response = client_owner.get(URL, {"category": "einhorn"}, **results_headers)

    assert row_ids(response) == [einhorn.pk]


def test_it_filters_by_tag(client_owner, owner, results_headers):
    tagged = make_contact(owner, tags=["Design"])
    make_contact(owner, tags=["Buchclub"])
    make_contact(owner)
    design = owner.tags.get(name="Design")

    response = client_owner.get(URL, {"tag": design.pk}, **results_headers)

    assert row_ids(response) == [tagged.pk]


def test_it_shows_nothing_for_another_users_tag(client_owner, owner, outsider, results_headers):
    make_contact(owner)
    theirs = make_tag(outsider, "Geheim")
    make_contact(outsider).tags.add(theirs)

    response = client_owner.get(URL, {"tag": theirs.pk}, **results_headers)

    assert row_ids(response) == []


TAG_OPTIONS = reverse("contacts:tag_options")


def test_it_offers_only_the_owners_tags_as_filter(client_owner, owner, outsider):
    make_tag(owner, "Meins")
    make_tag(outsider, "Fremdes")

    response = client_owner.get(TAG_OPTIONS)

    assert response.status_code == 200
    assert ">Meins</option>" in response.text
    assert "Fremdes" not in response.text
    assert f'data-options-url="{TAG_OPTIONS}"' in client_owner.get(URL).text


def test_the_tag_filter_escapes_tag_names_and_keeps_the_chosen_tag_selected(client_owner, owner):
    other = make_tag(owner, "Andere")
    chosen = make_tag(owner, '<b>Kunst & "Kultur"</b>')

    page = client_owner.get(URL, {"tag": chosen.pk})
    options = client_owner.get(TAG_OPTIONS, {"selected": chosen.pk})

    escaped = "&lt;b&gt;Kunst &amp; &quot;Kultur&quot;&lt;/b&gt;"
    # The page carries the chosen tag; the rest come when the filter is opened.
    assert f'<option value="{chosen.pk}" selected>{escaped}</option>' in page.text
    assert f'data-options-url="{TAG_OPTIONS}?selected={chosen.pk}"' in page.text
    assert "Andere" not in page.text
    assert f'<option value="{chosen.pk}" selected>{escaped}</option>' in options.text
    assert f'<option value="{other.pk}">Andere</option>' in options.text
    assert "<b>Kunst" not in page.text + options.text


def test_the_list_does_not_grow_with_the_number_of_tags(client_owner, owner):
    for n in range(20):
        make_contact(owner, tags=[f"Thema {n}"])
    few = len(client_owner.get(URL).content)

    Tag.objects.bulk_create(Tag(owner=owner, name=f"Schlagwort {n:03}") for n in range(500))
    many = client_owner.get(URL)

    assert "Schlagwort" not in many.text
    assert len(many.content) == few
    assert len(client_owner.get(TAG_OPTIONS).content) > 500 * len('<option value="1">')


def test_a_tag_of_someone_else_is_never_shown_as_chosen(client_owner, outsider):
    theirs = make_tag(outsider, "Fremdes")

    page = client_owner.get(URL, {"tag": theirs.pk})

    assert "Fremdes" not in page.text


def test_the_filters_kept_rendered_for_one_user_never_show_another_users_tag(
    client_owner, client_outsider, outsider
):
    """The list's head and filters are kept rendered per query string ({% cache %}); the
    same address asked by another user must not bring the first one's tag with it."""
    theirs = make_tag(outsider, "Fremdes")

    assert f'<option value="{theirs.pk}" selected>Fremdes</option>' in (
        client_outsider.get(URL, {"tag": theirs.pk}).text
    )
    assert "Fremdes" not in client_owner.get(URL, {"tag": theirs.pk}).text


def test_the_filters_show_a_renamed_tag_and_the_users_language(client_owner, owner):
    chosen = make_tag(owner, "Alt")
    assert ">Alt</option>" in client_owner.get(URL, {"tag": chosen.pk}).text

    chosen.name = "Neu"
    chosen.save()
    page = client_owner.get(URL, {"tag": chosen.pk}).text
    assert f'<option value="{chosen.pk}" selected>Neu</option>' in page
    assert ">Alt<" not in page

    owner.language = "en"
    owner.save()
    assert ">All categories</option>" in client_owner.get(URL, {"tag": chosen.pk}).text


def test_the_tag_options_answer_304_while_unchanged(client_owner, owner):
    make_tag(owner, "Meins")
    first = client_owner.get(TAG_OPTIONS)
    etag = first["ETag"]

    assert etag.startswith('W/"')
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert client_owner.get(TAG_OPTIONS, HTTP_IF_NONE_MATCH=etag).status_code == 304

    make_tag(owner, "Neu")

    changed = client_owner.get(TAG_OPTIONS, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert ">Neu</option>" in changed.text


def test_the_tag_options_need_login_and_a_get(client, client_owner):
    assert client.get(TAG_OPTIONS).status_code == 302
    assert client_owner.post(TAG_OPTIONS).status_code == 405


def test_it_hides_archived_contacts_unless_asked(client_owner, owner, results_headers):
    active = make_contact(owner, status="active")
    wish = make_contact(owner, status="wish")
    archived = make_contact(owner, status="archived")

    def listed(**params):
        return set(row_ids(client_owner.get(URL, params, **results_headers)))

    assert listed() == {active.pk, wish.pk}
    assert listed(status="archived") == {archived.pk}
    assert listed(status="wish") == {wish.pk}
    assert listed(status="all") == {active.pk, wish.pk, archived.pk}


def test_it_combines_search_and_filters(client_owner, owner, results_headers):
    match = make_contact(owner, first_name="Anna", category="einhorn", tags=["UX"])
    make_contact(owner, first_name="Anna", category="flamingo", tags=["UX"])
    make_contact(owner, first_name="Bernd", category="einhorn", tags=["UX"])
    ux = owner.tags.get(name="UX")

    response = client_owner.get(
        URL, {"q": "anna", "category": "einhorn", "tag": ux.pk}, **results_headers
    )

    assert row_ids(response) == [match.pk]


@pytest.fixture
def dated(owner):
    """Four people: by name Albers, Berger, Claus, Dorn; contacted 5, never, 1, 30 days ago."""
    albers = make_contact(owner, first_name="A", last_name="Albers")
    berger = make_contact(owner, first_name="B", last_name="Berger")
    claus = make_contact(owner, first_name="C", last_name="Claus")
    dorn = make_contact(owner, first_name="D", last_name="Dorn")
    make_interaction(albers, days_ago=5)
    make_interaction(claus, days_ago=1)
    make_interaction(dorn, days_ago=30)
    return albers, berger, claus, dorn


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("", [0, 1, 2, 3]),
        ("name", [0, 1, 2, 3]),
        ("recent", [2, 0, 3, 1]),
        ("longest", [1, 3, 0, 2]),
        ("newest", [3, 2, 1, 0]),
    ],
)
def test_it_sorts_the_list(client_owner, dated, results_headers, sort, order):
    response = client_owner.get(URL, {"sort": sort}, **results_headers)

    assert row_ids(response) == [dated[i].pk for i in order]


def test_it_keeps_the_chosen_sort_selected(client_owner, dated):
    response = client_owner.get(URL, {"sort": "longest"})

    assert '<option value="longest" selected>' in response.text


def test_it_resets_filters_it_does_not_understand(client_owner, owner, results_headers):
    owner.language = "en"
    owner.save()
    everyone = {make_contact(owner).pk, make_contact(owner).pk}

    response = client_owner.get(URL, {"sort": "random", "tag": "abc"})

    assert response.status_code == 200
    assert set(row_ids(response)) == everyone
    assert "Some filters were not understood" in response.text


# Load more.


@pytest.fixture
def many(owner) -> list:
    return [
        make_contact(owner, first_name="P", last_name=f"Person{n:03d}")
        for n in range(PAGE_SIZE + 7)
    ]


def test_it_shows_the_first_page_with_a_load_more_link(client_owner, many):
    response = client_owner.get(URL)

    assert row_ids(response) == [c.pk for c in many[:PAGE_SIZE]]
    assert next_link(response) is not None
    assert 'hx-target="#load-more"' in response.text


def test_it_loads_the_next_rows_as_a_fragment(client_owner, many, htmx_headers):
    link = next_link(client_owner.get(URL))

    response = client_owner.get(URL + link, **htmx_headers)

    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="results"' not in response.text
    assert row_ids(response) == [c.pk for c in many[PAGE_SIZE:]]
    assert next_link(response) is None


def test_it_loads_the_next_page_without_javascript(client_owner, many):
    link = next_link(client_owner.get(URL))

    response = client_owner.get(URL + link)

    assert "<html" in response.text
    assert row_ids(response) == [c.pk for c in many[PAGE_SIZE:]]


def test_it_keeps_search_and_sort_in_the_load_more_link(client_owner, owner, htmx_headers):
    wanted = [
        make_contact(owner, first_name="Kim", last_name=f"Treffer{n:03d}")
        for n in range(PAGE_SIZE + 3)
    ]
    make_contact(owner, first_name="Zoe", last_name="Andere")

    first = client_owner.get(URL, {"q": "kim", "sort": "newest"})
    link = next_link(first)
    second = client_owner.get(URL + link, **htmx_headers)

    assert "q=kim" in link
    assert "sort=newest" in link
    newest_first = [c.pk for c in reversed(wanted)]
    assert row_ids(first) + row_ids(second) == newest_first


@pytest.mark.parametrize(
    "after",
    [
        "garbage",
        base64.urlsafe_b64encode(b"[1e400]").decode(),
        base64.urlsafe_b64encode(b'["x", "y"]').decode(),
        "x" * 501,
    ],
)
def test_it_starts_over_when_the_page_link_was_tampered_with(client_owner, owner, after):
    owner.language = "en"
    owner.save()
    everyone = [make_contact(owner, last_name=f"Name{n}") for n in range(3)]

    response = client_owner.get(URL, {"after": after})

    assert response.status_code == 200
    assert "<html" in response.text
    assert set(row_ids(response)) == {c.pk for c in everyone}
    assert "showing the start instead" in response.text or "were reset" in response.text


def test_it_announces_a_tampered_page_link_to_htmx_as_a_toast(client_owner, owner, htmx_headers):
    make_contact(owner)

    response = client_owner.get(URL, {"after": "garbage"}, **htmx_headers, HTTP_HX_TARGET="results")

    assert response.status_code == 200
    assert '"messages"' in response.headers["HX-Trigger"]


def test_typing_shows_the_first_20_matches_and_load_more_goes_on_from_there(
    client_owner, owner, results_headers, htmx_headers
):
    team = [make_contact(owner, first_name=f"Kai{n:02}", last_name="Sommer") for n in range(75)]
    make_contact(owner, first_name="Other", last_name="Winter")

    typed = client_owner.get(URL, {"q": "somm"}, **results_headers)
    more = client_owner.get(URL + next_link(typed), **htmx_headers)
    rest = client_owner.get(URL + next_link(more), **htmx_headers)

    assert row_ids(typed) == [c.pk for c in team[:20]]
    assert row_ids(more) == [c.pk for c in team[20 : 20 + PAGE_SIZE]]
    assert row_ids(rest) == [c.pk for c in team[20 + PAGE_SIZE :]]
    assert next_link(rest) is None
    # The page without JavaScript shows a full page of 50 at once.
    assert len(row_ids(client_owner.get(URL, {"q": "somm"}))) == PAGE_SIZE
