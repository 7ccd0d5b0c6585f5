"""The Celery app. Tasks live in the apps; the beat schedule lives in settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")

app = Celery("netzwerk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
