"""Request ids on every response and log line, JSON log lines, and Celery tasks logging under
the id of the request that queued them."""

import io
import json
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from celery_tasks.health.tasks import heartbeat
from meiduo_mall.utils.log import JSONFormatter, RequestIDFilter, request_id

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.5"

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """What the django.request logger writes, formatted as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    handler.addFilter(RequestIDFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_every_response_carries_its_own_request_id(client):
    first = client.get("/health/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]

    assert len(first) == len(second) == 32
    assert first != second


@pytest.mark.parametrize(
    ("remote", "given", "kept"),
    [
        (PROXY, "7f3c2a9e5b1d4c6f8a0e2b4d6f8a0c2e", True),  # nginx's $request_id
        ("203.0.113.9", "7f3c2a9e5b1d4c6f8a0e2b4d6f8a0c2e", False),  # a client cannot choose it
        (PROXY, "bad id\nforged log line", False),  # nor can a broken proxy inject lines
    ],
)
def test_the_proxys_request_id_is_kept_only_from_a_trusted_proxy(settings, remote, given, kept):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    answered = Client(REMOTE_ADDR=remote).get("/health/", HTTP_X_REQUEST_ID=given)["X-Request-ID"]

    assert (answered == given) is kept


def test_an_unexpected_error_is_logged_as_json_under_the_request_id(settings, json_log):
    settings.ROOT_URLCONF = "tests.core.urls_failing"

    response = Client(raise_request_exception=False).get("/crash/")

    assert response.status_code == 500
    [entry] = lines(json_log)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /crash/"
    assert entry["request_id"] == response["X-Request-ID"]
    assert "RuntimeError: unexpected" in str(entry["exception"])
    assert entry["status_code"] == 500  # an `extra=` field


def test_a_not_found_is_logged_under_the_request_id_and_the_id_is_then_forgotten(client, json_log):
    response = client.get("/no-such-page/")

    [entry] = lines(json_log)
    assert (entry["level"], entry["request_id"]) == ("WARNING", response["X-Request-ID"])
    assert request_id.get() == "-"


def test_a_task_logs_under_the_id_of_the_request_that_queued_it():
    queue = f"probe-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "celery_tasks.main", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", f"--hostname={queue}@%h", f"--queues={queue}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.test", "DJANGO_LOG_FORMAT": "json"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        token = request_id.set("7f3c2a9e5b1d4c6f8a0e2b4d6f8a0c2e")
        try:
            result = heartbeat.apply_async(queue=queue)
        finally:
            request_id.reset(token)
        result.get(timeout=60)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)

    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    succeeded = [entry for entry in entries if "succeeded" in str(entry["message"])]
    assert succeeded, output
    assert succeeded[0]["request_id"] == "7f3c2a9e5b1d4c6f8a0e2b4d6f8a0c2e"
    assert succeeded[0]["logger"] == "celery.app.trace"
