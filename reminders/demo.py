"""Mia's reminders for the demo account: follow-ups, important dates, lunches and nudges, so
the "This week" page is alive on the first visit."""

import datetime

from contacts.models import Contact

from .models import FollowUp, ImportantDate, Lunch, Nudge, NudgeKind


def build_demo_reminders(user, contacts: dict[str, Contact], today: datetime.date) -> None:
    """Build them for the demo contacts, keyed by full name; dates count from today."""

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    katrin, jonas, lena = (contacts[n] for n in ("Katrin Müller", "Jonas Weiß", "Lena Schäfer"))
    deniz, claudia, stefan = (
        contacts[n] for n in ("Deniz Yılmaz", "Claudia Hoffmann", "Stefan Wagner")
    )
    follow_ups = [
        FollowUp.objects.create(
            owner=user, contact=katrin, due_on=day(-2), note="Angebot für den Relaunch schicken"
        ),
        FollowUp.objects.create(
            owner=user, contact=jonas, due_on=day(0), note="Fragen, wie der Pitch lief"
        ),
        FollowUp.objects.create(
            owner=user,
            contact=claudia,
            due_on=day(9),
            note="Quartalsgespräch Rahmenvertrag",
            repeat="quarterly",
        ),
    ]
    ImportantDate.objects.create(
        owner=user,
        contact=lena,
        kind="founding",
        label="Studio-Gründung",
        day=day(5).day,
        month=day(5).month,
        year=today.year - 5,
    )
    ImportantDate.objects.create(
        owner=user,
        contact=stefan,
        kind="work",
        day=day(40).day,
        month=day(40).month,
        year=today.year - 10,
    )
    # One lunch done last week (in the timelines), one planned this week, one next week.
    done = Lunch.objects.create(
        owner=user, date=day(-6), time=datetime.time(12, 30), place="Hafenküche"
    )
    done.contacts.set([deniz])
    done.mark_done()
    planned = Lunch.objects.create(
        owner=user,
        # Tomorrow, unless tomorrow is next week already.
        date=day(0 if today.weekday() == 6 else 1),
        time=datetime.time(12, 30),
        place="Café Franck, Ehrenfeld",
    )
    planned.contacts.set([lena])
    later = Lunch.objects.create(
        owner=user, date=day(8), time=datetime.time(13), place="Vietnamese auf der Venloer"
    )
    later.contacts.set([jonas, katrin])
    iso_today = today.isoformat()
    Nudge.objects.create(
        owner=user,
        kind=NudgeKind.FOLLOW_UP,
        key=f"followup-{follow_ups[1].pk}-{iso_today}",
        occurs_on=today,
        contact=jonas,
        follow_up=follow_ups[1],
    )
    Nudge.objects.create(
        owner=user, kind=NudgeKind.LUNCH_WEEK, key=f"lunchweek-{iso_today}", occurs_on=today
    )
