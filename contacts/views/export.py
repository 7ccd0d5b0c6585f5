"""Contacts out as files: one contact's vCard, and every contact as vCard or CSV. A
selection is exported from the desk (contacts/views/bulk.py)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from netzwerk.owned import owned

from ..exports import csv_response, vcard_response
from ..models import Contact


@login_required
@owned(Contact)
@require_GET
def contact_vcard(request, contact):
    contacts = Contact.objects.for_owner(request.user).filter(pk=contact.pk)
    return vcard_response(contacts, request.GET.get("version", "4.0"), one=contact)


@login_required
@require_GET
def export_vcard(request):
    return vcard_response(
        Contact.objects.for_owner(request.user), request.GET.get("version", "4.0")
    )


@login_required
@require_GET
def export_csv(request):
    return csv_response(Contact.objects.for_owner(request.user))
