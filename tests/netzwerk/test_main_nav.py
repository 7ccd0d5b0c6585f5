"""The main navigation marks the page it leads to, in either language, and is rendered once
per language and page (the template_fragments cache), not for every request."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

NAV_PAGES = [
    "reminders:dashboard",
    "contacts:list",
    "reminders:lunch_list",
    "reminders:followup_list",
    "contacts:triage",
    "contacts:tags",
    "strategy:overview",
    "preferences",
]
IN_MORE = {"contacts:triage", "contacts:tags", "strategy:overview", "preferences"}


def nav_of(html: str) -> str:
    return re.search(r'<nav class="mainnav".*?</nav>', html, re.S).group(0)


def current_links(nav: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page"', nav)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_each_page_of_the_nav_is_marked_as_current_and_only_it(client_owner, owner, language):
    owner.language = language
    owner.save(update_fields=["language"])
    for name in NAV_PAGES:
        url = reverse(name)
        nav = nav_of(client_owner.get(url).content.decode())

        assert current_links(nav) == [url], name
        # "More" is marked when the current page is one of its entries.
        assert ('<summary class="current">' in nav) == (name in IN_MORE), name
        assert ("Kontakte" in nav) == (language == "de")
        assert ("Contacts" in nav) == (language == "en")


@pytest.mark.django_db
def test_the_desk_marks_contacts_as_the_section_it_is_in(client_owner):
    # The desk is the list's table view at a desk: "Contacts" is lit, but as the section,
    # not as the page it leads to.
    nav = nav_of(client_owner.get(reverse("contacts:desk")).content.decode())

    assert current_links(nav) == []
    assert f'<a href="{reverse("contacts:list")}" aria-current="true">' in nav


@pytest.mark.django_db
def test_a_page_outside_the_nav_marks_none(client_owner):
    nav = nav_of(client_owner.get(reverse("reminders:nudge_list")).content.decode())

    assert current_links(nav) == []
    assert "<summary>" in nav


@pytest.mark.django_db
def test_the_nav_is_rendered_once_per_language_and_page(client_owner, owner, monkeypatch):
    fragments = caches["template_fragments"]
    fragments.clear()
    stored = []
    set_fragment = fragments.set
    monkeypatch.setattr(
        fragments, "set", lambda *a, **k: (stored.append(a[0]), set_fragment(*a, **k))
    )

    for _ in range(3):
        client_owner.get(reverse("contacts:list"))
        client_owner.get(reverse("reminders:dashboard"))
    owner.language = "en"
    owner.save(update_fields=["language"])
    english = client_owner.get(reverse("contacts:list")).content.decode()

    navs = [key for key in stored if key.startswith("template.cache.main_nav.")]
    assert len(navs) == 3  # the list and the week in German, the list in English
    assert current_links(nav_of(english)) == [reverse("contacts:list")]
