from django.urls import path

from . import views

app_name = "data"

urlpatterns = [
    path("backup/", views.backup_download, name="backup"),
    path("restore/", views.restore_backup, name="restore"),
    path("person/<int:pk>/", views.person_data, name="person"),
    path("person/<int:pk>/forget/", views.forget_person, name="forget"),
    path("delete-account/", views.delete_account_page, name="delete_account"),
    path("account-deleted/", views.account_deleted, name="account_deleted"),
]
