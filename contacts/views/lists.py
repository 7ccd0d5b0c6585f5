from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..forms import ContactFilterForm
from ..models import Category, Contact, Tag
from ..paging import keyset_page


@login_required
@require_GET
def contact_list(request):
    form = ContactFilterForm(request.GET)
    if not form.is_valid():
        messages.warning(request, _("Some filters were not understood and were reset."))
        form = ContactFilterForm({})
        form.is_valid()
    sort = form.sort_choice()
    cursor = None
    if form.cleaned_data["after"]:
        cursor = sort.decode(form.cleaned_data["after"])
        if cursor is None:
            messages.warning(request, _("That page link was broken; showing the start instead."))

    contacts = (
        form.filter(Contact.objects.for_owner(request.user))
        .with_sort_keys()
        .prefetch_related("tags")
    )
    page = keyset_page(contacts, sort, cursor)
    next_url = None
    if page.next_cursor:
        params = request.GET.copy()
        params["after"] = page.next_cursor
        next_url = f"?{params.urlencode()}"

    context = {
        "form": form,
        "page": page,
        "next_url": next_url,
        "tags": Tag.objects.for_owner(request.user).only("id", "name"),
        "categories": list(Category),
        "is_filtered": form.is_filtered(),
    }
    if request.htmx and cursor is not None:
        template = "contacts/list.html#rows"
    elif request.htmx and request.htmx.target == "results":
        template = "contacts/list.html#results"
    else:
        template = "contacts/list.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page; caches and history must tell them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response
