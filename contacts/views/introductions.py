from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netzwerk.http import confirm_delete, done, posted, render_form, save_form
from netzwerk.owned import owned

from ..forms import IntroductionEditForm, IntroductionForm, IntroductionProgressForm
from ..models import Introduction, IntroductionStatus
from ..suggestions import suggest_introductions
from .people import people_found, prefilled_contacts, searched

SUGGESTIONS_SHOWN = 10
SEARCH_RESULTS = 10
# With both people, for the title and the messages.
WITH_PEOPLE = Introduction.objects.select_related("contact_a", "contact_b")


def sender_name(user) -> str:
    return user.first_name or user.email


def _one(request, name: str):
    people = prefilled_contacts(request, name)
    return people[0] if people else None


@login_required
@require_GET
def introduction_list(request):
    """Suggested pairs (best first, with the reason) and the introductions recorded."""
    focus = _one(request, "contact")
    suggestions = suggest_introductions(request.user, SUGGESTIONS_SHOWN, contact=focus)
    introductions = list(WITH_PEOPLE.for_owner(request.user).order_by("-updated_at", "-id")[:100])
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
    a, b = _one(request, "a"), _one(request, "b")
    initial = {"contact_a": a, "contact_b": b, "why": request.GET.get("why", "")[:2000]}
    form = IntroductionForm(posted(request), owner=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        introduction = form.save()
        messages.success(
            request,
            _("Introduction idea saved: %(pair)s") % {"pair": str(introduction)},
        )
        return done(request, introduction.get_absolute_url())
    query = searched(request)
    found = []
    if not (a and b):
        found = people_found(request, query, [c.pk for c in (a, b) if c], SEARCH_RESULTS)
    if request.method == "POST":
        # The form was validated above; re-show the people that were posted.
        a = form.cleaned_data.get("contact_a") or a
        b = form.cleaned_data.get("contact_b") or b
    context = {"form": form, "a": a, "b": b, "q": query, "found": found}
    return render_form(
        request, "contacts/introduction_form.html", context, valid=request.method == "GET"
    )


def _detail_page(request, introduction):
    return render(
        request,
        "contacts/introduction_detail.html",
        {
            "introduction": introduction,
            "drafts": introduction.opt_in_drafts(sender_name(request.user), request.user.language),
            "statuses": list(IntroductionStatus),
        },
    )


@login_required
@owned(WITH_PEOPLE)
@require_GET
def introduction_detail(request, introduction):
    return _detail_page(request, introduction)


@login_required
@owned(WITH_PEOPLE)
@require_http_methods(["GET", "POST"])
def introduction_edit(request, introduction):
    form = IntroductionEditForm(posted(request), instance=introduction)
    return save_form(
        request,
        form,
        "contacts/introduction_edit.html",
        {"introduction": introduction},
        then=introduction.get_absolute_url(),
    )


@login_required
@owned(WITH_PEOPLE)
@require_http_methods(["GET", "POST"])
def introduction_progress(request, introduction):
    """Made, led somewhere, or back to an idea; GET shows the introduction."""
    if request.method == "GET":
        return _detail_page(request, introduction)
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
@owned(WITH_PEOPLE)
@require_http_methods(["GET", "POST"])
def introduction_delete(request, introduction):
    return confirm_delete(
        request,
        introduction,
        "contacts/introduction_delete.html",
        {"introduction": introduction},
        then=reverse("contacts:introductions"),
        deleted=_("The introduction was deleted."),
    )
