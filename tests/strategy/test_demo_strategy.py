"""The demo account shows the strategy features, not just contacts."""

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from contacts.models import HelpEntry, Introduction, RequestPrep
from netzwerk.management.commands.demo_data import DEMO_EMAIL
from netzwerk.models import User
from strategy.models import Event, Goal, Group


def test_the_demo_has_goals_channels_groups_events_and_introductions(db, settings, capsys):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo_data")
    mia = User.objects.get(email=DEMO_EMAIL)

    goals = Goal.objects.for_owner(mia)
    assert goals.count() == 2
    assert all(goal.channels.count() >= 2 for goal in goals)
    assert Group.objects.for_owner(mia).filter(outside_bubble=True).exists()
    assert Event.objects.for_owner(mia).filter(interaction__isnull=False).exists()
    assert Introduction.objects.for_owner(mia).filter(status="idea").exists()
    assert HelpEntry.objects.for_owner(mia).exists()
    assert RequestPrep.objects.for_owner(mia).exists()

    client = Client()
    client.force_login(mia)
    html = client.get(reverse("strategy:overview")).content.decode()
    assert html.count('class="card goal-card"') == 2
    suggestions = client.get(reverse("contacts:introductions")).content.decode()
    assert 'class="row suggestion"' in suggestions
