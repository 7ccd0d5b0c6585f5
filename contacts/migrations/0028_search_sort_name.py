"""Each search row carries its contact's sort name (ContactSearch.sort_name): a search with
hundreds of matches orders them in the search table and reads only the first page's contacts
(contacts/search_paging.py), where it read every match's contact to order them.

Filling the column rewrites every search row. On Postgres each rewritten row would be entered
into the search index a second time (its word suffixes computed anew), the old entries staying
until a vacuum. The index is dropped for the fill and built once after it (migration 0026
defines it): it takes about as long and leaves a compact index. The search table is locked
until the migration ends.
"""

from importlib import import_module

from django.db import migrations, models

FILL = """
UPDATE contacts_contactsearch SET sort_name = (
    SELECT contacts_contact.sort_name FROM contacts_contact
    WHERE contacts_contact.id = contacts_contactsearch.contact_id
)
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute(FILL)
        return
    index = import_module("contacts.migrations.0026_search_index_with_owner")
    schema_editor.execute(index.DROP_INDEX)
    schema_editor.execute(FILL)
    schema_editor.execute(index.CREATE_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0027_birthdays_by_category"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactsearch",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=210),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
