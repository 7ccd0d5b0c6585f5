"""Hand-over to the reminders app: plan to ask later how an introduction went."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

# Three weeks give the two people time to meet before the owner asks how it went.
ASK_HOW_IT_WENT_AFTER = datetime.timedelta(days=21)


def schedule_introduction_follow_up(introduction):
    """Create the follow-up reminder for an introduction just made, and return it.

    It is due three weeks after the introduction, on person A. Marking the same
    introduction as made twice on one day creates no second reminder.
    """
    from reminders.models import FollowUp

    made_on = introduction.made_on or timezone.localdate()
    note = _("Ask how the introduction to %(other)s went") % {"other": introduction.contact_b.name}
    follow_up, _created = FollowUp.objects.get_or_create(
        owner=introduction.owner,
        contact=introduction.contact_a,
        due_on=made_on + ASK_HOW_IT_WENT_AFTER,
        note=note[:500],
        done_at__isnull=True,
    )
    return follow_up
