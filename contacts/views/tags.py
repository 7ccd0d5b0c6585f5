from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import TagForm
from ..models import Tag
from .common import done, get_tag, render_form


@login_required
@require_http_methods(["GET", "POST"])
def tag_list(request):
    """All tags with their contact counts; the form on top creates one."""
    form = TagForm(request.POST if request.method == "POST" else None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        tag = form.save()
        messages.success(request, _("Tag “%(name)s” created.") % {"name": tag.name})
        return redirect("contacts:tags")
    tags = Tag.objects.for_owner(request.user).with_contact_counts()
    return render_form(
        request,
        "contacts/tags.html",
        {"form": form, "tags": tags},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def tag_rename(request, pk: int):
    tag = get_tag(request, pk)
    form = TagForm(
        request.POST if request.method == "POST" else None, instance=tag, owner=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Tag renamed to “%(name)s”.") % {"name": tag.name})
        return done(request, reverse("contacts:tags"))
    return render_form(
        request,
        "contacts/tag_rename.html",
        {"form": form, "tag": tag},
        valid=request.method == "GET",
    )


@login_required
@require_http_methods(["GET", "POST"])
def tag_delete(request, pk: int):
    tag = get_tag(request, pk)
    if request.method == "POST":
        name = tag.name
        tag.delete()
        messages.success(request, _("Tag “%(name)s” deleted.") % {"name": name})
        return done(request, reverse("contacts:tags"))
    return render(request, "contacts/tag_delete.html", {"tag": tag, "count": tag.contacts.count()})
