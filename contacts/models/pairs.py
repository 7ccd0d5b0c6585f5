"""Rows about a pair of contacts stored once, the smaller id as contact_a (introductions,
pairs dismissed as no duplicates), and what merging two contacts does to them."""

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Greatest, Least


def merge_pair_rows(rows: models.QuerySet, survivor, other) -> None:
    """The other's pairs become the survivor's, in a fixed number of statements: the pair of
    the two themselves is deleted (nobody pairs with themselves), and where both are paired
    with the same person the survivor's row is kept."""
    rows.filter(contact_a__in=[survivor, other], contact_b__in=[survivor, other]).delete()
    partners = rows.filter(contact_a=survivor).values("contact_b")
    partners_too = rows.filter(contact_b=survivor).values("contact_a")
    rows.filter(
        Q(contact_a=other, contact_b__in=partners)
        | Q(contact_a=other, contact_b__in=partners_too)
        | Q(contact_b=other, contact_a__in=partners)
        | Q(contact_b=other, contact_a__in=partners_too)
    ).delete()
    # The pair stays ordered by id: the partner and the survivor in either place.
    partner = Case(
        When(contact_a=other, then=F("contact_b")),
        default=F("contact_a"),
        output_field=models.BigIntegerField(),
    )
    me = Value(survivor.pk, output_field=models.BigIntegerField())
    rows.filter(Q(contact_a=other) | Q(contact_b=other)).update(
        contact_a_id=Least(me, partner), contact_b_id=Greatest(me, partner)
    )
