from django.urls import path

from .endpoints import api

# Any other address under /api/ (a negative id, say) answers the API's JSON 404 through the
# project's handler404 (netzwerk.http.page_not_found), before any CSRF check.
urlpatterns = [path("v1/", api.urls)]
