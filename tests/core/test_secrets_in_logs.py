"""No log line carries a secret: SMS codes, passwords, tokens, OAuth codes and states never
reach the application's logs, gunicorn's access log or the worker's (the rehearsal checks
nginx's, and Sentry's events are scrubbed the same way)."""

import contextlib
import io
import json
import logging
import time
import urllib.error
import urllib.request

import pytest

from meiduo_mall.utils.log import JSONFormatter, RedactSecretsFilter, RequestIDFilter, _before_send, redact
from tests.conftest import WORKER_LOG
from tests.core.production import gunicorn_running
from tests.helpers.accounts import code_texted_through_the_worker

SECRET_REQUESTS = [
    "/sms_codes/?access_token=tok-secret-1",
    "/oauth/qq/user/?code=oauth-secret-2&state=state-secret-3",
    "/emails/verification/?token=email-secret-4",
    "/sms_codes/13800000000/?text=Zx9Q&image_code_id=6f1c1a7e-0d0e-4a51-9a57-0d1f6c1b2a3c",
]
# and the QQ app's own secret, which the failed token request (no network here) reports
SECRETS = ["tok-secret-1", "oauth-secret-2", "state-secret-3", "email-secret-4", "Zx9Q", "client_secret=change-me"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GET /sms_codes/?access_token=a.b-c HTTP/1.1", "GET /sms_codes/?access_token=[redacted] HTTP/1.1"),
        ("/oauth/qq/user/?code=XYZ&state=%2Fcart&next=1", "/oauth/qq/user/?code=[redacted]&state=[redacted]&next=1"),
        ("/skus/?ordering=price&codec=1&page=2", "/skus/?ordering=price&codec=1&page=2"),
    ],
)
def test_secret_parameters_are_redacted(text, expected):
    assert redact(text) == expected


def test_no_log_line_carries_a_secret_parameter_or_a_tasks_arguments():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    handler.addFilter(RequestIDFilter())
    handler.addFilter(RedactSecretsFilter())
    logger = logging.getLogger("test.secrets")
    logger.addHandler(handler)
    try:
        logger.warning("Bad Request: %s", SECRET_REQUESTS[1])
        # as Celery logs a task it received: its arguments in `data`
        logger.info("Task received", extra={"data": {"name": "x.y", "args": "('13800000000', '123987')"}})
    finally:
        logger.removeHandler(handler)

    written = stream.getvalue()
    assert not [secret for secret in SECRETS if secret in written]
    assert [json.loads(line)["data"]["args"] for line in written.splitlines()[1:]] == ["[redacted]"]


def test_sentry_events_are_scrubbed():
    event = {"request": {"url": "https://api.meiduo.site/oauth/qq/user/?code=oauth-secret-2",
                         "query_string": "code=oauth-secret-2&state=state-secret-3"}}  # fmt: skip

    scrubbed = json.dumps(_before_send(event, {}))  # type: ignore[arg-type]

    assert not [secret for secret in SECRETS if secret in scrubbed]


@pytest.mark.django_db
def test_gunicorns_access_log_keeps_no_secret(free_port):
    with gunicorn_running(free_port) as gunicorn:
        for path in SECRET_REQUESTS:
            request = urllib.request.Request(
                f"http://127.0.0.1:{free_port}{path}",
                headers={"Host": "api.meiduo.site", "X-Forwarded-Proto": "https"},
            )
            with contextlib.suppress(urllib.error.HTTPError):  # refused tokens and codes: not the point here
                urllib.request.urlopen(request, timeout=10)  # noqa: S310 - our own gunicorn

    assert '"GET /oauth/qq/user/?code=[redacted]&state=[redacted] HTTP/1.1"' in gunicorn.log, gunicorn.log
    assert not [secret for secret in SECRETS if secret in gunicorn.log], gunicorn.log


@pytest.mark.django_db(transaction=True)
def test_the_worker_never_logs_an_sms_code(celery_worker_process, ronglian_server):
    code = code_texted_through_the_worker("13812340077", ronglian_server)
    time.sleep(0.5)  # the worker's lines after the send

    log = WORKER_LOG.read_text(errors="replace")
    assert "sms.send_code" in log
    assert code not in log
