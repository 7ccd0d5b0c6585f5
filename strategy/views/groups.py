from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netzwerk.http import confirm_delete, done, posted, render_form, save_form
from netzwerk.owned import owned

from ..forms import ContactChoiceForm, GroupForm
from ..models import Group
from .common import CONFIRM_DELETE, page_with_picker, picker_results

GROUP_PAGE = "strategy/group_detail.html"
GROUP_FORM = "strategy/group_form.html"


@login_required
@require_GET
def group_list(request):
    groups = (
        Group.objects.for_owner(request.user)
        .annotate(people=Count("contacts", distinct=True))
        .order_by("name", "id")
    )
    return render(request, "strategy/group_list.html", {"groups": groups})


def group_page_context(request, group) -> dict:
    people = list(group.contacts.order_by("sort_name", "id"))
    query, found = picker_results(request, exclude_ids=[person.pk for person in people])
    return {
        "group": group,
        "people": people,
        "goals": list(group.goals.all()),
        "events": list(group.events.all()[:10]),
        "q": query,
        "found": found,
    }


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    form = GroupForm(posted(request), owner=request.user)
    return save_form(
        request,
        form,
        GROUP_FORM,
        then=lambda group: group.get_absolute_url(),
        saved=lambda group: _("“%(name)s” added.") % {"name": group.name},
    )


@login_required
@owned(Group)
@require_GET
def group_detail(request, group):
    return page_with_picker(request, GROUP_PAGE, group_page_context(request, group))


@login_required
@owned(Group)
@require_http_methods(["GET", "POST"])
def group_edit(request, group):
    form = GroupForm(posted(request), instance=group, owner=request.user)
    return save_form(request, form, GROUP_FORM, {"group": group}, then=group.get_absolute_url())


@login_required
@owned(Group)
@require_http_methods(["GET", "POST"])
def group_delete(request, group):
    return confirm_delete(
        request,
        group,
        CONFIRM_DELETE,
        {"object": group, "back": group.get_absolute_url()},
        then=reverse("strategy:groups"),
        deleted=_("“%(name)s” deleted.") % {"name": group.name},
    )


@login_required
@owned(Group)
@require_http_methods(["GET", "POST"])
def group_people(request, group):
    """Add a contact to the group (button "add"), or take one out (button "remove")."""
    if request.method == "GET":
        return render(request, GROUP_PAGE, group_page_context(request, group))
    form = ContactChoiceForm(request.POST, owner=request.user)
    if not form.is_valid():
        messages.error(request, _("That contact could not be found."))
        return render_form(request, GROUP_PAGE, group_page_context(request, group), valid=False)
    contact = form.cleaned_data["contact"]
    if request.POST.get("remove"):
        group.contacts.remove(contact)
        text = _("%(name)s was taken out of “%(group)s”.")
    else:
        group.contacts.add(contact)
        text = _("%(name)s was added to “%(group)s”.")
    messages.success(request, text % {"name": contact.name, "group": group.name})
    return done(request, group.get_absolute_url() + "#group-people")
