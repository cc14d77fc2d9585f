"""gunicorn's settings for the web tier: `gunicorn -c deploy/gunicorn.conf.py meiduo_mall.wsgi`.

Both logs go to stdout. Each access line ends with the request id, which the
application's own (JSON) lines carry too, so one request's lines can be found together.
"""

import importlib
import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: each holds one persistent database connection (CONN_MAX_AGE).
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# A request still running after this long is killed and its worker replaced; nginx gives up
# at 60 s (proxy_read_timeout).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# nginx keeps connections to the upstream open (keepalive 32).
keepalive = 75
# Workers are replaced now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200

# The application is loaded once, in the master, with what the workers would each load on their
# first requests (meiduo_mall.wsgi.preload: the views, jieba's dictionary); the workers fork
# from it and share those pages.
preload_app = True


def when_ready(server: Any) -> None:  # in the master, before the workers are forked
    """Run the WSGI module's `preload()`, if it has one."""
    module = importlib.import_module(str(getattr(server.app, "app_uri", "")).partition(":")[0])
    preload = getattr(module, "preload", None)
    if preload is not None:
        preload()


accesslog = "-"
errorlog = "-"
# Secret query parameters (?access_token=, ?sms_code=, ?code=&state= ...) are redacted.
logger_class = "meiduo_mall.utils.gunicorn_log.RedactingGunicornLogger"
# client (X-Real-IP from nginx), request, status, bytes, duration in ms, request id
access_log_format = '%({x-real-ip}i)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
