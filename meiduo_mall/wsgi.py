"""WSGI entry point (gunicorn meiduo_mall.wsgi). Production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meiduo_mall.settings.prod")

application = get_wsgi_application()


def preload() -> None:
    """What every worker would otherwise load for itself on its first requests, loaded once in
    gunicorn's master before it forks the workers (deploy/gunicorn.conf.py), so the workers
    share those pages instead of each holding a copy: every URL's view module, and the search
    engine with its dictionaries (jieba's, for the embedded Tantivy). Opens no connection:
    sockets must not be shared across the fork."""
    import gc

    from django.urls import get_resolver
    from haystack import connections

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    engine = connections["default"]
    preload_search = getattr(engine.backend, "preload", None)
    if preload_search is not None:
        preload_search()
    # What is loaded now lives as long as the workers: the collector leaves it alone, and does
    # not write to its pages (which would copy them into every worker).
    gc.freeze()
