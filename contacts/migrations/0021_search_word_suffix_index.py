"""The search finds its candidates in an index of word suffixes instead of trigrams
(contacts/models/search.py says why). Postgres only, like the trigram index it replaces.

The function is IMMUTABLE so that an index can be built on it; it depends only on its text.
Its cost stays the default: the planner charges it for every row a bitmap scan of the index
hands over, as if rechecked, although the index is exact; priced higher, a rare word's few
matches looked costly enough for parallel workers, whose start took longer than the lookup.
A LIKE beside it in the same condition is still checked first, as the cheaper.
"""

from django.db import migrations

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION contact_search_suffixes(text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE
        WHEN count(*) = 0 THEN ''::tsvector
        WHEN sum(octet_length(suffix) + 4) > 500000 THEN array_to_tsvector(ARRAY[' overflow'])
        ELSE array_to_tsvector(array_agg(suffix))
    END
    FROM (
        SELECT substr(word, start, 64) AS suffix
        FROM unnest(string_to_array($1, ' ')) AS word,
             generate_series(1, length(word) - 2) AS start
    ) AS suffixes
$$
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS contact_search_suffixes(text)"
CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS contact_search_owner_suffixes "
    "ON contacts_contactsearch USING gin (owner_id, contact_search_suffixes(text))"
)
DROP_INDEX = "DROP INDEX IF EXISTS contact_search_owner_suffixes"
CREATE_TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS contact_search_owner_trgm "
    "ON contacts_contactsearch USING gin (owner_id, text gin_trgm_ops)"
)
DROP_TRIGRAM_INDEX = "DROP INDEX IF EXISTS contact_search_owner_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(CREATE_INDEX)
    schema_editor.execute(DROP_TRIGRAM_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_TRIGRAM_INDEX)
    schema_editor.execute(DROP_INDEX)
    schema_editor.execute(DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0020_contact_mark_queue")]

    operations = [migrations.RunPython(forwards, backwards)]
