"""Who calls the API: a personal access token (Bearer) or the browser's session.

A session request that changes something must carry the CSRF token, as every form of the
app does; a token request carries no cookie, so it needs none.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
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


class PerCaller(SimpleRateThrottle):
    """Requests per token (or per signed-in user without one), counted in the shared cache."""

    scope = "api"

    def __init__(self):
        super().__init__(settings.API_THROTTLE_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        # The rate is read per request, so a changed setting holds without a restart.
        self.rate = settings.API_THROTTLE_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        token = getattr(request, "api_token", None)
        ident = f"token:{token.pk}" if token else f"user:{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
