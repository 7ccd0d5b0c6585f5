"""Signing in devices with app passwords, and the pages that manage them and the books."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from contacts.carddav.models import AddressBook, AppPassword
from contacts.models import Tag

from .conftest import Dav

pytestmark = pytest.mark.django_db


def test_a_request_without_credentials_is_asked_to_sign_in(book):
    answer = Dav("", "").client.generic("PROPFIND", "/dav/")

    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith('Basic realm="Netzwerk"')


def test_the_account_password_never_opens_the_address_books(owner, book):
    assert Dav(owner.email, "a-Good-passw0rd").request("PROPFIND", "/dav/").status_code == 401


def test_an_app_password_signs_in_and_records_its_last_use(owner, dav, device):
    assert dav.request("PROPFIND", "/dav/", depth="0").status_code == 207

    device[0].refresh_from_db()
    assert device[0].last_used_at is not None


def test_a_revoked_app_password_no_longer_works(owner, dav, device):
    device[0].delete()

    assert dav.request("PROPFIND", "/dav/").status_code == 401


def test_the_email_is_matched_without_regard_to_case(owner, device):
    assert Dav(owner.email.upper(), device[1]).request("PROPFIND", "/dav/").status_code == 207


@override_settings(CARDDAV_FAILED_LOGINS=3)
def test_failed_sign_ins_are_throttled_even_for_the_right_password(owner, device):
    wrong = Dav(owner.email, "wrong-password")
    answers = [wrong.request("PROPFIND", "/dav/").status_code for _ in range(4)]

    assert answers == [401, 401, 401, 429]
    right = Dav(owner.email, device[1]).request("PROPFIND", "/dav/")
    assert right.status_code == 429
    assert right.headers["Retry-After"]


@override_settings(CARDDAV_FAILED_LOGINS=3, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(owner, device):
    for n in range(3):
        stranger = Dav(f"guess{n}@example.com", "wrong-password")
        stranger.request("PROPFIND", "/dav/", x_forwarded_for="203.0.113.7")

    phone = Dav(owner.email, device[1])
    answer = phone.request("PROPFIND", "/dav/", depth="0", x_forwarded_for="198.51.100.9")

    assert answer.status_code == 207


def test_only_the_hash_of_an_app_password_is_stored(owner, device):
    stored = AppPassword.objects.get(pk=device[0].pk)

    assert device[1] not in str(stored.__dict__)


# The pages.


def test_the_phone_page_lists_books_and_devices(client_owner, owner, device, book):
    page = client_owner.get("/phone/")

    assert page.status_code == 200
    assert "iPhone" in page.content.decode()
    assert "Netzwerk" in page.content.decode()


def test_a_new_app_password_is_shown_once_and_a_first_book_is_made(client_owner, owner):
    answer = client_owner.post("/phone/passwords/new/", {"name": "Pixel 9"})

    # A redirect: a reload of the page shows the list, not the form's POST again.
    assert answer.status_code == 302
    assert answer["Location"] == "/phone/#new-password"
    page = client_owner.get("/phone/")
    device = AppPassword.objects.get(owner=owner)
    shown = page.context["new_password"]["password"]
    assert shown in page.content.decode()
    assert AppPassword.objects.authenticate(owner.email, shown) == device
    reloaded = client_owner.get("/phone/").content.decode()
    assert shown not in reloaded
    assert "Pixel 9" in reloaded
    assert AppPassword.objects.for_owner(owner).count() == 1
    assert AddressBook.objects.for_owner(owner).count() == 1


def test_the_new_password_is_kept_in_the_session_only_until_shown(client_owner, owner):
    client_owner.post("/phone/passwords/new/", {"name": "Pixel 9"})
    session = client_owner.session
    assert session["app-password-shown-once"]["id"] == AppPassword.objects.get().pk

    client_owner.get("/phone/")

    assert "app-password-shown-once" not in client_owner.session


def test_a_device_name_is_required(client_owner, owner):
    answer = client_owner.post("/phone/passwords/new/", {"name": " "})

    assert answer.status_code == 422
    assert not AppPassword.objects.exists()


def test_revoking_asks_first_then_removes_the_password(client_owner, owner, device):
    url = f"/phone/passwords/{device[0].pk}/revoke/"

    assert client_owner.get(url).status_code == 200
    assert client_owner.post(url).status_code == 302
    assert not AppPassword.objects.exists()


def test_a_tag_book_needs_its_tag(client_owner, owner):
    answer = client_owner.post("/phone/books/new/", {"name": "Laufen", "holds": "tag"})

    assert answer.status_code == 422
    assert not AddressBook.objects.exists()


def test_a_book_can_hold_a_tags_contacts(client_owner, owner):
    tag = Tag.objects.create(owner=owner, name="Laufen")

    answer = client_owner.post(
        "/phone/books/new/", {"name": "Laufen", "holds": "tag", "tag": tag.pk}
    )

    assert answer.status_code == 302
    assert AddressBook.objects.get(owner=owner).tag == tag


def test_another_users_tag_cannot_be_chosen(client_owner, owner, outsider):
    theirs = Tag.objects.create(owner=outsider, name="Geheim")

    answer = client_owner.post("/phone/books/new/", {"name": "X", "holds": "tag", "tag": theirs.pk})

    assert answer.status_code == 422


def test_editing_and_deleting_a_book(client_owner, owner, book):
    edited = client_owner.post(
        f"/phone/books/{book.pk}/edit/", {"name": "Wichtig", "holds": "important"}
    )
    assert edited.status_code == 302
    book.refresh_from_db()
    assert (book.name, book.holds) == ("Wichtig", "important")

    assert client_owner.post(f"/phone/books/{book.pk}/delete/").status_code == 302
    assert not AddressBook.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/phone/passwords/{device}/revoke/",
        "/phone/books/{book}/edit/",
        "/phone/books/{book}/delete/",
    ],
)
def test_another_users_device_or_book_is_a_404(client_outsider, device, book, url, htmx_headers):
    target = url.format(device=device[0].pk, book=book.pk)

    assert client_outsider.get(target).status_code == 404
    assert client_outsider.post(target, **htmx_headers).status_code == 404


def test_the_wrong_method_is_a_405(client_owner, book):
    assert client_owner.get("/phone/passwords/new/").status_code == 405
    assert client_owner.post("/phone/").status_code == 405
    assert client_owner.put(f"/phone/books/{book.pk}/edit/").status_code == 405


def test_an_htmx_post_is_redirected_like_a_plain_one(client_owner, book, htmx_headers):
    answer = client_owner.post(
        f"/phone/books/{book.pk}/edit/", {"name": "Neu", "holds": "active"}, **htmx_headers
    )

    assert answer.status_code == 204
    assert answer.headers["HX-Redirect"] == "/phone/"


def test_the_preferences_show_when_each_device_was_last_used(client_owner, owner, dav, device):
    dav.request("PROPFIND", "/dav/")

    page = client_owner.get("/preferences/").content.decode()

    assert "iPhone" in page
    assert "/phone/" in page


def test_the_phone_page_costs_the_same_queries_for_few_and_many_devices(client_owner, owner):
    counts = []
    for total in (2, 12):
        while AppPassword.objects.for_owner(owner).count() < total:
            AppPassword.create_for(owner, f"Gerät {AppPassword.objects.count()}")
            AddressBook.objects.create(owner=owner, name="Buch", holds="tag")
        with CaptureQueriesContext(connection) as queries:
            assert client_owner.get("/phone/").status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
