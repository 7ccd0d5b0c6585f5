"""In-app nudges: the list, mark one read, mark all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netzwerk.http import done
from netzwerk.owned import owned

from ..models import Nudge

PAGE_SIZE = 20
ROW = "reminders/partials/nudge_row.html"


@login_required
@require_GET
def nudge_list(request):
    """Newest first, paged."""
    today = timezone.localdate()
    nudges = Nudge.objects.for_owner(request.user).for_display().newest_first()
    page = Paginator(nudges, PAGE_SIZE).get_page(request.GET.get("page"))
    for nudge in page:
        nudge.text = nudge.headline(today)
    return render(request, "reminders/nudges.html", {"page": page, "today": today})


@login_required
@owned(Nudge.objects.for_display())
@require_POST
def nudge_read(request, nudge):
    Nudge.objects.filter(pk=nudge.pk).mark_read()
    nudge.refresh_from_db(fields=["read_at"])
    if request.htmx:
        nudge.text = nudge.headline(timezone.localdate())
        # The row and, out of band, the badge in the nav.
        return render(request, ROW, {"nudge": nudge, "badge_oob": True})
    return done(request, reverse("reminders:nudge_list"))


@login_required
@require_POST
def nudge_read_all(request):
    count = Nudge.objects.for_owner(request.user).mark_read()
    if count:
        messages.success(request, _("All nudges marked read."))
    return done(request, reverse("reminders:nudge_list"))
