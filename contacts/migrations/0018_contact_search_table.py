"""The search text moves from the contact row into contacts.ContactSearch (contacts/models/
search.py says why), with its trigram index; filled from the stored texts with set-based SQL
in batches of ids, and back again on reverse. The trigram index is Postgres-only, like the
ones of migrations 0002 and 0008.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BATCH = 20_000
CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS contact_search_owner_trgm "
    "ON contacts_contactsearch USING gin (owner_id, text gin_trgm_ops)"
)
DROP_INDEX = "DROP INDEX IF EXISTS contact_search_owner_trgm"
CREATE_OLD_INDEX = (
    "CREATE INDEX IF NOT EXISTS contact_owner_search_trgm "
    "ON contacts_contact USING gin (owner_id, search_text gin_trgm_ops)"
)
DROP_OLD_INDEX = "DROP INDEX IF EXISTS contact_owner_search_trgm"

FILL = (
    "INSERT INTO contacts_contactsearch (contact_id, owner_id, text) "
    "SELECT id, owner_id, search_text FROM contacts_contact WHERE id >= %s AND id < %s"
)
EMPTY = (
    "UPDATE contacts_contact SET search_text = COALESCE(("
    "SELECT text FROM contacts_contactsearch WHERE contact_id = contacts_contact.id), '') "
    "WHERE id >= %s AND id < %s"
)


def _in_batches(schema_editor, sql: str) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM contacts_contact")
        low, high = cursor.fetchone()
        if low is None:
            return
        for start in range(low, high + 1, BATCH):
            cursor.execute(sql, [start, start + BATCH])


def forwards(apps, schema_editor):
    _in_batches(schema_editor, FILL)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)
        schema_editor.execute(DROP_OLD_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_OLD_INDEX)
        schema_editor.execute(DROP_INDEX)
    _in_batches(schema_editor, EMPTY)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0017_drafts_in_each_contacts_voice"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactSearch",
            fields=[
                (
                    "contact",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="contacts.contact",
                    ),
                ),
                ("text", models.TextField(default="")),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"default_permissions": ()},
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="contact", name="search_text"),
    ]
