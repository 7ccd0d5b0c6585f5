"""Push notifications: turn them on for this device, choose per device what arrives, and
take a device off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzwerk.http import INVALID, confirm_delete, posted, save_form
from netzwerk.owned import owned

from ..forms import PushSubscriptionForm, PushTopicsForm
from ..models import PushSubscription
from ..push import application_server_key


def topics_form(device: PushSubscription, data=None) -> PushTopicsForm:
    # The page has a form per device: each with its own element ids.
    return PushTopicsForm(data, instance=device, auto_id=f"d{device.pk}_%s")


@login_required
@require_GET
def push_settings(request):
    devices = PushSubscription.objects.for_owner(request.user)
    context = {
        "devices": [(device, topics_form(device)) for device in devices],
        "server_key": application_server_key(),
    }
    return render(request, "reminders/push.html", context)


@login_required
@require_POST
def push_subscribe(request):
    """Called by the page's script once the browser has subscribed (the Push API)."""
    form = PushSubscriptionForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            " ".join(error for errors in form.errors.values() for error in errors),
            status=INVALID,
            content_type="text/plain; charset=utf-8",
        )
    device = form.save(request.user)
    messages.success(request, _("Notifications are on for “%(name)s”.") % {"name": device.name})
    return HttpResponse(status=201)


@login_required
@owned(PushSubscription, "device")
@require_http_methods(["GET", "POST"])
def push_device(request, device):
    form = topics_form(device, posted(request))
    then = reverse("reminders:push")
    return save_form(request, form, "reminders/push_device.html", {"device": device}, then=then)


@login_required
@owned(PushSubscription, "device")
@require_http_methods(["GET", "POST"])
def push_device_delete(request, device):
    return confirm_delete(
        request,
        device,
        "reminders/push_device_delete.html",
        {"device": device},
        then=reverse("reminders:push"),
        deleted=_("“%(name)s” gets no more notifications.") % {"name": device.name},
    )
