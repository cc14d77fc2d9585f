from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from meiduo_mall.health import HEARTBEAT_CACHE_KEY, heartbeat_record

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_redis_answer(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "redis": "ok",
        "celery": {"status": "unknown", "last_heartbeat": None},
    }


def test_reports_the_last_celery_heartbeat(client):
    beat = heartbeat_record(worker="worker@host")

    celery = client.get("/health/").json()["celery"]

    assert celery == {"status": "ok", "last_heartbeat": beat["at"], "worker": "worker@host"}


def test_old_heartbeat_is_reported_stale(client):
    cache.set(HEARTBEAT_CACHE_KEY, {"at": (timezone.now() - timedelta(minutes=10)).isoformat(), "worker": "w"})

    assert client.get("/health/").json()["celery"]["status"] == "stale"
