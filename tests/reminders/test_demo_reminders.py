"""The demo account's "This week" page has something in every section."""

import io

from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from netzwerk.management.commands.demo_data import DEMO_EMAIL
from netzwerk.models import User
from reminders.models import FollowUp, Lunch, Nudge


def test_the_demo_dashboard_is_alive(db):
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo_data", stdout=io.StringIO())
    demo = User.objects.get(email=DEMO_EMAIL)
    client = Client()
    client.force_login(demo)

    text = client.get(reverse("reminders:dashboard")).text

    assert FollowUp.objects.for_owner(demo).open().count() == 3
    assert Lunch.objects.for_owner(demo).filter(status="done").get().interaction is not None
    assert Nudge.objects.for_owner(demo).unread().count() == 2
    assert "Angebot für den Relaunch schicken" in text
    assert "Café Franck" in text.split('id="dashboard-lunch"')[1].split("</section>")[0]
    assert 'id="dashboard-nudges"' in text
    assert "Studio-Gründung" in text
