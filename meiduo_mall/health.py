"""GET /health/: is this web process able to serve? For load balancers and operators."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from meiduo_mall.utils.db_router import lag_acceptable, replica_lag
from meiduo_mall.utils.outages import DATABASE_ERRORS, REDIS_ERRORS

HEARTBEAT_CACHE_KEY = "health:celery-heartbeat"
# Beat sends one a minute; three missed ones mean beat or every worker is down.
HEARTBEAT_STALE_AFTER = timedelta(minutes=3)
# The report's name of each DATABASES alias.
REPORTED_AS = {"default": "database", "replica": "replica"}


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


def _database_status(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ERRORS:
        return "unavailable"
    return "ok"


def _replica_lag_status() -> tuple[str, float | None]:
    """ok, lagging (past DATABASE_REPLICA_MAX_LAG_SECONDS: shoppers read the primary) or
    stopped (not replicating), with the seconds behind the primary."""
    try:
        lag = replica_lag()
    except DATABASE_ERRORS:
        return "unavailable", None
    if lag is None:
        return "stopped", None
    return ("ok" if lag_acceptable(lag) else "lagging"), lag


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database and Redis answer, else 503. The read replica (if any) and Celery
    are reported, not required: the web tier serves while they restart."""
    report: dict[str, object] = {REPORTED_AS[alias]: _database_status(alias) for alias in settings.DATABASES}
    if report.get("replica") == "ok":
        report["replica"], report["replica_lag_seconds"] = _replica_lag_status()
    try:
        # The one read that proves Redis answers also tells how Celery is doing.
        beat = cache.get(HEARTBEAT_CACHE_KEY)
        report["redis"], report["celery"] = "ok", _celery_status(beat)
    except REDIS_ERRORS:
        report["redis"], report["celery"] = "unavailable", {"status": "unknown"}
    # Without the replica the API still serves (catalog reads fall back to the primary): it
    # is reported, not required.
    healthy = report["redis"] == report["database"] == "ok"
    if not healthy:
        report["message"] = "服务暂时不可用，请稍后再试"
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
