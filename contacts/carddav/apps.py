from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardDavConfig(AppConfig):
    name = "contacts.carddav"
    label = "carddav"
    verbose_name = _("Address books (CardDAV)")
