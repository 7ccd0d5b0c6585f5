"""/.well-known/carddav (RFC 6764), mounted at the site's root by netzwerk/urls.py."""

from django.urls import path

from . import views

urlpatterns = [path("carddav", views.well_known), path("carddav/", views.well_known)]
