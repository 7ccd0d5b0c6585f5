from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # The secret key check and the session activity stamp at login register themselves.
        from . import checks, sessions  # noqa: F401
