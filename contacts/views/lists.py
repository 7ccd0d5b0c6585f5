import hashlib
from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.defaultfilters import urlencode
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page, require_GET

from netzwerk.http import parse_id, url_for_ids

from ..forms import ContactFilterForm
from ..models import Category, Contact, Status, Tag
from ..models.contact import attach_tag_names, full_name, list_row, name_initials
from ..paging import PAGE_SIZE, Page, Sort, keyset_page, page_of
from ..search_paging import searched_page

TYPING_PAGE_SIZE = 20


@login_required
@require_GET
def contact_list(request):
    form, sort, cursor = read_filters(request)
    typing = bool(request.htmx and request.htmx.target == "results" and cursor is None)
    # While typing, each key asks again: the first 20 fill a phone screen twice over and
    # are quicker to find and render than 50; "load more" goes on by 50.
    size = TYPING_PAGE_SIZE if typing else PAGE_SIZE
    page, next_url = rows_page(request, form, sort, cursor, size)

    context = {
        "form": form,
        "page": page,
        "next_url": next_url,
        # Only the chosen tag: the filter fetches all (500 in a busy network) when it is
        # opened (tag_options below), so the list does not carry them on every load.
        "tag_options": chosen_tag_option(request.user, form.cleaned_data["tag"]),
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


def chosen_tag_option(user, tag_id: int | None) -> list[tuple[int, str]]:
    """The (id, name) of the tag the list is filtered by, if it is the user's."""
    if not tag_id:
        return []
    return list(Tag.objects.for_owner(user).filter(pk=tag_id).values_list("id", "name"))


@login_required
@require_GET
@conditional_page
def tag_options(request):
    """Every tag as an <option> of the list's tag filter, fetched when the filter is opened
    (static/js/app.js). The ETag lets the browser keep them while they are unchanged."""
    selected = parse_id(request.GET.get("selected"))
    options = Tag.objects.for_owner(request.user).values_list("id", "name")
    response = render(
        request,
        "contacts/partials/tag_options.html",
        {"tag_options": options, "selected": selected},
    )
    patch_cache_control(response, private=True, no_cache=True)
    # Weak: the same options may travel compressed or not.
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    response["ETag"] = f'W/"{digest}"'
    return response


def read_filters(request) -> tuple[ContactFilterForm, Sort, list | None]:
    """The list's filters, sort and "load more" cursor from the query string (the list and
    the desk read the same); what is not understood is reset with a message."""
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
    return form, sort, cursor


def rows_page(request, form, sort, cursor, size: int) -> tuple[Page, str | None]:
    """One page of the filtered rows, prepared for display, and the link to the next."""
    if query := form.cleaned_data["q"]:
        contacts = form.filter(Contact.objects.for_owner(request.user), search=False)
        filters = [form.cleaned_data[name] for name in ("status", "category", "tag")]
        scope = ":".join(str(part or "") for part in (request.user.pk, *filters))
        page = searched_page(contacts.for_list(), query, sort, cursor, size, scope=scope)
        # Not in the search's own queries: they may read a thousand rows for a page.
        attach_tag_names(page.rows)
        page.rows = [list_row(contact) for contact in page.rows]
    elif cursor is None and not form.is_filtered():
        # The list as it opens, its most requested page: a query compiled once.
        rows = Contact.objects.opening_rows(request.user, sort.order_by(), size + 1)
        page = page_of(rows, sort, size)
    else:
        contacts = form.filter(Contact.objects.list_rows_of(request.user), search=False)
        page = keyset_page(contacts, sort, cursor, size)
    page.rows = prepare_rows(request, page.rows)
    next_url = None
    if page.next_cursor:
        params = request.GET.copy()
        params["after"] = page.next_cursor
        next_url = f"?{params.urlencode()}"
    return page, next_url


@lru_cache(maxsize=4096)
def date_label(day, language: str) -> str:
    """A date in the language's DATE_FORMAT, cached: a page shows the same few dates many
    times."""
    return date_format(day, "DATE_FORMAT")


def prepare_rows(request, rows: list[dict]) -> list[dict]:
    """What each row shows, as a dict, computed once per page rather than in template lookups
    per row, from the rows' values (Contact.objects.list_rows(), list_row()).

    Rendering the rows dominates the list. The labels are the same for every row, so they
    are looked up once here; and a template finds a dict's key at its first try, where it
    tries an object's attribute only after a failed key lookup.
    """
    detail_url, log_url = url_for_ids("contacts:detail"), url_for_ids("contacts:log")
    back = urlencode(request.get_full_path())
    labels = {c.value: str(c.label) for c in Category}
    never = _("no contact logged yet")
    last_contact = _("last contact %(when)s")
    log_with = _("Log an interaction with %(name)s")
    language = get_language()
    pills = {
        Status.WISH: {"css": "pill", "label": _("wish")},
        Status.ARCHIVED: {"css": "pill muted", "label": _("archived")},
    }
    prepared = []
    for row in rows:
        first, last = row["first_name"], row["last_name"]
        name = full_name(first, last)
        pk, role, company, city = row["id"], row["role"], row["company"], row["city"]
        day = row["last_contacted_on"]
        prepared.append(
            {
                "pk": pk,
                "list_name": name,
                "initials": name_initials(first, last),
                "role": role,
                "company": company,
                "city": city,
                "row_sub": " · ".join(part for part in (role, company, city) if part),
                "category": row["category"],
                "category_label": labels[row["category"]],
                "pill": pills.get(row["status"]),
                "tag_names": row["tag_names"],
                "last_contacted_on": day,
                "last_contact_label": (
                    last_contact % {"when": date_label(day, language)} if day else never
                ),
                "url": detail_url(pk),
                "log_url": f"{log_url(pk)}?next={back}",
                "log_label": log_with % {"name": name},
            }
        )
    return prepared
