"""Ownership lookups shared by the reminders views; the response helpers come from contacts."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ..models import FollowUp, ImportantDate, Lunch, Nudge


def get_follow_up(request: HttpRequest, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.for_owner(request.user).select_related("contact"), pk=pk
    )


def get_important_date(request: HttpRequest, pk: int) -> ImportantDate:
    return get_object_or_404(
        ImportantDate.objects.for_owner(request.user).select_related("contact"), pk=pk
    )


def get_lunch(request: HttpRequest, pk: int) -> Lunch:
    return get_object_or_404(Lunch.objects.for_owner(request.user).with_people(), pk=pk)


def get_nudge(request: HttpRequest, pk: int) -> Nudge:
    return get_object_or_404(Nudge.objects.for_owner(request.user).for_display(), pk=pk)
