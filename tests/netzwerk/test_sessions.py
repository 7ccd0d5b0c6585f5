"""Sessions: seeing them, ending one, ending all ("sign out everywhere")."""

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from netzwerk.models import User


def is_logged_in(client: Client) -> bool:
    return client.get(reverse("contacts:list")).status_code == 200


def test_signing_out_everywhere_ends_sessions_and_moves_the_calendar_feed(owner, client_owner):
    feed = reverse("reminders:calendar_feed", args=[owner.calendar_token])
    assert client_owner.get(feed).status_code == 200

    User.objects.get(pk=owner.pk).sign_out_everywhere()

    assert not is_logged_in(client_owner)
    assert SESSION_KEY not in client_owner.session
    assert Client().get(feed).status_code == 404
