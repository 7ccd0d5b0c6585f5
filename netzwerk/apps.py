from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the secret key check)
