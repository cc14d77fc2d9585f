"""Logging: a request id on every line, one JSON object per line in production, and no
secret on any line.

The id of the request being served (middleware.RequestIDMiddleware) is kept in a context variable.
RequestIDFilter puts it on each log record, and Celery tasks queued by the request carry
it in a message header (the signal handlers below), so a request's lines and those of the
tasks it started share one id.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from celery import Task
from celery.signals import before_task_publish, task_postrun, task_prerun

if TYPE_CHECKING:
    from sentry_sdk._types import Event

request_id: ContextVar[str] = ContextVar("request_id", default="-")


def new_request_id() -> str:
    return uuid.uuid4().hex


# --- Celery: a task logs under the id of the request that queued it; a task queued by beat
# under its own task id. Connected wherever settings are loaded (web, worker, beat).

CELERY_HEADER = "meiduo_request_id"


@before_task_publish.connect
def send_request_id(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    if headers is not None and request_id.get() != "-":
        headers.setdefault(CELERY_HEADER, request_id.get())


@task_prerun.connect
def adopt_request_id(task_id: str | None = None, task: Task | None = None, **kwargs: Any) -> None:
    given = getattr(task.request, CELERY_HEADER, None) if task is not None else None
    request_id.set(given or task_id or "-")


@task_postrun.connect
def forget_task_request_id(**kwargs: Any) -> None:
    request_id.set("-")


class RequestIDFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request or a task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


# --- Secrets never reach a log line: SMS codes, passwords, tokens, OAuth codes and states in
# query strings are replaced, and Celery's task arguments are never written out.

SECRET_PARAMETERS = (
    "sms_code", "access_token", "token", "code", "state", "password", "password2", "old_password", "refresh",
    "access", "text", "allow_token", "client_secret",
)  # fmt: skip
_SECRET_IN_QUERY = re.compile(rf"(?<=[?&;])((?:{'|'.join(SECRET_PARAMETERS)})=)[^&\s\"'#]*", re.IGNORECASE)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """`text` with the values of secret query parameters (…?access_token=…) replaced."""
    return _SECRET_IN_QUERY.sub(rf"\1{REDACTED}", text)


def redact_query(query: str) -> str:
    """A query string without its "?" (code=…&state=…), its secret values replaced."""
    return redact("?" + query)[1:]


# LogRecord attributes that are not `extra=` fields.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class RedactSecretsFilter(logging.Filter):
    """On the handler: the message's secret parameters redacted, and the arguments Celery
    attaches to its task records (`data`: args, kwargs) dropped, whatever the task."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        for name, value in list(vars(record).items()):
            if name in _STANDARD_ATTRIBUTES:
                continue
            if name == "data" and isinstance(value, dict):
                setattr(record, name, {k: REDACTED if k in ("args", "kwargs") else v for k, v in value.items()})
            elif not isinstance(value, (int, float, bool, type(None), dict, list)):
                # strings, and objects written as text (django.request's `request`: its full path)
                setattr(record, name, redact(str(value)))
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line, for log collectors: time (UTC), level, logger, message,
    request_id, the exception's traceback if any, and any `extra=` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(*, level: str, json_lines: bool) -> dict[str, object]:
    """LOGGING: everything to stdout through the root logger, as JSON lines or as text."""
    formatter = (
        {"()": "meiduo_mall.utils.log.JSONFormatter"}
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "meiduo_mall.utils.log.RequestIDFilter"},
            "redact_secrets": {"()": "meiduo_mall.utils.log.RedactSecretsFilter"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "default",
                "filters": ["request_id", "redact_secrets"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Through the root handler only (Django's default adds a second console handler).
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.db.backends": {"level": "INFO"},
            "jieba": {"level": "WARNING"},
        },
    }


def sentry_init(dsn: str, *, environment: str, traces_sample_rate: float) -> None:
    """Report unhandled errors (web requests and Celery tasks) to Sentry, or to anything that
    speaks its protocol. Never sends shoppers' personal data (cookies, bodies, user ids)."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        before_send=_before_send,
    )


def _before_send(event: "Event", hint: dict[str, Any]) -> "Event":
    """Tags the event with the request id, and redacts secrets from its request's address."""
    if request_id.get() != "-":
        event.setdefault("tags", {})["request_id"] = request_id.get()
    request = event.get("request")
    if isinstance(request, dict):
        url, query = request.get("url"), request.get("query_string")
        if isinstance(url, str):
            request["url"] = redact(url)
        if isinstance(query, str):
            request["query_string"] = redact_query(query)
    return event
