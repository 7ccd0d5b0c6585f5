from .channel import GoalChannel
from .choices import Engagement, GoalKind, GoalStatus, GroupKind, Platform
from .event import Event
from .goal import DEFAULT_REVIEW_DAYS, Goal, GoalContact, GoalReview
from .group import Group

__all__ = [
    "DEFAULT_REVIEW_DAYS",
    "Engagement",
    "Event",
    "Goal",
    "GoalChannel",
    "GoalContact",
    "GoalKind",
    "GoalReview",
    "GoalStatus",
    "Group",
    "GroupKind",
    "Platform",
]
