from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand

from netzwerk import secret_box


class Command(BaseCommand):
    help = (
        "Encrypt the stored two-factor seeds with the current SECRET_KEY (after rotating it, "
        "while the old key is still in SECRET_KEY_FALLBACKS)."
    )

    def handle(self, *args, **options):
        saved = secret_box.convert_authenticators(Authenticator.objects.all(), secret_box.reseal)
        self.stdout.write(f"{saved} authenticators encrypted with the current key.")
