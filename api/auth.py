"""Who calls the API: a personal access token (Bearer) or the browser's session.

A session request that changes something must carry the CSRF token, as every form of the
app does; a token request carries no cookie, so it needs none.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from .models import ApiToken

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.objects.authenticate(token)
        if found is None:
            return None
        if request.method not in SAFE_METHODS and not found.can_write:
            raise HttpError(403, _("This token may only read."))
        found.mark_used()
        request.user = found.owner
        request.api_token = found
        return found


class BrowserSession(SessionAuth):
    """The signed-in browser; unsafe methods need the CSRF token (ninja checks it)."""

    def authenticate(self, request: HttpRequest, key: str | None):
        user = request.user
        return user if user.is_authenticated else None


class PerCaller(SimpleRateThrottle):
    """Requests per token (or per signed-in user without one), counted in the shared cache."""

    scope = "api"

    def __init__(self):
        super().__init__(settings.API_THROTTLE_RATE)

    def get_cache_key(self, request: HttpRequest) -> str:
        token = getattr(request, "api_token", None)
        ident = f"token:{token.pk}" if token else f"user:{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
