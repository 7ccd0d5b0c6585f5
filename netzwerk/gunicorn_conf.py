"""gunicorn's settings for Netzwerk (`gunicorn -c python:netzwerk.gunicorn_conf`, as
bin/docker-entrypoint and the benchmark start it). Options on the command line win.

The application is loaded once in the master and warmed up there (netzwerk/warmup.py), then
forked: a new worker answers its first request as fast as any other, and workers share the
loaded code's memory.
"""

preload_app = True


def on_starting(server) -> None:
    # The preloaded app is warmed before gunicorn opens its port: no request waits for it.
    if server.cfg.preload_app:
        import gc

        from netzwerk.warmup import warm_up

        warm_up()
        # Keep what the warm-up loaded out of the collector's reach: a full collection in a
        # worker would otherwise write to every object and copy the memory it shares.
        gc.freeze()


def post_worker_init(worker) -> None:
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection

    from netzwerk.warmup import warm_database_session, warm_pages, warm_up, warm_worker

    if not worker.cfg.preload_app:  # a configuration that turned preloading off
        warm_up()
    # Each worker opens its own persistent connection (CONN_MAX_AGE) before the first request.
    try:
        connection.ensure_connection()
        warm_database_session()
    except Exception:  # noqa: BLE001  # the first request reports a missing database itself
        worker.log.warning("No database connection yet; the first request will open one.")
    # And its connection to the cache, where every request reads its session (Redis).
    try:
        caches[settings.SESSION_CACHE_ALIAS].has_key("netzwerk:worker-started")
    except Exception:  # noqa: BLE001  # as above: the first request reports it
        worker.log.warning("No cache connection yet; the first request will open one.")
    # Last, one request of its own, so that the first visitor's does not pay for copying
    # the memory the worker shares with the master (netzwerk/warmup.py).
    try:
        warm_worker(worker.wsgi)
    except Exception:  # noqa: BLE001  # a warm-up must never keep a worker from serving
        worker.log.warning("The warm-up request failed; the first request will be slower.")
    # And the busiest signed-in pages, rendered for nobody (netzwerk/warmup.py).
    try:
        warm_pages()
    except Exception:  # noqa: BLE001  # as above
        worker.log.warning("Warming the pages failed; the first visit will be slower.")
