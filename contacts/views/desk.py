"""The desk: the contact list as a table for a wide screen, with multi-select and the bulk
actions (contacts/views/bulk.py). The phone keeps the list (contacts/views/lists.py); both
read the same filters and rows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..forms import ContactFilterForm
from ..models import Category, Contact, Tag
from ..paging import keyset_page
from ..search_paging import searched_page
from .lists import prepare_rows

DESK_PAGE_SIZE = 100


@login_required
@require_GET
def desk(request):
    form = ContactFilterForm(request.GET)
    if not form.is_valid():
        messages.warning(request, _("Some filters were not understood and were reset."))
        form = ContactFilterForm({})
        form.is_valid()
    sort = form.sort_choice()
    cursor = sort.decode(form.cleaned_data["after"]) if form.cleaned_data["after"] else None
    owned = Contact.objects.for_owner(request.user)
    contacts = form.filter(owned, search=False).for_list()
    if query := form.cleaned_data["q"]:
        page = searched_page(contacts, query, sort, cursor, DESK_PAGE_SIZE)
    else:
        page = keyset_page(contacts, sort, cursor, DESK_PAGE_SIZE)
    prepare_rows(request, page.rows)
    next_url = None
    if page.next_cursor:
        params = request.GET.copy()
        params["after"] = page.next_cursor
        next_url = f"?{params.urlencode()}"
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
                "stale": owned.stale_search().count(),
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
    """How many contacts still wait for their search text after a bulk tag change; the desk
    polls it while there are any."""
    stale = Contact.objects.for_owner(request.user).stale_search().count()
    return render(request, "contacts/partials/search_progress.html", {"stale": stale})
