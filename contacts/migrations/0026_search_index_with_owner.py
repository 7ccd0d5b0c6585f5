"""The search index holds each text's owner as one more word (contact_search_keys): a search
asks for the word parts and the owner in one condition, and the index skips through a big
network's entries by the rarer of them. Before, the index's owner column went unused and the
planner combined the word index with the owner's btree index, reading every one of a big
network's 100,000 entries for each keystroke; without that index it read every user's
matches instead. Postgres only, like migration 0021, whose function this replaces.
"""

from django.conf import settings
from django.db import migrations, models

# Written out in full rather than calling contact_search_suffixes(): a restore (pg_restore)
# builds the index with an empty search_path, where only pg_catalog's functions are found.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION contact_search_keys(text, bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE
        WHEN count(*) = 0 THEN ''::tsvector
        WHEN sum(octet_length(suffix) + 4) > 500000 THEN array_to_tsvector(ARRAY[' overflow'])
        ELSE array_to_tsvector(array_agg(suffix))
    END || array_to_tsvector(ARRAY[' owner ' || $2::text])
    FROM (
        SELECT substr(word, start, 64) AS suffix
        FROM unnest(string_to_array($1, ' ')) AS word,
             generate_series(1, length(word) - 2) AS start
    ) AS suffixes
$$
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS contact_search_keys(text, bigint)"
CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS contact_search_owner_keys "
    "ON contacts_contactsearch USING gin (contact_search_keys(text, owner_id))"
)
DROP_INDEX = "DROP INDEX IF EXISTS contact_search_owner_keys"
CREATE_SUFFIX_INDEX = (
    "CREATE INDEX IF NOT EXISTS contact_search_owner_suffixes "
    "ON contacts_contactsearch USING gin (owner_id, contact_search_suffixes(text))"
)
DROP_SUFFIX_INDEX = "DROP INDEX IF EXISTS contact_search_owner_suffixes"
DROP_SUFFIX_FUNCTION = "DROP FUNCTION IF EXISTS contact_search_suffixes(text)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(CREATE_INDEX)
    schema_editor.execute(DROP_SUFFIX_INDEX)
    schema_editor.execute(DROP_SUFFIX_FUNCTION)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from importlib import import_module

    suffixes = import_module("contacts.migrations.0021_search_word_suffix_index")
    schema_editor.execute(suffixes.CREATE_FUNCTION)
    schema_editor.execute(CREATE_SUFFIX_INDEX)
    schema_editor.execute(DROP_INDEX)
    schema_editor.execute(DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0025_interaction_occasion_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="contactsearch",
            name="owner",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
