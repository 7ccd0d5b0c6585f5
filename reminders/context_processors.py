from django.http import HttpRequest

from .models import Nudge


def nudges(request: HttpRequest) -> dict:
    """The unread count for the nav badge, usually loaded with the user (no query of its own).

    HTMX fragments never render the nav, so they run no query for it; a page that shows the
    count twice runs it once.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread_nudge_count() -> int:
        # The login backend loads the count with the user; a write (POST) may have changed
        # it since, so then it is counted again.
        loaded = getattr(user, "unread_nudge_count", None)
        if loaded is not None and request.method in ("GET", "HEAD"):
            return loaded
        if not hasattr(request, "_unread_nudge_count"):
            request._unread_nudge_count = Nudge.objects.for_owner(user).unread().count()
        return request._unread_nudge_count

    return {"unread_nudge_count": unread_nudge_count}
