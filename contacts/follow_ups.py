"""Hand-over to the reminders app: plan to ask later how an introduction went."""

import datetime

# Three weeks give the two people time to meet before the owner asks how it went.
ASK_HOW_IT_WENT_AFTER = datetime.timedelta(days=21)


def schedule_introduction_follow_up(introduction):
    """Create the follow-up reminder for an introduction just made; returns it or None.

    The follow-up model lives in the reminders app; without it nothing is scheduled.
    """
    return None
