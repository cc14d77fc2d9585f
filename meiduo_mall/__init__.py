# Load the Celery app whenever Django starts, so `task.delay()` from a web process
# uses the configured broker (and not Celery's default amqp://).
from celery_tasks.main import app as celery_app

__all__ = ("celery_app",)
