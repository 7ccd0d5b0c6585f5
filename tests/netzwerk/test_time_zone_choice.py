"""The time zone in the preferences: current zones to search, no old aliases; what is typed
is checked against zoneinfo, and an old alias already stored keeps working."""

import re
import zoneinfo

import pytest
from django.urls import reverse

from netzwerk.time_zones import current_time_zones

from .test_preferences import preferences

URL = reverse("preferences")


def offered(html: str) -> list[str]:
    datalist = re.search(r'<datalist id="id_time_zone_choices">(.*?)</datalist>', html, re.S)
    return re.findall(r'<option value="([^"]+)"', datalist.group(1))


def test_it_offers_current_zones_to_search_in_a_list(client_owner):
    html = client_owner.get(URL).text

    zones = offered(html)
    assert re.search(r'<input[^>]*list="id_time_zone_choices"[^>]*name="time_zone"', html) or (
        re.search(r'<input[^>]*name="time_zone"[^>]*list="id_time_zone_choices"', html)
    )
    assert {"Europe/Berlin", "Europe/Kyiv", "America/New_York", "Asia/Kolkata", "UTC"} <= set(zones)
    assert len(zones) < len(zoneinfo.available_timezones()) * 0.8
    assert zones == sorted(zones)


@pytest.mark.parametrize(
    "alias", ["US/Eastern", "Asia/Calcutta", "Europe/Kiev", "GMT+0", "Etc/GMT-3", "Cuba"]
)
def test_it_offers_no_deprecated_alias(alias):
    assert alias not in current_time_zones()


def test_every_offered_zone_loads():
    for name in current_time_zones():
        zoneinfo.ZoneInfo(name)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Asia/Tokyo", "Asia/Tokyo"),
        ("europe/lisbon", "Europe/Lisbon"),
        ("America/New York", "America/New_York"),
        ("  berlin ", "Europe/Berlin"),
        ("Sao_Paulo", "America/Sao_Paulo"),
    ],
)
def test_it_stores_the_zone_meant_by_what_was_typed(client_owner, owner, typed, stored):
    response = client_owner.post(URL, preferences(time_zone=typed))

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.time_zone == stored


@pytest.mark.parametrize("typed", ["Mars/Olympus", "Eastern", "", "Europe/Berlin\x00", "x" * 70])
def test_it_refuses_what_is_not_a_current_zone_with_a_clear_message(client_owner, owner, typed):
    response = client_owner.post(URL, preferences(time_zone=typed))

    assert response.status_code == 422
    owner.refresh_from_db()
    assert owner.time_zone == "Europe/Berlin"
    assert 'id="id_time_zone_error"' in response.text


def test_a_user_with_an_old_alias_keeps_it_and_can_save_other_preferences(client_owner, owner):
    owner.time_zone = "Asia/Calcutta"
    owner.save(update_fields=["time_zone"])

    page = client_owner.get(URL)
    response = client_owner.post(URL, preferences(time_zone="Asia/Calcutta", home_city="Pune"))

    assert page.status_code == 200 and 'value="Asia/Calcutta"' in page.text
    assert response.status_code == 302
    owner.refresh_from_db()
    assert (owner.time_zone, owner.home_city) == ("Asia/Calcutta", "Pune")
