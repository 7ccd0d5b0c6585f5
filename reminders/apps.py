from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"
    verbose_name = _("Reminders")

    def warm_pages(self) -> list[str]:
        """The pages a new server worker renders once for nobody before its first visitor
        (netzwerk/warmup.py): the home page, where signing in leads."""
        return ["reminders:dashboard"]

    def ready(self) -> None:
        # What reminders adds to the pages of the apps below it (contacts/extensions.py,
        # strategy/extensions.py): follow-ups planned while logging or after an
        # introduction, and the lunches on the strategy overview.
        from celery.signals import before_task_publish

        from contacts import extensions as contacts_extensions
        from netzwerk import health
        from strategy import extensions as strategy_extensions

        from .delivery_status import beat_check
        from .forms import FollowUpChoiceForm
        from .models import FollowUp
        from .overview import overview_lunches
        from .tasks import record_queued

        contacts_extensions.register_log_form(FollowUpChoiceForm)
        contacts_extensions.on_introduction_made(FollowUp.objects.ask_how_introduction_went)
        contacts_extensions.on_interaction_deleting(FollowUp.objects.deleted_with)
        strategy_extensions.add_to_overview(overview_lunches)
        # The beat's runs: recorded when queued (a periodic task skips its run when a newer
        # one is queued behind it) and reported by /health when none ran for 10 minutes.
        before_task_publish.connect(record_queued, dispatch_uid="reminders-periodic-queued")
        health.register("beat", beat_check)
