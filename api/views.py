"""The page where a user makes and revokes personal access tokens for the API."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzwerk import shown_once
from netzwerk.http import confirm_delete
from netzwerk.owned import owned

from .forms import ApiTokenForm
from .models import ApiToken

# The new token is shown once, on the page the POST redirects to (netzwerk/shown_once.py).
SHOWN_ONCE_KEY = "api-token-shown-once"


def _new_token(request) -> dict | None:
    kept = shown_once.take(request, SHOWN_ONCE_KEY, ApiToken.objects.for_owner(request.user))
    return {"row": kept[0], "token": kept[1]} if kept else None


def _page(request, form=None, new_token=None, status=200):
    user = request.user
    context = {
        "tokens": ApiToken.objects.for_owner(user),
        "live_ids": set(ApiToken.objects.live(user).values_list("id", flat=True)),
        "form": form or ApiTokenForm(owner=user),
        "new_token": new_token,
        "api_url": request.build_absolute_uri(reverse("api:api-root")),
        "docs_url": reverse("api:openapi-view"),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_GET
def token_list(request):
    return _page(request, new_token=_new_token(request))


@login_required
@require_POST
def token_create(request):
    """A new token, shown once on the page this POST redirects to."""
    form = ApiTokenForm(request.POST, owner=request.user)
    if not form.is_valid():
        return _page(request, form=form, status=422)
    row, token = form.save()
    shown_once.keep(request, SHOWN_ONCE_KEY, row, token)
    return redirect(reverse("api_tokens:list") + "#new-token")


@login_required
@owned(ApiToken, "token")
@require_http_methods(["GET", "POST"])
def token_revoke(request, token):
    return confirm_delete(
        request,
        token,
        "api/token_revoke.html",
        {"token": token},
        then=reverse("api_tokens:list"),
        deleted=_("The token “%(name)s” no longer works.") % {"name": token.name},
    )
