import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


# Retries stay within a minute: no task waits in the broker longer (settings, Celery).
@shared_task(autoretry_for=(OSError,), retry_backoff=10, retry_backoff_max=60, max_retries=8)
def send_account_deleted_email(email: str, language: str) -> None:
    """The last email to a deleted account: it is done. The account is gone, so the task
    gets the address and language, not an id."""
    with translation.override(language):
        send_mail(
            _("Your Netzwerk account has been deleted"),
            render_to_string("account_data/email/deleted.txt", {"email": email}),
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )


def send_account_deleted_email_soon(email: str, language: str) -> None:
    """Enqueue the email once the deletion commits; with the broker down, send it here."""

    def enqueue():
        try:
            send_account_deleted_email.delay(email, language)
        except Exception:
            logger.warning(
                "Broker unavailable: sending the deletion email directly.", exc_info=True
            )
            send_account_deleted_email(email, language)

    transaction.on_commit(enqueue)
