"""Goals and groups as circles for the introduction suggestions (contacts.extensions):
two people linked to the same goal, or in the same group, may want to meet."""

from django.utils.translation import gettext as _

from contacts.extensions import Circle

from .models import GoalContact, Group

GOALS = Circle(
    kind="goal",
    through=GoalContact,
    circle_field="goal_id",
    label="goal__title",
    weight=3,
    reason=lambda name: _("both matter for your goal “%(name)s”") % {"name": name},
)
GROUPS = Circle(
    kind="group",
    through=Group.contacts.through,
    circle_field="group_id",
    label="group__name",
    weight=3,
    reason=lambda name: _("both in “%(name)s”") % {"name": name},
)
