"""Responses travel compressed, except those whose strong ETag sync clients compare."""

import gzip

from django.urls import reverse

from tests.factories import make_contact


def test_a_page_travels_compressed_and_keeps_its_security_headers(client_owner, owner):
    for _n in range(30):
        make_contact(owner, city="Köln")
    plain = client_owner.get(reverse("contacts:list"))

    packed = client_owner.get(reverse("contacts:list"), HTTP_ACCEPT_ENCODING="gzip, br")

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 3
    assert "<!doctype html>" in gzip.decompress(packed.content).decode().lower()
    assert packed["Content-Security-Policy"]
    assert "Content-Encoding" not in plain


def test_a_calendar_feed_keeps_its_strong_etag_and_304(client, owner):
    url = reverse("reminders:calendar_feed", args=[owner.calendar_token])
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert first.status_code == 200
    assert not first["ETag"].startswith("W/")
    assert "Content-Encoding" not in first
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
