from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import IntroductionEditForm, IntroductionForm, IntroductionProgressForm
from ..models import Contact, Introduction, IntroductionStatus
from ..suggestions import suggest_introductions
from .common import done, render_form

SUGGESTIONS_SHOWN = 10
SEARCH_RESULTS = 10


def get_introduction(request, pk: int) -> Introduction:
    return get_object_or_404(
        Introduction.objects.for_owner(request.user).select_related("contact_a", "contact_b"),
        pk=pk,
    )


def sender_name(user) -> str:
    return user.first_name or user.email


def _contact_param(request, name: str) -> Contact | None:
    value = request.GET.get(name, "")
    if not value.isdigit():
        return None
    return Contact.objects.for_owner(request.user).filter(pk=int(value)).first()


@login_required
@require_GET
def introduction_list(request):
    """Suggested pairs (best first, with the reason) and the introductions recorded."""
    focus = _contact_param(request, "contact")
    suggestions = suggest_introductions(request.user, SUGGESTIONS_SHOWN, contact=focus)
    introductions = list(
        Introduction.objects.for_owner(request.user)
        .select_related("contact_a", "contact_b")
        .order_by("-updated_at", "-id")[:100]
    )
    return render(
        request,
        "contacts/introductions.html",
        {
            "focus": focus,
            "suggestions": suggestions,
            "introductions": introductions,
            "statuses": list(IntroductionStatus),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def introduction_create(request):
    """Record two people who should meet. ?a= and ?b= preselect them; a search finds them."""
    a, b = _contact_param(request, "a"), _contact_param(request, "b")
    initial = {"contact_a": a, "contact_b": b, "why": request.GET.get("why", "")[:2000]}
    form = IntroductionForm(
        request.POST if request.method == "POST" else None, owner=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        introduction = form.save()
        messages.success(
            request,
            _("Introduction idea saved: %(pair)s") % {"pair": str(introduction)},
        )
        return done(request, introduction.get_absolute_url())
    query = request.GET.get("q", "")[:200].strip()
    found = []
    if query and not (a and b):
        found = list(
            Contact.objects.for_owner(request.user)
            .visible()
            .search(query)
            .exclude(pk__in=[c.pk for c in (a, b) if c])
            .order_by("sort_name", "id")[:SEARCH_RESULTS]
        )
    if request.method == "POST":
        # The form was validated above; re-show the people that were posted.
        a = form.cleaned_data.get("contact_a") or a
        b = form.cleaned_data.get("contact_b") or b
    context = {"form": form, "a": a, "b": b, "q": query, "found": found}
    return render_form(
        request, "contacts/introduction_form.html", context, valid=request.method == "GET"
    )


@login_required
@require_http_methods(["GET", "POST"])
def introduction_detail(request, pk: int):
    introduction = get_introduction(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "contacts/introduction_detail.html",
        {
            "introduction": introduction,
            "drafts": introduction.opt_in_drafts(sender_name(request.user)),
            "statuses": list(IntroductionStatus),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def introduction_edit(request, pk: int):
    introduction = get_introduction(request, pk)
    form = IntroductionEditForm(
        request.POST if request.method == "POST" else None, instance=introduction
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return done(request, introduction.get_absolute_url())
    return render_form(
        request,
        "contacts/introduction_edit.html",
        {"form": form, "introduction": introduction},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def introduction_progress(request, pk: int):
    """Made, led somewhere, or back to an idea; GET shows the introduction."""
    introduction = get_introduction(request, pk)
    if request.method == "GET":
        return introduction_detail(request, pk)
    form = IntroductionProgressForm(request.POST)
    if form.is_valid():
        form.apply(introduction)
        messages.success(
            request,
            _("%(pair)s: %(status)s")
            % {"pair": str(introduction), "status": introduction.get_status_display()},
        )
    else:
        messages.error(request, _("That step is unknown."))
    return done(request, introduction.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def introduction_delete(request, pk: int):
    introduction = get_introduction(request, pk)
    if request.method == "POST":
        introduction.delete()
        messages.success(request, _("The introduction was deleted."))
        return done(request, reverse("contacts:introductions"))
    return render(
        request,
        "contacts/introduction_delete.html",
        {"introduction": introduction},
    )
