"""The webhooks page (linked from the preferences): endpoints, their secrets (shown once,
on the page the POST that made them redirects to) and each endpoint's delivery log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.http import INVALID, confirm_delete, posted
from netzwerk.owned import owned

from .forms import EndpointForm
from .models import Endpoint

# The delivery log shows this many of an endpoint's latest deliveries.
LOG_SIZE = 50
# The session names the endpoint whose secret its page shows once: a redirect after the POST
# keeps a reload from creating a second endpoint, and the secret itself stays out of the
# session.
SHOWN_ONCE_KEY = "webhooks-show-secret"


def _list_page(request, form=None, status=200):
    context = {
        "endpoints": Endpoint.objects.for_owner(request.user),
        "form": form or EndpointForm(owner=request.user),
    }
    return render(request, "webhooks/endpoints.html", context, status=status)


def _endpoint_page(request, endpoint, form=None, status=200):
    shown_once = request.session.pop(SHOWN_ONCE_KEY, None) == endpoint.pk
    context = {
        "endpoint": endpoint,
        "form": form or EndpointForm(instance=endpoint, owner=request.user),
        "deliveries": endpoint.deliveries.order_by("-id")[:LOG_SIZE],
        "new_secret": endpoint.secret if shown_once else "",
        "log_size": LOG_SIZE,
    }
    return render(request, "webhooks/endpoint.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def endpoints(request):
    """The list, and a new endpoint, whose page then shows its secret once."""
    form = EndpointForm(posted(request), owner=request.user)
    if request.method == "POST":
        if not form.is_valid():
            return _list_page(request, form=form, status=INVALID)
        return _show_secret(request, form.save())
    return _list_page(request)


def _show_secret(request, endpoint):
    request.session[SHOWN_ONCE_KEY] = endpoint.pk
    return HttpResponseRedirect(reverse("webhooks:endpoint", args=[endpoint.pk]))


@login_required
@owned(Endpoint)
@require_http_methods(["GET", "POST"])
def endpoint(request, endpoint):
    form = EndpointForm(posted(request), instance=endpoint, owner=request.user)
    if request.method == "POST":
        if not form.is_valid():
            return _endpoint_page(request, endpoint, form=form, status=INVALID)
        form.save()
        messages.success(request, _("Changes saved."))
        return HttpResponseRedirect(reverse("webhooks:endpoint", args=[endpoint.pk]))
    return _endpoint_page(request, endpoint, form=form)


@login_required
@owned(Endpoint)
@require_POST
def rotate_secret(request, endpoint):
    """A new secret, shown once; the old one stops signing at once."""
    endpoint.rotate_secret()
    return _show_secret(request, endpoint)


@login_required
@owned(Endpoint)
@require_POST
def enable(request, endpoint):
    endpoint.enable()
    messages.success(request, _("The webhook is on again."))
    return HttpResponseRedirect(reverse("webhooks:endpoint", args=[endpoint.pk]))


@login_required
@owned(Endpoint)
@require_http_methods(["GET", "POST"])
def delete(request, endpoint):
    return confirm_delete(
        request,
        endpoint,
        "webhooks/endpoint_delete.html",
        {"endpoint": endpoint},
        then=reverse("webhooks:endpoints"),
        deleted=_("The webhook to %(url)s is deleted.") % {"url": endpoint.url},
    )
