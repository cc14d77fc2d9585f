"""SENTRY_DSN: unhandled errors reach Sentry (here its local stand-in) with the request id
and without shoppers' personal data. Sentry hooks into Django process-wide, so each case
runs in a process of its own."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.standins.sentry import SentryStandIn

ROOT = Path(__file__).resolve().parents[2]

CRASH = """
import django, sentry_sdk
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.core.urls_failing"):
    response = Client(raise_request_exception=False).get("/crash/", HTTP_COOKIE="cart=secret-cart")
sentry_sdk.flush(timeout=10)
print(response.status_code, response["X-Request-ID"])
"""


@pytest.fixture
def sentry() -> Iterator[SentryStandIn]:
    server = SentryStandIn().start()
    yield server
    server.stop()


def crash(**env: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", CRASH],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()  # after the log lines (stdout too)


def test_an_unhandled_error_is_reported_with_the_request_id(sentry):
    status, request_id = crash(SENTRY_DSN=sentry.dsn, SENTRY_ENVIRONMENT="staging")

    assert status == "500"
    assert sentry.refusals == []
    [event] = sentry.events
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "unexpected")
    assert event["tags"]["request_id"] == request_id
    assert event["environment"] == "staging"
    assert event["transaction"] == "/crash/"
    assert "secret-cart" not in json.dumps(event)  # no cookies: send_default_pii is off


def test_nothing_is_sent_without_a_dsn(sentry):
    status, _ = crash()

    assert status == "500"
    assert sentry.events == []
