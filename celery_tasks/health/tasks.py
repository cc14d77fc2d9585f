from celery_tasks.main import app
from meiduo_mall.health import heartbeat_record


@app.task(name="health.heartbeat")
def heartbeat() -> dict[str, str]:
    """Run by beat every minute: proves beat, the broker, a worker and Redis all work.
    GET /health/ reports the last one."""
    return heartbeat_record(worker=heartbeat.request.hostname or "")
