"""Tags: the list with counts, creating, renaming and deleting."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact, ContactMark, ContactSearch, Tag
from contacts.tasks import rebuild_stale_search_texts
from contacts.views.tags import TAGS_PAGE_SIZE
from tests.factories import make_contact, make_tag
from tests.pages import without_random_values

TAGS_URL = reverse("contacts:tags")


def rename_url(tag) -> str:
    return reverse("contacts:tag_rename", args=[tag.pk])


def delete_url(tag) -> str:
    return reverse("contacts:tag_delete", args=[tag.pk])


def found(query: str) -> set[int]:
    return set(Contact.objects.search(query).values_list("pk", flat=True))


@pytest.fixture
def buchclub(owner):
    return make_tag(owner, "Buchclub")


def test_it_requires_login_for_every_tag_page(client, buchclub):
    for url in [TAGS_URL, rename_url(buchclub), delete_url(buchclub)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_it_requires_login_to_create_a_tag(client, db):
    response = client.post(TAGS_URL, {"name": "Buchclub"})

    assert response.status_code == 302
    assert not Tag.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_rejects_other_methods(client_owner, buchclub, method):
    for url in [TAGS_URL, rename_url(buchclub), delete_url(buchclub)]:
        assert getattr(client_owner, method)(url).status_code == 405, url
    assert Tag.objects.filter(pk=buchclub.pk).exists()


@pytest.mark.parametrize("name", ["tag_rename", "tag_delete"])
def test_it_answers_404_for_an_unknown_tag(client_owner, name):
    assert client_owner.get(reverse(f"contacts:{name}", args=[99999])).status_code == 404


def test_it_hides_a_tag_from_the_outsider(client_outsider, buchclub, htmx_headers):
    assert client_outsider.get(rename_url(buchclub)).status_code == 404
    assert client_outsider.get(delete_url(buchclub)).status_code == 404
    assert client_outsider.post(rename_url(buchclub), {"name": "Gehackt"}).status_code == 404
    assert client_outsider.post(delete_url(buchclub), **htmx_headers).status_code == 404
    assert Tag.objects.get(pk=buchclub.pk).name == "Buchclub"


# The list.


def test_it_lists_the_owners_tags_with_contact_counts(client_owner, owner, outsider):
    owner.language = "en"
    owner.save()
    make_contact(owner, tags=["Design"])
    make_contact(owner, tags=["Design", "Buchclub"])
    make_tag(owner, "Leer")
    make_tag(outsider, "Outsidertag")

    response = client_owner.get(TAGS_URL)

    assert response.status_code == 200
    text = response.text
    assert '<span class="tag">Buchclub</span>' in text
    assert '<span class="tag">Design</span>' in text
    assert '<span class="tag">Leer</span>' in text
    assert "Outsidertag" not in text
    # Alphabetical, each with how many people carry it.
    assert text.index(">Buchclub<") < text.index(">Design<") < text.index(">Leer<")
    assert re.search(r'>Design</span>\s*<span class="muted">2 contacts</span>', text)
    assert re.search(r'>Buchclub</span>\s*<span class="muted">1 contact</span>', text)
    assert re.search(r'>Leer</span>\s*<span class="muted">0 contacts</span>', text)


def test_it_links_each_tag_to_the_filtered_list(client_owner, buchclub):
    response = client_owner.get(TAGS_URL)

    assert f'href="{reverse("contacts:list")}?tag={buchclub.pk}"' in response.text
    assert f'href="{rename_url(buchclub)}"' in response.text
    assert f'href="{delete_url(buchclub)}"' in response.text


def test_it_escapes_html_in_tag_names(client_owner, owner):
    make_tag(owner, "<script>alert(1)</script>")

    response = client_owner.get(TAGS_URL)

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


# Create.


def test_it_creates_a_tag_and_shows_the_list_again(client_owner, owner):
    response = client_owner.post(TAGS_URL, {"name": "  Buchclub "})

    assert response.status_code == 302
    assert response.url == TAGS_URL
    tag = Tag.objects.get()
    assert (tag.owner, tag.name) == (owner, "Buchclub")


def test_it_creates_a_tag_over_htmx(client_owner, owner, htmx_headers):
    response = client_owner.post(TAGS_URL, {"name": "Design"}, **htmx_headers)

    assert response.status_code in (204, 302)
    assert Tag.objects.for_owner(owner).get().name == "Design"


@pytest.mark.parametrize("name", ["buchclub", "BUCHCLUB", "Buchclub"])
def test_it_refuses_a_duplicate_tag_name(client_owner, buchclub, name):
    response = client_owner.post(TAGS_URL, {"name": name})

    assert response.status_code == 422
    assert '<p class="error">' in response.text
    assert Tag.objects.count() == 1
    # The list is still shown below the form.
    assert '<span class="tag">Buchclub</span>' in response.text


@pytest.mark.parametrize("name", ["", "   ", "A, B", "x" * 51])
def test_it_refuses_an_unusable_tag_name(client_owner, name):
    response = client_owner.post(TAGS_URL, {"name": name})

    assert response.status_code == 422
    assert '<p class="error">' in response.text
    assert not Tag.objects.exists()


def test_it_allows_a_name_the_outsider_uses(client_owner, outsider):
    make_tag(outsider, "Buchclub")

    response = client_owner.post(TAGS_URL, {"name": "Buchclub"})

    assert response.status_code == 302
    assert Tag.objects.filter(name="Buchclub").count() == 2


# Rename.


def test_it_shows_the_rename_form(client_owner, buchclub):
    response = client_owner.get(rename_url(buchclub))

    assert response.status_code == 200
    assert 'value="Buchclub"' in response.text


def test_it_renames_a_tag_and_keeps_search_right(client_owner, owner):
    tagged = make_contact(owner, tags=["Buchclub"])
    tag = Tag.objects.get(name="Buchclub")

    response = client_owner.post(rename_url(tag), {"name": "Lesekreis"})

    assert response.status_code == 302
    assert response.url == TAGS_URL
    assert Tag.objects.get(pk=tag.pk).name == "Lesekreis"
    assert list(tag.contacts.all()) == [tagged]
    # The search follows once the background task has marked and rebuilt the carriers.
    assert Contact.objects.waiting_for_search(owner) == 1
    rebuild_stale_search_texts(owner.pk)
    assert found("lesekreis") == {tagged.pk}
    assert found("buchclub") == set()


def test_it_renames_a_tag_over_htmx(client_owner, buchclub, htmx_headers):
    response = client_owner.post(rename_url(buchclub), {"name": "Lesekreis"}, **htmx_headers)

    assert response.status_code == 204
    assert response["HX-Redirect"] == TAGS_URL
    assert Tag.objects.get(pk=buchclub.pk).name == "Lesekreis"


def test_it_renames_a_tag_to_another_case_of_itself(client_owner, buchclub):
    response = client_owner.post(rename_url(buchclub), {"name": "BuchClub"})

    assert response.status_code == 302
    assert Tag.objects.get(pk=buchclub.pk).name == "BuchClub"


def test_it_refuses_to_rename_onto_another_tag(client_owner, owner, buchclub):
    make_tag(owner, "Design")

    response = client_owner.post(rename_url(buchclub), {"name": "design"})

    assert response.status_code == 422
    assert 'id="id_name_error"' in response.text
    assert Tag.objects.get(pk=buchclub.pk).name == "Buchclub"


def test_it_refuses_an_empty_name_over_htmx(client_owner, buchclub, htmx_headers):
    response = client_owner.post(rename_url(buchclub), {"name": ""}, **htmx_headers)

    assert response.status_code == 422
    assert 'id="id_name_error"' in response.text
    assert Tag.objects.get(pk=buchclub.pk).name == "Buchclub"


# Delete.


def test_it_asks_before_deleting_and_says_how_many_carry_the_tag(client_owner, owner):
    owner.language = "en"
    owner.save()
    make_contact(owner, tags=["Buchclub"])
    make_contact(owner, tags=["Buchclub"])
    tag = Tag.objects.get(name="Buchclub")

    response = client_owner.get(delete_url(tag))

    assert response.status_code == 200
    assert "removed from 2 contacts" in response.text
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_it_deletes_a_tag_but_keeps_the_contacts(client_owner, owner):
    tagged = make_contact(owner, tags=["Buchclub", "Design"])
    tag = Tag.objects.get(name="Buchclub")

    response = client_owner.post(delete_url(tag))

    assert response.status_code == 302
    assert response.url == TAGS_URL
    assert not Tag.objects.filter(pk=tag.pk).exists()
    assert Contact.objects.filter(pk=tagged.pk).exists()
    assert [t.name for t in tagged.tags.all()] == ["Design"]
    assert Contact.objects.waiting_for_search(owner) == 1
    rebuild_stale_search_texts(owner.pk)
    assert found("buchclub") == set()
    assert found("design") == {tagged.pk}


def test_it_deletes_a_tag_over_htmx(client_owner, buchclub, htmx_headers):
    response = client_owner.post(delete_url(buchclub), **htmx_headers)

    assert response.status_code == 204
    assert response["HX-Redirect"] == TAGS_URL
    assert not Tag.objects.exists()


def test_it_deletes_an_unused_tag(client_owner, buchclub):
    response = client_owner.post(delete_url(buchclub), follow=True)

    assert response.status_code == 200
    assert not Tag.objects.exists()
    assert 'class="msg msg-success"' in response.text


def test_it_serves_the_tag_pages_to_htmx_requests_too(client_owner, buchclub, htmx_headers):
    for url in [TAGS_URL, rename_url(buchclub), delete_url(buchclub)]:
        response = client_owner.get(url, **htmx_headers)
        assert response.status_code == 200, url
        assert "Buchclub" in response.text, url


# A tag on many contacts: the request does not grow with them.


def tag_many(owner, tag: Tag, count: int) -> None:
    contacts = Contact.objects.bulk_create(
        Contact(owner=owner, first_name=f"Person{n}") for n in range(count)
    )
    ContactSearch.objects.bulk_create(
        ContactSearch(contact=contact, owner=owner, text=contact.first_name.lower())
        for contact in contacts
    )
    Tag.contacts.through.objects.bulk_create(
        Tag.contacts.through(contact_id=contact.pk, tag_id=tag.pk) for contact in contacts
    )


def queries_of(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code == 302
    return len(queries)


@pytest.mark.parametrize("action", ["rename", "delete"])
def test_a_tag_change_costs_the_same_queries_for_10_and_1000_tagged_contacts(
    client_owner, owner, action
):
    few, many = make_tag(owner, "Wenige"), make_tag(owner, "Viele")
    tag_many(owner, few, 10)
    tag_many(owner, many, 1000)

    def change(tag):
        if action == "rename":
            return lambda: client_owner.post(rename_url(tag), {"name": f"{tag.name} neu"})
        return lambda: client_owner.post(delete_url(tag))

    assert queries_of(change(few)) == queries_of(change(many))
    # Every carrier is queued for the background to mark.
    assert ContactMark.objects.filter(owner=owner).count() == 1010


def test_a_tag_change_enqueues_the_search_rebuild_after_commit(
    client_owner, owner, buchclub, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []
    monkeypatch.setattr(rebuild_stale_search_texts, "delay", lambda *args: enqueued.append(args))
    make_contact(owner, tags=["Buchclub"])

    with django_capture_on_commit_callbacks(execute=True):
        client_owner.post(rename_url(buchclub), {"name": "Lesekreis"})
    with django_capture_on_commit_callbacks(execute=True):
        client_owner.post(delete_url(buchclub))

    assert enqueued == [(owner.pk,), (owner.pk,)]


def test_a_refused_rename_enqueues_nothing(
    client_owner, buchclub, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []
    monkeypatch.setattr(rebuild_stale_search_texts, "delay", lambda *args: enqueued.append(args))

    with django_capture_on_commit_callbacks(execute=True):
        client_owner.post(rename_url(buchclub), {"name": ""})

    assert enqueued == []


def test_the_tags_page_shows_the_search_rebuild_until_it_is_done(client_owner, owner):
    owner.language = "en"
    owner.save()
    make_contact(owner, tags=["Buchclub"])
    client_owner.post(rename_url(Tag.objects.get()), {"name": "Lesekreis"})

    assert 'id="search-progress"' in client_owner.get(TAGS_URL).text

    rebuild_stale_search_texts(owner.pk)

    assert 'id="search-progress"' not in client_owner.get(TAGS_URL).text


def test_the_tags_come_a_page_at_a_time_each_with_its_count(client_owner, owner):
    Tag.objects.bulk_create(Tag(owner=owner, name=f"Tag {n:03}") for n in range(TAGS_PAGE_SIZE))
    make_contact(owner, tags=["Zoo"])
    make_contact(owner, tags=["Zoo", "Tag 000"])

    first = client_owner.get(TAGS_URL).text
    with CaptureQueriesContext(connection) as queries:
        second = client_owner.get(TAGS_URL, {"page": 2}).text

    assert first.count('<li class="row">') == TAGS_PAGE_SIZE
    assert re.search(r'>Tag 000</span>\s*<span class="muted">1 Kontakt</span>', first)
    assert "Zoo" not in without_random_values(first)  # the CSRF token could hold "Zoo"
    assert 'href="?page=2"' in first
    assert second.count('<li class="row">') == 1
    assert re.search(r'>Zoo</span>\s*<span class="muted">2 Kontakte</span>', second)
    # The count reads the links of the shown tags only.
    (counted,) = [q["sql"] for q in queries.captured_queries if "contacts_contact_tags" in q["sql"]]
    assert "IN (" in counted
