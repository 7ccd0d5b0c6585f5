from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .endpoints import api


# It changes nothing, and a write to it must get the API's 404, not the CSRF page.
@csrf_exempt
def not_found(request, rest: str = ""):
    """Any other address under the API (e.g. a negative id) answers in JSON, as the API does."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [
    path("v1/", api.urls),
    re_path(r"^v1/(?P<rest>.*)$", not_found),
]
