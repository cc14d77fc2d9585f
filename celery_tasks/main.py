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
