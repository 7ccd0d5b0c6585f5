"""The trigram index that makes substring search fast on Postgres.

SQLite has no GIN indexes; there the search scans the owner's rows, which the embedded
single-person default can afford.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS contact_search_trgm ON contacts_contact USING gin (search_text gin_trgm_ops)"
DROP = "DROP INDEX IF EXISTS contact_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
