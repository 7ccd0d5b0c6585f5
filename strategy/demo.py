"""Mia's strategy for the demo account: goals with channels and linked contacts, groups and
events."""

import datetime

from contacts.models import Contact

from .models import Event, Goal, GoalChannel, GoalContact, Group


def build_demo_strategy(user, contacts: dict[str, Contact], today: datetime.date) -> None:
    """Build it from the demo contacts, keyed by full name; dates count back from today."""

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    experts = Goal.objects.create(
        owner=user,
        title="Als Expertin für barrierefreie Formulare gefragt sein",
        kind="expert",
        description="Vorträge, Artikel und Workshops zu barrierefreien Formularen in Behörden.",
        target_date=ago(-270),
        created_on=ago(95),
        review_every_days=90,
    )
    clients = Goal.objects.create(
        owner=user,
        title="Zwei neue Kundinnen im Mittelstand",
        kind="clients",
        target_date=ago(-180),
        created_on=ago(40),
        review_every_days=60,
    )
    clients.record_review(
        reviewed_on=ago(12),
        still_fits="Mittelstand im Rheinland passt, Empfehlungen wirken am besten.",
        changes="Weniger Instagram, mehr IHK-Arbeitskreis.",
    )
    for goal, platform, minutes, reason in (
        (experts, "linkedin", 60, "Entscheiderinnen aus Verwaltung und Agenturen lesen mit."),
        (experts, "mastodon", 20, "Die Accessibility-Community ist dort sehr aktiv."),
        (experts, "newsletter", 45, "Ein Fall pro Monat aus der Praxis, für Stammleser."),
        (clients, "xing", 30, "Im Mittelstand noch immer das Netzwerk der Wahl."),
        (clients, "linkedin", 30, "Fallstudien zeigen, was Research bringt."),
    ):
        GoalChannel.objects.create(
            goal=goal, platform=platform, weekly_minutes=minutes, reason=reason
        )
    for goal, name, step in (
        (experts, "Katrin Müller", "Fallstudie zum Antragsformular gemeinsam veröffentlichen"),
        (experts, "Aylin Kaya", "Fragen, ob sie beim Accessibility-Meetup mitredet"),
        (experts, "Rebecca Sommer", "Kontaktanfrage mit persönlicher Nachricht schicken"),
        (clients, "Stefan Wagner", "Nach der Website-Ausschreibung fragen"),
        (clients, "Claudia Hoffmann", "Auf dem Verbandstreffen ansprechen"),
    ):
        if name in contacts:
            GoalContact.objects.create(goal=goal, contact=contacts[name], next_step=step)

    ihk = Group.objects.create(
        owner=user,
        name="IHK Köln, Arbeitskreis Digitalisierung",
        kind="chamber",
        engagement="member",
        outside_bubble=True,
        notes="Viele Handwerksbetriebe, wenige Designer: genau deshalb.",
    )
    stammtisch = Group.objects.create(
        owner=user, name="UX-Stammtisch Köln", kind="stammtisch", engagement="speaking"
    )
    ihk.goals.set([clients])
    stammtisch.goals.set([experts])
    ihk.contacts.set(_present(contacts, ["Claudia Hoffmann", "Björn Jäger", "Nils Friedrich"]))
    stammtisch.contacts.set(
        _present(contacts, ["Felix Hartmann", "Sven Köhler", "Isabel Roth", "Heike Baumann"])
    )
    meetup = Event.objects.create(
        owner=user,
        title="IHK-Forum Handwerk digital",
        date=ago(9),
        place="IHK Köln, Unter Sachsenhausen",
        group=ihk,
        outside_bubble=True,
    )
    meetup.record_met(_present(contacts, ["Björn Jäger"]), ["Ralf Steinmetz"])
    Event.objects.create(
        owner=user,
        title="UX-Stammtisch: Vortrag über barrierefreie Formulare",
        date=ago(-12),
        place="Coworking Ehrenfeld",
        group=stammtisch,
    )


def _present(contacts: dict[str, Contact], names: list[str]) -> list[Contact]:
    return [contacts[name] for name in names if name in contacts]
