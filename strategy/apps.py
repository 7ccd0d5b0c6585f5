from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        # What strategy adds to the pages of the app below it (contacts/extensions.py).
        from contacts import extensions

        from .circles import GOALS, GROUPS

        extensions.register_circle(GOALS)
        extensions.register_circle(GROUPS)
