"""The demo account that `bin/run` creates on the first start: what a first visitor finds."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from contacts.forms import ContactForm
from contacts.models import Category, Contact, Interaction, Status, Tag
from netzwerk.management.commands.demo_data import DEMO_EMAIL, DEMO_PASSWORD
from netzwerk.models import User
from tests.factories import make_contact, make_interaction
from tests.shared_rows import rows_for_several_tests

# The demo is built many times here; the production hasher would dominate the run time.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EXAMPLE_DOMAIN = re.compile(r"@([a-z0-9-]+\.)*example\.(com|de|org|net)$")


@pytest.fixture(autouse=True)
def fast_hashing_and_fresh_rate_limits(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # allauth counts logins per IP in the cache; other modules' logins must not throttle ours.
    cache.clear()


def run(*args: str) -> str:
    out = io.StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def snapshot(user: User) -> tuple[list, list]:
    """What a user would see of the demo, without database ids."""
    contacts = [
        (c.name, c.category, c.status, c.emails, c.phones, c.birthday, c.last_contacted_on)
        for c in Contact.objects.for_owner(user).order_by("last_name", "first_name")
    ]
    interactions = [
        (i.date, i.kind, i.notes, sorted(c.name for c in i.contacts.all()))
        for i in Interaction.objects.for_owner(user)
        .order_by("date", "notes")
        .prefetch_related("contacts")
    ]
    return contacts, interactions


def days_until_birthday(contact: Contact, today: datetime.date) -> int:
    for year in (today.year, today.year + 1):
        try:
            birthday = datetime.date(year, contact.birthday_month, contact.birthday_day)
        except ValueError:  # 29 February outside a leap year
            continue
        if birthday >= today:
            return (birthday - today).days
    return 366


@pytest.fixture(scope="class")
def shared_demo(django_db_setup, django_db_blocker):
    """One demo for the tests that only read it (or whose change is undone: each test runs
    in a transaction nested in the one that holds the demo, tests/shared_rows.py)."""
    with rows_for_several_tests(django_db_blocker):
        run()
        yield


class TestTheDemoNetwork:
    @pytest.fixture
    def demo(self, shared_demo, db) -> User:
        return User.objects.get(email=DEMO_EMAIL)

    def test_mia_logs_in_on_the_login_page_with_the_documented_password(self, demo):
        client = Client()

        response = client.post(
            reverse("account_login"), {"login": DEMO_EMAIL, "password": DEMO_PASSWORD}
        )

        assert response.status_code == 302
        assert response.url == reverse("reminders:dashboard")
        assert "Katrin Müller" in client.get(reverse("contacts:list")).text
        assert (demo.first_name, demo.language, demo.time_zone, demo.home_city) == (
            "Mia",
            "de",
            "Europe/Berlin",
            "Köln",
        )

    def test_mia_logs_in_even_when_email_verification_is_mandatory(self, demo, settings):
        settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

        response = Client().post(
            reverse("account_login"), {"login": DEMO_EMAIL, "password": DEMO_PASSWORD}
        )

        assert response.status_code == 302
        assert response.url == reverse("reminders:dashboard")

    def test_it_has_about_sixty_contacts_in_every_category_and_status(self, demo):
        contacts = Contact.objects.for_owner(demo)
        categories = Counter(contacts.values_list("category", flat=True))
        statuses = Counter(contacts.values_list("status", flat=True))

        assert 55 <= contacts.count() <= 65
        assert 8 <= categories[Category.EINHORN] <= 12
        assert 17 <= categories[Category.FLAMINGO] <= 23
        assert 26 <= categories[Category.PINGUIN] <= 34
        assert statuses[Status.WISH] >= 3
        assert 2 <= statuses[Status.ARCHIVED] <= 3
        assert 1 <= contacts.untriaged_pinguine().count() <= 15

    def test_contacts_have_the_details_a_user_browses(self, demo):
        contacts = list(Contact.objects.for_owner(demo).prefetch_related("tags", "links"))
        emails = [email for c in contacts for email in c.emails]

        assert 10 <= Tag.objects.for_owner(demo).count() <= 15
        assert sum(bool(c.tags.all()) for c in contacts) >= 40
        assert sum(bool(c.links.all()) for c in contacts) >= 30
        assert sum(c.warmth is not None for c in contacts) >= 40
        assert sum(c.keep_in_touch_days is not None for c in contacts) >= 3
        assert sum(bool(c.how_we_met) for c in contacts) >= 50
        assert {c.city for c in contacts} >= {"Köln", "Düsseldorf", "Bonn", "Berlin", "Hamburg"}
        assert len(emails) >= 50
        assert all(EXAMPLE_DOMAIN.search(email) for email in emails), emails

    def test_birthdays_include_29_february_and_some_in_the_next_three_weeks(self, demo):
        today = timezone.localdate()
        with_birthday = [c for c in Contact.objects.for_owner(demo) if c.birthday]

        assert 30 <= len(with_birthday) <= 40
        assert sum(c.birthday_year is None for c in with_birthday) >= 5
        assert [(c.birthday_day, c.birthday_month) for c in with_birthday].count((29, 2)) == 1
        assert sum(days_until_birthday(c, today) <= 21 for c in with_birthday) >= 3

    def test_every_contact_can_be_saved_unchanged_in_the_edit_form(self, demo):
        for contact in Contact.objects.for_owner(demo):
            unbound = ContactForm(instance=contact, owner=demo)
            data = {field.name: field.value() for field in unbound}

            form = ContactForm(
                {name: value for name, value in data.items() if value is not None},
                instance=contact,
                owner=demo,
            )

            assert form.is_valid(), (contact.name, form.errors)

    def test_interactions_span_eighteen_months_and_set_last_contacted(self, demo):
        today = timezone.localdate()
        interactions = Interaction.objects.for_owner(demo).prefetch_related("contacts")
        oldest = min(i.date for i in interactions)
        group_sizes = Counter(len(i.contacts.all()) for i in interactions)

        assert 120 <= len(interactions) <= 180
        assert 365 <= (today - oldest).days <= 550
        assert {i.kind for i in interactions} == {
            "coffee",
            "lunch",
            "call",
            "message",
            "meeting",
            "event",
            "other",
        }
        assert all(i.notes for i in interactions)
        assert sum(n for size, n in group_sizes.items() if size >= 2) >= 10
        for contact in Contact.objects.for_owner(demo).annotate(latest=Max("interactions__date")):
            assert contact.last_contacted_on == contact.latest, contact.name

    def test_einhoerner_are_met_more_often_and_more_recently_than_pinguine(self, demo):
        today = timezone.localdate()
        contacts = Contact.objects.for_owner(demo).filter(status=Status.ACTIVE)
        einhoerner = list(contacts.filter(category=Category.EINHORN))
        pinguine = list(contacts.filter(category=Category.PINGUIN))

        assert all((today - c.last_contacted_on).days <= 60 for c in einhoerner)
        assert all(c.interactions.count() >= 5 for c in einhoerner)
        assert max(c.interactions.count() for c in pinguine) < 5
        assert sum(c.last_contacted_on is None for c in pinguine) >= 3

    def test_search_finds_mueller_however_it_is_spelled(self, demo):
        client = Client()
        client.force_login(demo)

        for query in ("Müller", "mueller", "muller"):
            found = Contact.objects.for_owner(demo).search(query)
            response = client.get(reverse("contacts:list"), {"q": query})

            assert "Katrin Müller" in [c.name for c in found]
            assert "Katrin Müller" in response.text
        assert Contact.objects.for_owner(demo).search("weiss").count() >= 2

    def test_a_plain_run_on_an_existing_demo_changes_nothing_and_says_so(self, demo):
        Contact.objects.for_owner(demo).filter(last_name="Müller").delete()
        before = snapshot(demo)

        output = run()

        assert "exists already" in output
        assert "--reset" in output
        assert snapshot(demo) == before
        assert User.objects.filter(email=DEMO_EMAIL).count() == 1

    def test_a_failing_reset_keeps_the_old_demo(self, demo, monkeypatch):
        before = snapshot(demo)

        def broken(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(Contact, "log_interaction", broken)

        with pytest.raises(RuntimeError):
            run("--reset")

        assert snapshot(User.objects.get(email=DEMO_EMAIL)) == before


@pytest.fixture
def demo(db) -> User:
    run()
    return User.objects.get(email=DEMO_EMAIL)


def test_if_empty_creates_the_demo_once_and_then_does_nothing(db):
    first = run("--if-empty")
    demo = User.objects.get(email=DEMO_EMAIL)
    before = snapshot(demo)

    second = run("--if-empty")

    assert "Created demo user" in first
    assert "nothing to do" in second
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1
    assert snapshot(demo) == before


def test_reset_recreates_the_demo_as_new(demo):
    before = snapshot(demo)
    make_contact(demo, first_name="Nur", last_name="Ausprobiert")
    demo.set_password("changed-by-a-visitor")
    demo.save()

    output = run("--reset")

    new_demo = User.objects.get(email=DEMO_EMAIL)
    assert "Recreated demo user" in output
    assert snapshot(new_demo) == before
    assert not Contact.objects.filter(last_name="Ausprobiert").exists()
    assert Client().login(email=DEMO_EMAIL, password=DEMO_PASSWORD)


def test_it_leaves_other_users_data_alone(owner):
    anna = make_contact(owner, first_name="Anna", last_name="Müller", tags=["Kunde"])
    make_interaction(anna, kind="lunch", days_ago=3, notes="Mittagessen")

    run()
    run("--reset")

    anna.refresh_from_db()
    assert list(Contact.objects.for_owner(owner)) == [anna]
    assert [t.name for t in Tag.objects.for_owner(owner)] == ["Kunde"]
    assert Interaction.objects.for_owner(owner).count() == 1
    assert anna.last_contacted_on == timezone.localdate() - datetime.timedelta(days=3)
    assert Tag.objects.filter(name="Kunde").count() == 2


def test_a_failing_run_leaves_nothing_half_created(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Contact, "log_interaction", broken)

    with pytest.raises(RuntimeError):
        run()

    assert not User.objects.filter(email=DEMO_EMAIL).exists()
    assert not Contact.objects.exists()


def test_if_empty_and_reset_cannot_be_combined(db):
    with pytest.raises(CommandError):
        run("--if-empty", "--reset")


def test_prepare_migrates_and_creates_the_demo_on_the_first_start_only(db):
    """`bin/run` prepares with one command on every start."""
    out = io.StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("prepare", stdout=out)
        demo = User.objects.get(email=DEMO_EMAIL)
        before = snapshot(demo)
        call_command("prepare", stdout=out)

    assert "No migrations to apply" in out.getvalue()
    assert "Created demo user" in out.getvalue()
    assert "nothing to do" in out.getvalue()
    assert snapshot(demo) == before
