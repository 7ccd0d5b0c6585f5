"""Print a new VAPID private key for VAPID_PRIVATE_KEY (Web Push, reminders/push.py)."""

from django.core.management.base import BaseCommand

from reminders.push import new_private_key


class Command(BaseCommand):
    help = "Print a new VAPID private key (base64url) to put into VAPID_PRIVATE_KEY."

    def handle(self, *args, **options):
        self.stdout.write(new_private_key())
