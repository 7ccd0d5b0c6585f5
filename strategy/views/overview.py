from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..models import Goal, GoalChannel, Platform
from ..overview import strategy_overview, time_by_platform


@login_required
@require_GET
def overview(request):
    context = strategy_overview(request.user, timezone.localdate())
    context["other_goals"] = list(
        Goal.objects.for_owner(request.user).exclude(status="active").order_by("title", "id")
    )
    return render(request, "strategy/overview.html", context)


@login_required
@require_GET
def weekly_time(request):
    """Where the weekly time goes: per platform, and every channel of the active goals."""
    channels = list(
        GoalChannel.objects.for_owner(request.user)
        .of_active_goals()
        .select_related("goal")
        .order_by("-weekly_minutes", "goal__title", "id")
    )
    bars = time_by_platform(request.user)
    total = sum(bar.value for bar in bars)
    return render(
        request,
        "strategy/weekly_time.html",
        {"bars": bars, "total": total, "channels": channels, "platforms": Platform},
    )
