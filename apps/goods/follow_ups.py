"""Catalog follow-ups deferred while the broker was down (apps/goods/services.py stores them
as DeferredFollowUp), queued again by beat. Apart from the services, which enqueue the tasks
that call this: the tasks module and the services never import each other in a loop."""

from apps.goods.models import DeferredFollowUp
from celery_tasks.main import app as celery_app


def deferred_follow_ups_requeue() -> int:
    """Queue again the follow-ups deferred while the broker was down (oldest first); each is
    removed once the broker took it. Run by beat (`html.requeue_deferred`)."""
    queued = 0
    for follow_up in DeferredFollowUp.objects.all():
        celery_app.send_task(follow_up.task, args=follow_up.args)
        follow_up.delete()
        queued += 1
    return queued
