from .imports import tasks_run  # noqa: F401  (a fixture for the import tests)
