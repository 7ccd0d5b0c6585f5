from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        # The events (webhooks/events.py): signals of the rows saved one by one, contacts'
        # extension point for those written in bulk.
        from celery.signals import before_task_publish
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save

        from contacts import extensions
        from contacts.models import Contact, Interaction
        from reminders import delivery_status

        from . import events, hooked, status
        from .models import Endpoint
        from .tasks import record_queued

        post_save.connect(events.contact_saved, sender=Contact, dispatch_uid="webhooks-contact")
        post_save.connect(
            events.interaction_saved, sender=Interaction, dispatch_uid="webhooks-interaction"
        )
        # Whether a user has endpoints is cached (webhooks/hooked.py); a change forgets it.
        post_save.connect(hooked.endpoint_written, sender=Endpoint, dispatch_uid="webhooks-hooked")
        post_delete.connect(
            hooked.endpoint_written, sender=Endpoint, dispatch_uid="webhooks-unhooked"
        )
        post_save.connect(
            hooked.user_created, sender=settings.AUTH_USER_MODEL, dispatch_uid="webhooks-user"
        )
        extensions.on_contacts_written(events.contacts_written)
        before_task_publish.connect(record_queued, dispatch_uid="webhooks-periodic-queued")
        # The operator's `manage.py delivery_status` shows the outbox and failing endpoints.
        delivery_status.add_queue(status.webhook_queue)
