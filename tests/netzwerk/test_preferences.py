"""Preferences: language, time zone, name and home city of the signed-in user."""

import re

import pytest
from django.urls import reverse

from netzwerk.models import User

URL = reverse("preferences")


def preferences(**data) -> dict:
    fields = {
        "first_name": "Olga",
        "language": "de",
        "time_zone": "Europe/Berlin",
        "home_city": "",
        # The reminder preferences, at their defaults.
        "rhythm_einhorn_days": "30",
        "rhythm_flamingo_days": "90",
        "rhythm_pinguin_days": "",
        "lunch_target": "2",
        "lunch_nudge_weekday": "0",
        "morning_hour": "8",
        "birthday_lead_days": "3",
        "birthday_nudges": "email",
        "followup_nudges": "email",
        "keep_in_touch_nudges": "app",
        "lunch_nudges": "app",
        "review_nudges": "email",
        "digest_enabled": "on",
        "digest_weekday": "0",
        "digest_hour": "7",
    }
    fields.update(data)
    return fields


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.text).group(1)


def reloaded(user) -> User:
    return User.objects.get(pk=user.pk)


def test_it_requires_login(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_requires_login_to_save(client, owner):
    response = client.post(URL, preferences(language="en"))

    assert response.status_code == 302
    assert reloaded(owner).language == "de"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_rejects_other_methods(client_owner, method):
    assert getattr(client_owner, method)(URL).status_code == 405


def test_it_shows_the_current_preferences(client_owner, owner):
    owner.home_city = "Leipzig"
    owner.time_zone = "America/New_York"
    owner.save()

    response = client_owner.get(URL)

    assert response.status_code == 200
    assert 'value="Leipzig"' in response.text
    assert re.search(r'name="time_zone"[^>]*value="America/New_York"', response.text)
    assert '<option value="de" selected>' in response.text
    assert owner.email in response.text


def test_it_shows_each_user_only_their_own_preferences(client_outsider, owner):
    owner.home_city = "Geheimstadt"
    owner.save()

    response = client_outsider.get(URL)

    assert "Geheimstadt" not in response.text
    assert owner.email not in response.text


def test_it_speaks_german_by_default(client_owner):
    response = client_owner.get(reverse("contacts:list"))

    assert html_lang(response) == "de"
    assert response["Content-Language"] == "de"


def test_it_switches_the_language_for_the_next_page(client_owner, owner):
    response = client_owner.post(URL, preferences(language="en"))

    assert response.status_code == 302
    assert response.url == URL
    assert reloaded(owner).language == "en"
    following = client_owner.get(response.url)
    assert html_lang(following) == "en"
    assert following["Content-Language"] == "en"
    # The confirmation already speaks the new language.
    assert "Preferences saved." in following.text
    contacts = client_owner.get(reverse("contacts:list"))
    assert html_lang(contacts) == "en"
    assert contacts["Content-Language"] == "en"
    assert "<h1>Contacts</h1>" in contacts.text


def test_it_switches_back_to_german(client_owner, owner):
    owner.language = "en"
    owner.save()

    client_owner.post(URL, preferences(language="de"))

    response = client_owner.get(reverse("contacts:list"))
    assert html_lang(response) == "de"
    assert response["Content-Language"] == "de"
    assert "<h1>Contacts</h1>" not in response.text


def test_it_keeps_the_language_to_the_user_who_chose_it(client_owner, client_outsider):
    client_owner.post(URL, preferences(language="en"))

    response = client_outsider.get(reverse("contacts:list"))

    assert html_lang(response) == "de"


def test_it_prefers_the_users_language_over_the_browsers(client_owner, owner):
    owner.language = "de"
    owner.save()

    response = client_owner.get(reverse("contacts:list"), HTTP_ACCEPT_LANGUAGE="en")

    assert html_lang(response) == "de"
    assert response["Content-Language"] == "de"


def test_it_saves_the_time_zone_home_city_and_name(client_owner, owner):
    response = client_owner.post(
        URL,
        preferences(first_name="Olga Maria", time_zone="Asia/Tokyo", home_city="Hamburg"),
    )

    assert response.status_code == 302
    owner = reloaded(owner)
    assert (owner.first_name, owner.time_zone, owner.home_city) == (
        "Olga Maria",
        "Asia/Tokyo",
        "Hamburg",
    )
    assert re.search(r'name="time_zone"[^>]*value="Asia/Tokyo"', client_owner.get(URL).text)


def test_it_saves_preferences_over_htmx(client_owner, owner, htmx_headers):
    response = client_owner.post(URL, preferences(time_zone="UTC"), **htmx_headers)

    assert response.status_code in (204, 302)
    assert reloaded(owner).time_zone == "UTC"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "Europe/Berlinn", "Springfield"])
def test_it_rejects_an_unknown_time_zone(client_owner, owner, zone):
    response = client_owner.post(URL, preferences(time_zone=zone, home_city="Hamburg"))

    assert response.status_code == 422
    assert 'id="id_time_zone_error"' in response.text
    owner = reloaded(owner)
    assert (owner.time_zone, owner.home_city) == ("Europe/Berlin", "")


@pytest.mark.parametrize("language", ["fr", "", "english"])
def test_it_rejects_an_unknown_language(client_owner, owner, language):
    response = client_owner.post(URL, preferences(language=language))

    assert response.status_code == 422
    assert 'id="id_language_error"' in response.text
    assert reloaded(owner).language == "de"


def test_it_rejects_an_over_long_home_city(client_owner, owner):
    response = client_owner.post(URL, preferences(home_city="x" * 121))

    assert response.status_code == 422
    assert reloaded(owner).home_city == ""


def test_it_shows_errors_over_htmx_with_422(client_owner, owner, htmx_headers):
    response = client_owner.post(URL, preferences(time_zone="Nowhere/Land"), **htmx_headers)

    assert response.status_code == 422
    assert 'id="id_time_zone_error"' in response.text
    assert reloaded(owner).time_zone == "Europe/Berlin"


def test_it_escapes_html_in_the_home_city(client_owner, owner):
    owner.home_city = "<script>alert(1)</script>"
    owner.save()

    response = client_owner.get(URL)

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_it_cannot_make_a_user_staff(client_owner, owner):
    client_owner.post(URL, {**preferences(), "is_staff": "on", "is_superuser": "on"})

    owner = reloaded(owner)
    assert not owner.is_staff
    assert not owner.is_superuser


def test_it_cannot_change_the_email_address(client_owner, owner):
    client_owner.post(URL, {**preferences(), "email": "other@example.com"})

    assert reloaded(owner).email == "owner@example.com"


def test_it_survives_a_time_zone_that_no_longer_exists(client_owner, owner):
    # A zone can vanish from the system's tz database; pages must still render.
    User.objects.filter(pk=owner.pk).update(time_zone="Gone/Away")

    response = client_owner.get(reverse("contacts:list"))

    assert response.status_code == 200


def test_it_serves_the_preferences_to_htmx_requests_too(client_owner, htmx_headers):
    response = client_owner.get(URL, **htmx_headers)

    assert response.status_code == 200
    assert 'name="time_zone"' in response.text
