from django.urls import path

from . import pages

app_name = "phone"

urlpatterns = [
    path("", pages.phone, name="phone"),
    path("passwords/new/", pages.password_create, name="password_create"),
    path("passwords/<int:pk>/revoke/", pages.password_revoke, name="password_revoke"),
    path("books/new/", pages.book_create, name="book_create"),
    path("books/<int:pk>/edit/", pages.book_edit, name="book_edit"),
    path("books/<int:pk>/delete/", pages.book_delete, name="book_delete"),
]
