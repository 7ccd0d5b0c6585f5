"""SQL the ORM does not write: an INSERT … SELECT, so rows copied from a query never
travel through Python (the desk's bulk tag, a tag change's queue of contacts), a count
of the distinct rows of sliced queries (the search progress note), and a subquery's rows as
one JSON array (a list row's tags)."""

from django.db import connections, models


def insert_select(model, columns: dict[str, str], source, *, ignore_conflicts=False) -> None:
    """INSERT INTO the model's table the rows of `source`, a values() queryset:
    `columns` maps each column to fill to the name of the value that fills it."""
    connection = connections[source.db]
    quote = connection.ops.quote_name
    source_sql, params = compiled(source)
    # Quoted names and the compiled query go into the text; values are params.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # nosec B608
        f"({', '.join(quote(column) for column in columns)}) "
        f"SELECT {', '.join(f'source.{quote(name)}' for name in columns.values())} "
        f"FROM ({source_sql}) source "
        # SQLite reads "ON CONFLICT" after a bare FROM as a join condition.
        "WHERE 1 = 1"
    )
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def count_union(*sources) -> int:
    """How many distinct rows the values_list() querysets give together, in one query. Each
    is wrapped, so that its slice (LIMIT) holds inside the UNION on every database."""
    parts, params = [], []
    for number, source in enumerate(sources):
        sql, source_params = compiled(source)
        parts.append(f"SELECT * FROM ({sql}) part{number}")  # nosec B608
        params += source_params
    # Only compiled queries go into the text; their values are params.
    union = " UNION ".join(parts)
    with connections[sources[0].db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({union}) together", params)  # nosec B608
        (count,) = cursor.fetchone()
    return count


def compiled(source) -> tuple[str, tuple]:
    """The SQL and params of a queryset, for the database it reads."""
    return source.query.get_compiler(source.db).as_sql()


class JSONList(models.Subquery):
    """A JSON array of the one column the subquery selects, in the subquery's order.

    PostgreSQL aggregates with an ORDER BY of its own; SQLite keeps the order of an ordered
    subquery it aggregates. No rows give an empty array on both.
    """

    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(SELECT COALESCE(JSONB_AGG(_item.item), '[]') FROM (%(subquery)s) _item)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(SELECT JSON_GROUP_ARRAY(_item.item) FROM (%(subquery)s) _item)",
            **extra_context,
        )
