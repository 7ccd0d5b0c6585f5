from django.urls import path, re_path

from . import views

app_name = "carddav"

# Clients add or drop the trailing slash of a collection as they like: both are served, and
# the answers name the collections with it.
urlpatterns = [
    path("", views.root, name="root"),
    path("principal/", views.principal, name="principal"),
    path("books/", views.home, name="home"),
    path("books/<int:pk>/", views.book, name="book"),
    path("books/<int:pk>/<str:name>", views.card, name="card"),
    re_path(r"^principal$", views.principal),
    re_path(r"^books$", views.home),
    re_path(r"^books/(?P<pk>[0-9]{1,18})$", views.book),
]
