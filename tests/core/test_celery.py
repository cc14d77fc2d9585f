"""The Celery app: JSON only, time limits, a beat schedule, and a real worker round trip."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from celery_tasks.health.tasks import heartbeat
from celery_tasks.main import app
from meiduo_mall.health import HEARTBEAT_CACHE_KEY

ROOT = Path(__file__).resolve().parents[2]


def test_app_accepts_json_only_and_limits_task_time():
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"
    assert app.conf.result_serializer == "json"
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_app_uses_the_configured_redis_broker(settings):
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    assert app.conf.broker_url.startswith("redis://127.0.0.1:6391/")


def test_beat_schedule_names_registered_tasks():
    app.loader.import_default_modules()

    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks
        assert entry["schedule"] > 0


@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_task_and_returns_its_result(celery_worker_process):
    # when: a web process enqueues the heartbeat, as beat does every minute
    result = heartbeat.delay()

    # then: a real worker ran it against the test Redis and sent the result back
    beat = result.get(timeout=60)
    assert beat["worker"].startswith("tests@")
    assert cache.get(HEARTBEAT_CACHE_KEY) == beat


def test_django_start_up_loads_the_celery_app():
    # A web process only calls django.setup(); `.delay()` must then use our app and broker,
    # not Celery's default app on amqp://.
    code = (
        "import django; django.setup(); from celery import current_app; from django.conf import settings;"
        "print(current_app.main, current_app.conf.broker_url == settings.CELERY_BROKER_URL)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["meiduo_mall", "True"]
