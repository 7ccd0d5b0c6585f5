"""The floor: the fastest page Django serves here with the same rows and the same middleware.

One query fetches the 50 contacts the list's first page shows; a trivial template renders
them. Every page of the benchmark is reported as a ratio to this one.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from contacts.models import Contact
from contacts.paging import PAGE_SIZE
from netzwerk.urls import urlpatterns as project_urlpatterns

from .peer import PeerList
from .peer import site as peer_site

TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>floor</title><ul>"
    "{% for c in contacts %}<li>{{ c.first_name }} {{ c.last_name }} · {{ c.company }}</li>"
    "{% endfor %}</ul>"
)


@login_required
def floor(request):
    contacts = list(
        Contact.objects.for_owner(request.user).visible().order_by("sort_name", "id")[:PAGE_SIZE]
    )
    return HttpResponse(TEMPLATE.render({"contacts": contacts}, request))


# The benchmark serves the project's URLs plus the floor and the conventional peer
# (bench/peer.py); ROOT_URLCONF is switched to this.
urlpatterns = [
    path("__bench__/floor/", floor, name="bench_floor"),
    path("__bench__/peer/", PeerList.as_view(), name="bench_peer_list"),
    path("__bench__/admin/", peer_site.urls),
    *project_urlpatterns,
]
