"""GET /health/: is this web process able to serve? For load balancers and operators."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from meiduo_mall.utils.outages import service_unavailable_message

HEARTBEAT_CACHE_KEY = "health:celery-heartbeat"
# Beat sends one a minute; three missed ones mean beat or every worker is down.
HEARTBEAT_STALE_AFTER = timedelta(minutes=3)


def heartbeat_record(*, worker: str) -> dict[str, str]:
    beat = {"at": timezone.now().isoformat(), "worker": worker}
    cache.set(HEARTBEAT_CACHE_KEY, beat, timeout=None)
    return beat


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_redis() -> str:
    cache.get(HEARTBEAT_CACHE_KEY)
    return "ok"


def _celery_status() -> dict[str, object]:
    beat = cache.get(HEARTBEAT_CACHE_KEY)
    if not beat:
        return {"status": "unknown", "last_heartbeat": None}
    at = parse_datetime(beat["at"])
    fresh = at is not None and timezone.now() - at < HEARTBEAT_STALE_AFTER
    return {"status": "ok" if fresh else "stale", "last_heartbeat": beat["at"], "worker": beat["worker"]}


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database and Redis answer, else 503. Celery is reported, not required:
    the web tier serves pages while workers restart."""
    report: dict[str, object] = {}
    healthy = True
    for name, check in (("database", _check_database), ("redis", _check_redis)):
        try:
            report[name] = check()
        except Exception as exc:
            if service_unavailable_message(exc) is None:
                raise
            report[name] = "unavailable"
            healthy = False
    report["celery"] = _celery_status() if report["redis"] == "ok" else {"status": "unknown"}
    if not healthy:
        report["message"] = "服务暂时不可用，请稍后再试"
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
