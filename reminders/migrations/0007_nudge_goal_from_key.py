"""Goal-review nudges made before Nudge.goal existed name their goal only in the key
("<goal id>:<review date>"): link them to the goal, if it still exists and is the owner's."""

from collections import defaultdict

from django.db import migrations

BATCH = 500


def link_goals(apps, schema_editor):
    Nudge = apps.get_model("reminders", "Nudge")
    Goal = apps.get_model("strategy", "Goal")
    nudges_of_goal = defaultdict(list)
    reviews = Nudge.objects.filter(kind="review", goal__isnull=True)
    for pk, owner_id, key in reviews.values_list("pk", "owner_id", "key").iterator():
        goal_id = key.split(":", 1)[0]
        if goal_id.isdigit():
            nudges_of_goal[int(goal_id), owner_id].append(pk)
    goal_ids = sorted({goal_id for goal_id, _owner_id in nudges_of_goal})
    for start in range(0, len(goal_ids), BATCH):
        goals = Goal.objects.filter(pk__in=goal_ids[start : start + BATCH])
        for goal_id, owner_id in goals.values_list("pk", "owner_id"):
            pks = nudges_of_goal.get((goal_id, owner_id), [])
            for first in range(0, len(pks), BATCH):
                Nudge.objects.filter(pk__in=pks[first : first + BATCH]).update(goal_id=goal_id)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0006_nudge_goal"),
        ("strategy", "0001_initial"),
    ]

    operations = [migrations.RunPython(link_goals, migrations.RunPython.noop)]
