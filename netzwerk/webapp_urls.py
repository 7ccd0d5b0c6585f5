from django.urls import path

from . import webapp

app_name = "webapp"

urlpatterns = [
    path("manifest.webmanifest", webapp.manifest, name="manifest"),
    path("sw.js", webapp.service_worker, name="service_worker"),
    path("favicon.ico", webapp.favicon, name="favicon"),
    path("offline/", webapp.offline, name="offline"),
]
