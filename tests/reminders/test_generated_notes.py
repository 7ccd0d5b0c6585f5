"""Text the app writes itself is stored as a code and rendered in the reader's language; the
notes written before that are turned into codes where the whole note is the app's text."""

import datetime
import importlib

from django.apps import apps

from contacts.models import Interaction, Occasion
from reminders.models import FollowUp
from tests.factories import make_contact

from .helpers import follow_up


def test_congratulation_notes_become_occasions_in_both_languages(owner):
    migration = importlib.import_module("contacts.migrations.0016_interaction_occasion")
    ben = make_contact(owner)
    german = ben.log_interaction("message", datetime.date(2026, 12, 2), "Gratuliert (2026-12-01)")
    english = ben.log_interaction(
        "message", datetime.date(2026, 3, 5), "Congratulated (2026-03-04)"
    )
    written = ben.log_interaction(
        "message", datetime.date(2026, 3, 5), "Gratuliert (2026-03-04), Sekt!"
    )
    plain = ben.log_interaction("coffee", datetime.date(2026, 3, 5), "Gratuliert (zum Job)")

    migration.notes_to_occasions(apps, None)

    rows = {i.pk: (i.notes, i.occasion, i.occasion_on) for i in Interaction.objects.all()}
    assert rows[german.pk] == ("", Occasion.CONGRATULATED, datetime.date(2026, 12, 1))
    assert rows[english.pk] == ("", Occasion.CONGRATULATED, datetime.date(2026, 3, 4))
    assert rows[written.pk] == ("Gratuliert (2026-03-04), Sekt!", "", None)
    assert rows[plain.pk] == ("Gratuliert (zum Job)", "", None)


def test_introduction_follow_up_notes_become_topics_in_both_languages(owner):
    migration = importlib.import_module("reminders.migrations.0010_follow_up_topic")
    anna = make_contact(owner)
    day = datetime.date(2026, 12, 2)
    german = follow_up(
        owner, anna, day, note="Fragen, wie die Vorstellung mit Ben Berg gelaufen ist"
    )
    english = follow_up(owner, anna, day, note="Ask how the introduction to Cem Çelik went")
    written = follow_up(owner, anna, day, note="Fragen, wie die Vorstellung mit Ben lief")

    migration.notes_to_topics(apps, None)

    rows = {f.pk: (f.note, f.topic, f.topic_name) for f in FollowUp.objects.all()}
    assert rows[german.pk] == ("", "introduction", "Ben Berg")
    assert rows[english.pk] == ("", "introduction", "Cem Çelik")
    assert rows[written.pk] == ("Fragen, wie die Vorstellung mit Ben lief", "", "")
