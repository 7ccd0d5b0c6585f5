"""The desk: the contact list as a table for a wide screen, with multi-select and the bulk
actions (contacts/views/bulk.py). The phone keeps the list (contacts/views/lists.py); both
read the same filters and rows."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from ..models import Category, Contact, Tag
from ..models.bulk import WAITING_COUNTED
from .lists import read_filters, rows_page

DESK_PAGE_SIZE = 100


@login_required
@require_GET
def desk(request):
    form, sort, cursor = read_filters(request)
    page, next_url = rows_page(request, form, sort, cursor, DESK_PAGE_SIZE)
    owned = Contact.objects.for_owner(request.user)
    context = {"form": form, "page": page, "next_url": next_url}
    if request.htmx and cursor is not None:
        response = render(request, "contacts/partials/desk_table.html#desk-rows", context)
    else:
        context.update(
            {
                "matching": form.filter(owned).count(),
                "filters": [(f"f-{k}", v) for k, v in form.cleaned_data.items() if k != "after"],
                # (id, name): the filter's options and the tag field's suggestions.
                "tag_options": list(Tag.objects.for_owner(request.user).values_list("id", "name")),
                "categories": list(Category),
                **search_progress_context(request.user),
                "is_filtered": form.is_filtered(),
            }
        )
        template = "contacts/desk.html"
        if request.htmx and request.htmx.target == "desk-results":
            template = "contacts/partials/desk_table.html"
        response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@login_required
@require_GET
def search_progress(request):
    """How many contacts still wait for their search text after a tag change; the desk and
    the tags page poll it while there are any."""
    return render(
        request, "contacts/partials/search_progress.html", search_progress_context(request.user)
    )


def search_progress_context(user) -> dict:
    """The context of the search progress note (contacts/partials/search_progress.html)."""
    return {"stale": Contact.objects.waiting_for_search(user), "counted": WAITING_COUNTED}
