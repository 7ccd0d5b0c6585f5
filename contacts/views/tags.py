from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from netzwerk.http import confirm_delete, posted, render_form, save_form, url_for_ids
from netzwerk.owned import owned
from netzwerk.paging import open_ended_page

from ..forms import TagForm
from ..models import Tag
from ..models.tag import count_contacts
from .desk import search_progress_context

TAGS_PAGE_SIZE = 100


@login_required
@require_http_methods(["GET", "POST"])
def tag_list(request):
    """The tags with their contact counts, a page at a time; the form on top creates one."""
    form = TagForm(posted(request), owner=request.user)
    if request.method == "POST" and form.is_valid():
        tag = form.save()
        messages.success(request, _("Tag “%(name)s” created.") % {"name": tag.name})
        return redirect("contacts:tags")
    # A page of tags A–Z, each counted: counting every tag's links grows with the network.
    tags = Tag.objects.for_owner(request.user).a_to_z()
    page = open_ended_page(tags, request.GET.get("page"), TAGS_PAGE_SIZE)
    count_contacts(page.object_list)
    prepare_tag_rows(page.object_list)
    # A rename or delete renews the tagged contacts' search text in the background.
    context = {"form": form, "tags": page.object_list, "page": page}
    context.update(search_progress_context(request.user))
    return render_form(request, "contacts/tags.html", context, valid=request.method == "GET")


def prepare_tag_rows(tags: list[Tag]) -> None:
    """Each row's links and labels, computed here once per page: a busy network has 500
    tags, and template tags (url, blocktranslate) per row cost more than the query."""
    list_url = reverse("contacts:list")
    rename_url, delete_url = url_for_ids("contacts:tag_rename"), url_for_ids("contacts:tag_delete")
    for tag in tags:
        tag.list_url = f"{list_url}?tag={tag.pk}"
        tag.rename_url, tag.delete_url = rename_url(tag.pk), delete_url(tag.pk)
        tag.count_label = ngettext(
            "%(counter)s contact", "%(counter)s contacts", tag.contact_count
        ) % {"counter": tag.contact_count}
        tag.rename_label = _("Rename %(name)s") % {"name": tag.name}
        tag.delete_label = _("Delete %(name)s") % {"name": tag.name}


@login_required
@owned(Tag)
@require_http_methods(["GET", "POST"])
def tag_rename(request, tag):
    # Tag.rename() and Tag.delete() enqueue the background marking themselves (the API too).
    form = TagForm(posted(request), instance=tag, owner=request.user)
    return save_form(
        request,
        form,
        "contacts/tag_rename.html",
        {"tag": tag},
        then=reverse("contacts:tags"),
        saved=lambda tag: _("Tag renamed to “%(name)s”.") % {"name": tag.name},
    )


@login_required
@owned(Tag)
@require_http_methods(["GET", "POST"])
def tag_delete(request, tag):
    return confirm_delete(
        request,
        tag,
        "contacts/tag_delete.html",
        lambda: {"tag": tag, "count": tag.contacts.count()},
        then=reverse("contacts:tags"),
        deleted=_("Tag “%(name)s” deleted.") % {"name": tag.name},
    )
