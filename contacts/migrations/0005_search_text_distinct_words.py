"""The search text keeps each word once (contacts.text.search_document): rewrite the stored ones.

The old text was the whole unaccented text, a newline and its folded spelling; its distinct
words in order are exactly the new document, so no tag or interaction has to be read.
"""

from django.db import migrations

from contacts.text import distinct_words

BATCH = 2_000


def rewrite(apps, schema_editor):
    Contact = apps.get_model("contacts", "Contact")
    changed = []
    for contact in Contact.objects.only("id", "search_text").iterator(chunk_size=BATCH):
        text = distinct_words(contact.search_text)
        if text != contact.search_text:
            contact.search_text = text
            changed.append(contact)
        if len(changed) >= BATCH:
            Contact.objects.bulk_update(changed, ["search_text"])
            changed = []
    Contact.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("contacts", "0004_introductions_help_request_prep")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop, elidable=True)]
