"""Encrypt the two-factor seeds stored before netzwerk.adapters.MFAAdapter encrypted them."""

from django.db import migrations

from netzwerk import secret_box


def encrypt(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    secret_box.convert_authenticators(Authenticator.objects.all(), secret_box.reseal)


def decrypt(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    secret_box.convert_authenticators(Authenticator.objects.all(), secret_box.unseal)


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0005_english_category_labels"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
