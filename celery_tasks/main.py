"""The Celery app: `celery -A celery_tasks.main worker` / `celery -A celery_tasks.main beat`.

DJANGO_SETTINGS_MODULE must be set by whoever starts the worker (the Procfile, the
deployment). No default here on purpose: Django imports this module while starting
(meiduo_mall/__init__.py), and a default set here would win over wsgi.py's production one.

Broker and result URLs come from Django settings (CELERY_*); the policy below is code.
"""

from celery import Celery
from kombu import Queue

app = Celery("meiduo_mall")
app.config_from_object("django.conf:settings", namespace="CELERY")
# CELERY_VISIBILITY_TIMEOUT_SECONDS (Django settings, default 240) is read once Django is set up:
# see add_settings_driven_schedule below.
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
    # At least once: a task is acknowledged when it has run, not when a worker took it, so a
    # worker killed mid-task (a deploy, the OOM killer) loses nothing: the broker hands the
    # task to another worker once the visibility timeout has passed. Tasks with effects
    # outside (SMS, mail) are idempotent (celery_tasks/once.py): a redelivered one that had
    # already done its work does nothing. The timeout outlasts a task's longest stay in a
    # worker (a 120 s retry countdown plus the 90 s hard limit) and still redelivers an SMS
    # within its code's 300 s life.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    # Workers log through Django's LOGGING like the web tier: stdout, request ids, JSON lines
    # in production. (A task logs under the id of the request that queued it:
    # meiduo_mall/utils/log.py.)
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
    # Catalog edits saved while the broker was down: their page and index refreshes.
    "html-requeue-deferred": {
        "task": "html.requeue_deferred",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
}


@app.on_after_configure.connect
def add_settings_driven_schedule(sender: Celery, **kwargs: object) -> None:
    """Periodic jobs whose interval is a Django setting, and the broker's visibility timeout
    (read once Django is configured)."""
    from django.conf import settings

    visibility = settings.CELERY_VISIBILITY_TIMEOUT_SECONDS
    sender.conf.broker_transport_options = {
        "visibility_timeout": visibility,
        # Look for tasks of dead workers every tenth of that (kombu's default is ~100 s).
        "unacked_restore_interval": max(visibility // 10, 1),
        "unacked_restore_throttle": 1,
    }

    every = settings.INDEX_PAGE_REGENERATE_SECONDS
    sender.conf.beat_schedule["html-index-page"] = {
        "task": "html.generate_index_page",
        "schedule": float(every),
        "options": {"expires": max(every - 5, 1)},
    }


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
