"""The Celery app. Tasks live in the apps; the beat schedule lives in settings."""

import os

from celery import Celery

from .broker import use_guarded_redis_transport

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")

# A Redis outage must not end the worker (netzwerk/broker.py).
use_guarded_redis_transport()
app = Celery("netzwerk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
