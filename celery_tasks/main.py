"""The Celery app: `celery -A celery_tasks.main worker` / `celery -A celery_tasks.main beat`.

DJANGO_SETTINGS_MODULE must be set by whoever starts the worker (the Procfile, the
deployment). No default here on purpose: Django imports this module while starting
(meiduo_mall/__init__.py), and a default set here would win over wsgi.py's production one.

Broker and result URLs come from Django settings (CELERY_*); the policy below is code.
"""

from typing import Any

from celery import Celery, Task
from celery.signals import before_task_publish, task_postrun, task_prerun
from kombu import Queue

app = Celery("meiduo_mall")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # JSON only: a worker never unpickles what is in the broker.
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_accept_content=["json"],
    # A hung task (SMTP, an SMS provider) is interrupted, then killed.
    task_soft_time_limit=60,
    task_time_limit=90,
    result_expires=24 * 3600,
    timezone="Asia/Shanghai",
    broker_connection_retry_on_startup=True,
    broker_transport_options={"visibility_timeout": 3600},
    worker_prefetch_multiplier=1,
    # Workers log through Django's LOGGING like the web tier: stdout, request ids, JSON lines
    # in production.
    worker_hijack_root_logger=False,
)

# One queue per job family, so each can get its own workers in production
# (docker-compose.yml): a burst of page regeneration never delays an SMS code. The
# heartbeat stays on the default queue. Development and the tests run one worker that
# consumes them all (WORKER_QUEUES).
app.conf.task_routes = {
    "sms.*": {"queue": "sms"},
    "email.*": {"queue": "email"},
    "html.*": {"queue": "html"},
    "search.*": {"queue": "html"},  # the search index is refreshed with the pages
    "orders.*": {"queue": "orders"},
}
WORKER_QUEUES = "celery,sms,email,html,orders"
# Declared, so `celery purge` (and the tests' purge) empties every one of them.
app.conf.task_queues = [Queue(name) for name in WORKER_QUEUES.split(",")]

# Periodic jobs, run by exactly one `celery beat`.
app.conf.beat_schedule = {
    "health-heartbeat": {
        "task": "health.heartbeat",
        "schedule": 60.0,
        # A heartbeat older than its interval is worthless: never let them pile up.
        "options": {"expires": 55},
    },
    # Alipay orders unpaid past ORDER_PAY_TIMEOUT_MINUTES are cancelled and their stock returned.
    "orders-expire-unpaid": {
        "task": "orders.expire_unpaid",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
}


@app.on_after_configure.connect
def add_settings_driven_schedule(sender: Celery, **kwargs: object) -> None:
    """Periodic jobs whose interval is a Django setting (read once Django is configured)."""
    from django.conf import settings

    every = settings.INDEX_PAGE_REGENERATE_SECONDS
    sender.conf.beat_schedule["html-index-page"] = {
        "task": "html.generate_index_page",
        "schedule": float(every),
        "options": {"expires": max(every - 5, 1)},
    }


# A task queued while serving a request carries that request's id (X-Request-ID), and the
# worker logs the task's lines under it; a task queued by beat logs under its own task id.
REQUEST_ID_HEADER = "meiduo_request_id"


# (meiduo_mall.utils.log is imported late: importing the meiduo_mall package imports this module.)
@before_task_publish.connect
def send_request_id(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    from meiduo_mall.utils.log import request_id

    if headers is not None and request_id.get() != "-":
        headers.setdefault(REQUEST_ID_HEADER, request_id.get())


@task_prerun.connect
def adopt_request_id(task_id: str | None = None, task: Task | None = None, **kwargs: Any) -> None:
    from meiduo_mall.utils.log import request_id

    given = getattr(task.request, REQUEST_ID_HEADER, None) if task is not None else None
    request_id.set(given or task_id or "-")


@task_postrun.connect
def forget_request_id(**kwargs: Any) -> None:
    from meiduo_mall.utils.log import request_id

    request_id.set("-")


# One package per job family, each with a tasks.py.
app.autodiscover_tasks(
    [
        "celery_tasks.health",
        "celery_tasks.sms",
        "celery_tasks.email",
        "celery_tasks.html",
        "celery_tasks.search",
        "celery_tasks.orders",
    ]
)
