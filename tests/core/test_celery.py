"""The Celery app: JSON only, time limits, a beat schedule, and a real worker round trip."""

import pytest
from django.core.cache import cache

from celery_tasks.health.tasks import heartbeat
from celery_tasks.main import app
from meiduo_mall.health import HEARTBEAT_CACHE_KEY


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
