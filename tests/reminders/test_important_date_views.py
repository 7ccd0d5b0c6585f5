"""Important dates of a contact: add, edit, delete; 29 February and impossible days."""

import pytest
from django.urls import reverse

from reminders.models import ImportantDate
from tests.factories import make_contact, make_important_date


@pytest.fixture
def anna(owner):
    return make_contact(owner, first_name="Anna", last_name="Adler")


def post_date(client, anna, **data):
    fields = {"kind": "work", "label": "", "day": "1", "month": "4", "year": ""}
    fields.update(data)
    return client.post(reverse("reminders:date_create", args=[anna.pk]), fields)


def test_it_shows_the_form_with_localized_months(client_owner, anna):
    response = client_owner.get(reverse("reminders:date_create", args=[anna.pk]))

    assert response.status_code == 200
    assert "Dezember" in response.text


def test_it_adds_a_date_and_returns_to_the_contact(client_owner, anna):
    response = post_date(client_owner, anna, label="10 Jahre Rheinwerk", year="2016")

    assert response.status_code == 302
    assert response.url == anna.get_absolute_url()
    date = ImportantDate.objects.get()
    assert (date.owner, date.contact, date.day, date.month, date.year) == (
        anna.owner,
        anna,
        1,
        4,
        2016,
    )
    assert "10 Jahre Rheinwerk" in client_owner.get(anna.get_absolute_url()).text


@pytest.mark.parametrize("year", ["", "2024"])
def test_29_february_is_valid_without_a_year_or_in_a_leap_year(client_owner, anna, year):
    response = post_date(client_owner, anna, day="29", month="2", year=year)

    assert response.status_code == 302
    assert ImportantDate.objects.get().day == 29


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("29", "2", "2023"), ("31", "4", ""), ("0", "1", ""), ("5", "13", "")],
)
def test_an_impossible_day_is_a_field_error(client_owner, anna, day, month, year):
    response = post_date(client_owner, anna, day=day, month=month, year=year)

    assert response.status_code == 422
    assert 'class="error"' in response.text
    assert not ImportantDate.objects.exists()


def test_it_edits_and_deletes_a_date(client_owner, anna):
    date = make_important_date(anna, day=3, month=10)

    response = client_owner.post(
        reverse("reminders:date_edit", args=[date.pk]),
        {"kind": "founding", "label": "Gründung", "day": "4", "month": "10", "year": "2019"},
    )
    assert response.status_code == 302
    date.refresh_from_db()
    assert (date.kind, date.label, date.day, date.year) == ("founding", "Gründung", 4, 2019)

    assert client_owner.get(reverse("reminders:date_delete", args=[date.pk])).status_code == 200
    response = client_owner.post(reverse("reminders:date_delete", args=[date.pk]))
    assert response.url == anna.get_absolute_url()
    assert not ImportantDate.objects.exists()


def test_an_outsider_cannot_add_a_date_to_someone_elses_contact(client_outsider, anna):
    response = post_date(client_outsider, anna)

    assert response.status_code == 404
    assert not ImportantDate.objects.exists()
