"""The pages run a fixed number of SQL queries, however big the network grows.

Each test builds a small network (10 contacts, a contact with 5 interactions) and a big one
(200 contacts, a contact with 300 interactions; tags on every contact, several people per
interaction, profile links) and asserts that every page runs the same queries for both, and
no more than a stated number. Two of those queries are always the session and the user.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Category, Channel, Contact, Interaction, ProfileLink, Status, Tag
from contacts.paging import SORTS
from contacts.text import canonical
from netzwerk.models import User
from tests.factories import make_user

TODAY = timezone.localdate()
CITIES = ["München", "Köln", "Hamburg", "Düsseldorf", "Leipzig"]
CATEGORIES = [Category.EINHORN, Category.FLAMINGO, Category.PINGUIN, Category.PINGUIN]
KINDS = ["coffee", "lunch", "call", "meeting"]
HTMX = {"HTTP_HX_REQUEST": "true"}

# Measured on SQLite and Postgres alike. Every page starts with the session and the user;
# every full page (not the HTMX fragments) also counts the unread nudges for the nav badge.
# List: the page of rows with their tags in one query, and the chosen tag's name when the
# list is filtered by one (the tag filter fetches its other options when opened). The nav
# badge's unread count comes with the user (reminders.auth_backends): no query.
LIST_MAX_QUERIES = 4
# A search may ask twice: a walk with a budget, then the search index (contacts.search_paging).
SEARCH_MAX_QUERIES = 6
# Contact page: the contact (with its request preparation), 31 timeline entries, the people
# in them, profile links, tags, the open follow-ups, the important dates, its goal links,
# introductions and give-first log.
CONTACT_PAGE_MAX_QUERIES = 12
# Triage: the next Pinguin, its tags, how many are left.
TRIAGE_MAX_QUERIES = 5
# Tags: a page of tags, their contact counts, the count of contacts still waiting for their
# search text.
TAGS_MAX_QUERIES = 5


@dataclass
class Network:
    owner: User
    client: Client
    star: Contact  # the contact with many interactions
    tag: Tag


def _contact(owner: User, n: int) -> Contact:
    first, last = f"Vorname{n:03}", f"Nachname{n:03}"
    return Contact(
        owner=owner,
        first_name=first,
        last_name=last,
        company=f"Firma {n % 17}",
        role="Beraterin",
        city=CITIES[n % len(CITIES)],
        category=CATEGORIES[n % len(CATEGORIES)],
        status=Status.ARCHIVED if n % 7 == 6 else Status.WISH if n % 5 == 4 else Status.ACTIVE,
        emails=[f"person{n}@example.com"],
        # Contact.save() sets this; bulk_create does not call save().
        sort_name=canonical(f"{last} {first}"),
    )


def build_network(size: int, star_interactions: int) -> Network:
    """Bulk-create a network, then derive last contact and search text as the model would."""
    owner = make_user()
    tags = Tag.objects.bulk_create(
        [Tag(owner=owner, name=f"Thema {n}") for n in range(max(3, size // 10))]
    )
    contacts = Contact.objects.bulk_create([_contact(owner, n) for n in range(size)])
    star = contacts[0]
    Contact.tags.through.objects.bulk_create(
        [
            Contact.tags.through(contact_id=contact.pk, tag_id=tags[(n + k) % len(tags)].pk)
            for n, contact in enumerate(contacts)
            for k in range(2)
        ]
    )
    ProfileLink.objects.bulk_create(
        [
            ProfileLink(contact=contact, channel=channel, url=f"https://example.com/{contact.pk}")
            for contact in contacts
            for channel in (Channel.LINKEDIN, Channel.WEBSITE)
        ]
    )
    interactions = Interaction.objects.bulk_create(
        [
            Interaction(
                owner=owner,
                kind=KINDS[n % len(KINDS)],
                date=TODAY - datetime.timedelta(days=n % 700),
                notes=f"Gespräch {n} über das Projekt",
            )
            for n in range(star_interactions + size)
        ]
    )
    people = []
    for n, interaction in enumerate(interactions):
        # The star's interactions include two others each; the rest spread over the others.
        with_whom = {contacts[1 + (n + k) % (size - 1)] for k in range(3)}
        if n < star_interactions:
            with_whom = {star, *list(with_whom)[:2]}
        people += [
            Interaction.contacts.through(
                interaction_id=interaction.pk, contact_id=contact.pk, date=interaction.date
            )
            for contact in with_whom
        ]
    Interaction.contacts.through.objects.bulk_create(people)
    everyone = Contact.objects.filter(owner=owner)
    everyone.refresh_last_contacted()
    everyone.rebuild_search_text()

    client = Client()
    client.force_login(owner)
    # A first request, so nothing that happens once per session is counted.
    client.get(reverse("contacts:list"))
    return Network(owner=owner, client=client, star=star, tag=tags[0])


@pytest.fixture
def small(db) -> Network:
    return build_network(size=10, star_interactions=5)


@pytest.fixture
def big(db) -> Network:
    return build_network(size=200, star_interactions=300)


def page_queries(network: Network, url: str, headers: dict) -> tuple[list[str], str]:
    """The SQL one GET runs, and the HTML it answers."""
    with CaptureQueriesContext(connection) as captured:
        response = network.client.get(url, **headers)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return [query["sql"] for query in captured.captured_queries], response.content.decode()


def assert_same_queries(small: list[str], big: list[str], limit: int) -> None:
    listing = "\n".join(["-- small network:", *small, "-- big network:", *big])
    assert len(small) == len(big), f"{len(small)} vs {len(big)} queries\n{listing}"
    assert len(big) <= limit, f"{len(big)} queries, at most {limit} expected\n{listing}"


def after_first_row(network: Network, sort: str) -> str:
    """The cursor a "load more" link carries, here after the first row of the list."""
    order = SORTS[sort]
    first = (
        Contact.objects.for_owner(network.owner)
        .visible()
        .with_sort_keys()
        .order_by(*order.order_by())
        .first()
    )
    return order.cursor_for(first)


LIST_VARIANTS = {
    "default": lambda net: ({}, {}),
    "search": lambda net: ({"q": "köln"}, {}),
    "search-two-words": lambda net: ({"q": "firma beraterin"}, {}),
    "category": lambda net: ({"category": "einhorn"}, {}),
    "tag": lambda net: ({"tag": net.tag.pk}, {}),
    "all-statuses-newest": lambda net: ({"status": "all", "sort": "newest"}, {}),
    "htmx-results": lambda net: ({"q": "köln"}, {**HTMX, "HTTP_HX_TARGET": "results"}),
    "load-more": lambda net: ({"after": after_first_row(net, "name")}, {}),
    "load-more-htmx": lambda net: ({"after": after_first_row(net, "name")}, HTMX),
    "load-more-recent-htmx": lambda net: (
        {"sort": "recent", "after": after_first_row(net, "recent")},
        HTMX,
    ),
}


@pytest.mark.parametrize("variant", LIST_VARIANTS)
def test_the_contact_list_runs_the_same_queries_for_10_and_200_contacts(small, big, variant):
    rendered = {}
    queries = {}
    for name, network in (("small", small), ("big", big)):
        params, headers = LIST_VARIANTS[variant](network)
        url = f"{reverse('contacts:list')}?{urlencode(params)}"
        queries[name], html = page_queries(network, url, headers)
        rendered[name] = html.count('<li class="row"')

    if "q" in params:
        # One try or two, by how common the word is among the first rows: never more.
        assert len(queries["small"]) <= SEARCH_MAX_QUERIES
        assert len(queries["big"]) <= SEARCH_MAX_QUERIES
    else:
        assert_same_queries(queries["small"], queries["big"], LIST_MAX_QUERIES)
    # The big network really shows more rows, so the equal count means something.
    assert 0 < rendered["small"] < rendered["big"] <= 50


def test_the_contact_list_shows_a_full_page_and_load_more_in_the_big_network(big):
    _, html = page_queries(big, reverse("contacts:list"), {})

    assert html.count('<li class="row"') == 50
    assert 'id="load-more"' in html


# Each page with the timeline entries it shows for the small and the big network.
CONTACT_PAGES = {
    "detail": (lambda net: reverse("contacts:detail", args=[net.star.pk]), 5, 30),
    "detail-whole-timeline": (
        lambda net: reverse("contacts:detail", args=[net.star.pk]) + "?timeline=all",
        5,
        300,
    ),
    # The plain log page shows the form only (the timeline is loaded but not shown).
    "log-page": (lambda net: reverse("contacts:log", args=[net.star.pk]), 0, 0),
}


@pytest.mark.parametrize("page", CONTACT_PAGES)
def test_the_contact_page_runs_the_same_queries_for_5_and_300_interactions(small, big, page):
    url, small_events, big_events = CONTACT_PAGES[page]
    small_queries, small_html = page_queries(small, url(small), {})
    big_queries, big_html = page_queries(big, url(big), {})

    assert_same_queries(small_queries, big_queries, CONTACT_PAGE_MAX_QUERIES)
    assert small_html.count('<li class="event">') == small_events
    assert big_html.count('<li class="event">') == big_events


def test_the_contact_page_offers_the_whole_timeline_after_30_entries(big):
    _, html = page_queries(big, reverse("contacts:detail", args=[big.star.pk]), {})

    assert html.count('<li class="event">') == 30
    assert 'href="?timeline=all#activity"' in html


TRIAGE_PAGES = {
    "triage": lambda net: (reverse("contacts:triage"), {}),
    "triage-htmx": lambda net: (reverse("contacts:triage"), HTMX),
    "triage-contact": lambda net: (reverse("contacts:triage_contact", args=[net.star.pk]), {}),
}


@pytest.mark.parametrize("page", TRIAGE_PAGES)
def test_triage_runs_the_same_queries_for_10_and_200_contacts(small, big, page):
    small_queries, small_html = page_queries(small, *TRIAGE_PAGES[page](small))
    big_queries, big_html = page_queries(big, *TRIAGE_PAGES[page](big))

    assert_same_queries(small_queries, big_queries, TRIAGE_MAX_QUERIES)
    assert "triage-actions" in small_html
    assert "triage-actions" in big_html


def test_the_tags_page_runs_the_same_queries_for_3_and_20_tags(small, big):
    small_queries, small_html = page_queries(small, reverse("contacts:tags"), {})
    big_queries, big_html = page_queries(big, reverse("contacts:tags"), {})

    assert_same_queries(small_queries, big_queries, TAGS_MAX_QUERIES)
    assert small_html.count('<li class="row">') == 3
    assert big_html.count('<li class="row">') == 20
