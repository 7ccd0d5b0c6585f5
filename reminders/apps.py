from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        # What reminders adds to the pages of the apps below it (contacts/extensions.py,
        # strategy/extensions.py): follow-ups planned while logging or after an
        # introduction, and the lunches on the strategy overview.
        from contacts import extensions as contacts_extensions
        from strategy import extensions as strategy_extensions

        from .forms import FollowUpChoiceForm
        from .models import FollowUp
        from .overview import overview_lunches

        contacts_extensions.register_log_form(FollowUpChoiceForm)
        contacts_extensions.on_introduction_made(FollowUp.objects.ask_how_introduction_went)
        strategy_extensions.add_to_overview(overview_lunches)
