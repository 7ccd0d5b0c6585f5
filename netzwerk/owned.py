"""Ownership, owned once: every row belongs to one user, and views reach rows only through
their owner, so another user's object is a 404 by construction. Imports no app."""

import functools

from django.db import models
from django.shortcuts import get_object_or_404


class OwnedQuerySet(models.QuerySet):
    """The base of every owned model's queryset."""

    # The user for_owner() narrowed the rows to, kept by every queryset made from this one:
    # a query that must name the owner as a constant reads it here (the contacts' search).
    owner_pk = None

    def for_owner(self, user) -> "OwnedQuerySet":
        owned = self.filter(owner=user)
        owned.owner_pk = getattr(user, "pk", user)  # a user, an id, or None (no rows)
        return owned

    def _clone(self):
        clone = super()._clone()
        clone.owner_pk = self.owner_pk
        return clone


def owned(source, name: str | None = None, *, url_kwarg: str = "pk"):
    """Decorate a view to receive the signed-in user's object named by the URL.

    `source` is an owned model or a queryset of one (with what the page needs joined). The
    object is looked up before the decorators below run, so someone else's object is a 404
    whatever the method, and the method contract stays visible at the view:

        @login_required
        @owned(Contact)
        @require_POST
        def contact_archive(request, contact): ...
    """

    queryset = source._default_manager.all() if isinstance(source, type) else source

    def decorator(view):
        keyword = name or queryset.model._meta.model_name

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            pk = kwargs.pop(url_kwarg)
            kwargs[keyword] = get_object_or_404(queryset.for_owner(request.user), pk=pk)
            return view(request, *args, **kwargs)

        # Tests that walk the URL resolver read which model a URL's id names from here
        # (functools.wraps carries it through the decorators above).
        wrapper.owned_model = queryset.model
        wrapper.owned_url_kwarg = url_kwarg
        return wrapper

    return decorator
