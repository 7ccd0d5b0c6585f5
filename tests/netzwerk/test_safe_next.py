"""?next= is used only when it is a path on this site: in redirects and in the Back and Cancel
links and hidden next fields the pages render. Every page is asked, so a template added later
that renders next is checked too."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from django.urls import reverse

from netzwerk.http import safe_next
from tests.factories import make_contact, make_follow_up
from tests.test_hostile_input import pages
from tests.test_isolation import build_owned_objects

# Each names the other site the same way, so one word finds it in any page.
ELSEWHERE = (
    "https://evil.example/login",
    "//evil.example/login",
    "/\\evil.example/login",
    "javascript:alert('evil.example')",
    "https:evil.example",
)


class Targets(HTMLParser):
    """Where a page's links, forms and next fields lead."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "action", "hx-get", "hx-post", "formaction"):
            if attrs.get(name):
                self.found.append(attrs[name])
        if tag == "input" and attrs.get("name") == "next":
            self.found.append(attrs.get("value") or "")


def leaves_the_site(target: str) -> bool:
    """True when following this link ends on another site. A link to a page of this site
    that carries the next= along is no leak: that page is asked about its next= itself."""
    target = target.strip()
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc or target.startswith(("//", "/\\")))


@pytest.mark.parametrize("target", [*ELSEWHERE, "²", "Anna\x00Berg", "/contacts/\r\n/x", ""])
def test_only_paths_on_this_site_are_safe(target):
    request = RequestFactory().get("/", {"next": target})
    assert safe_next(request, "/week/") == "/week/"


def test_a_path_on_this_site_is_used():
    request = RequestFactory().post("/", {"next": "/contacts/7/?tab=notes"})
    assert safe_next(request, "/week/") == "/contacts/7/?tab=notes"


def test_no_page_renders_a_next_that_leads_elsewhere(owner, client_owner, htmx_headers):
    found = pages(owner, build_owned_objects(owner))
    leaks = []
    for page in found:
        for target in ELSEWHERE:
            for headers in ({}, htmx_headers) if target == ELSEWHERE[0] else ({},):
                response = client_owner.get(page.url, {"next": target}, **headers)
                if response.streaming:
                    continue
                parser = Targets()
                parser.feed(response.content.decode(errors="replace"))
                for found in parser.found:
                    if "evil.example" in found and leaves_the_site(found):
                        leaks.append(f"{page.name} with next={target} leads to {found}")
    assert not leaks, "\n".join(leaks)


def test_a_next_on_this_site_becomes_the_back_link(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    due = make_follow_up(anna)
    back = reverse("reminders:followup_list")
    response = client_owner.get(reverse("reminders:followup_edit", args=[due.pk]), {"next": back})
    assert f'href="{back}"' in response.content.decode()


def test_a_write_redirects_only_to_this_site(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    due = make_follow_up(anna)
    url = reverse("reminders:followup_done", args=[due.pk])
    for target in [*ELSEWHERE, "²"]:
        response = client_owner.post(url, {"next": target})
        assert response.status_code == 302
        assert "evil" not in response["Location"] and response["Location"].startswith("/")
