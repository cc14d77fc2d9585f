"""GET /health/: is this web process able to serve? For load balancers and operators."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from meiduo_mall.utils.outages import DATABASE_ERRORS, REDIS_ERRORS

HEARTBEAT_CACHE_KEY = "health:celery-heartbeat"
# Beat sends one a minute; three missed ones mean beat or every worker is down.
HEARTBEAT_STALE_AFTER = timedelta(minutes=3)


def heartbeat_record(*, worker: str) -> dict[str, str]:
    beat = {"at": timezone.now().isoformat(), "worker": worker}
    cache.set(HEARTBEAT_CACHE_KEY, beat, timeout=None)
    return beat


def _celery_status(beat: dict[str, str] | None) -> dict[str, object]:
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
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = "ok"
    except DATABASE_ERRORS:
        report["database"] = "unavailable"
    try:
        # The one read that proves Redis answers also tells how Celery is doing.
        beat = cache.get(HEARTBEAT_CACHE_KEY)
        report["redis"], report["celery"] = "ok", _celery_status(beat)
    except REDIS_ERRORS:
        report["redis"], report["celery"] = "unavailable", {"status": "unknown"}
    healthy = report["database"] == report["redis"] == "ok"
    if not healthy:
        report["message"] = "服务暂时不可用，请稍后再试"
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
