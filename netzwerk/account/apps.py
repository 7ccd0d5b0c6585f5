from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountDataConfig(AppConfig):
    name = "netzwerk.account"
    # "account" is allauth's label.
    label = "netzwerk_account"
    verbose_name = _("Your data")
