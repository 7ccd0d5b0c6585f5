"""A new secret (API token, app password) shown once, on the page its POST redirects to.

The database keeps only its hash, so the session is the one place the secret can wait for
that page; it is taken out there, so a reload neither shows it again nor makes a second one.
"""

from django.db import models
from django.http import HttpRequest


def keep(request: HttpRequest, key: str, row: models.Model, secret: str) -> None:
    request.session[key] = {"id": row.pk, "secret": secret}


def take(request: HttpRequest, key: str, rows: models.QuerySet) -> tuple | None:
    """(row, secret) kept for this page, if its row is among `rows` (the user's own)."""
    shown = request.session.pop(key, None)
    if not isinstance(shown, dict):
        return None
    row = rows.filter(pk=shown.get("id")).first()
    return (row, shown.get("secret")) if row else None
