from .digest import Digest, DigestState
from .followup import FollowUp, Repeat
from .important_date import DateKind, ImportantDate
from .lunch import Lunch, LunchNotYet, LunchStatus
from .nudge import EmailState, Nudge, NudgeKind
from .periodic import PeriodicRun
from .push import PushDelivery, PushState, PushSubscription, PushTopic

__all__ = [
    "DateKind",
    "Digest",
    "DigestState",
    "EmailState",
    "FollowUp",
    "ImportantDate",
    "Lunch",
    "LunchNotYet",
    "LunchStatus",
    "Nudge",
    "NudgeKind",
    "PeriodicRun",
    "PushDelivery",
    "PushState",
    "PushSubscription",
    "PushTopic",
    "Repeat",
]
