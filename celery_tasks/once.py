"""Tasks with effects outside the mall (an SMS, a mail) run at least once (acks_late in
celery_tasks/main.py): a worker killed after doing the work but before acknowledging it
gets the task redelivered. `done_once` makes the redelivery do nothing: the task's id is
recorded in Redis once the work is done, and a task whose id is recorded skips it."""

import logging
from collections.abc import Callable
from typing import TypeVar

from celery import Task
from django_redis import get_redis_connection

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Redeliveries come within minutes; a day is plenty.
DONE_SECONDS = 24 * 3600


def done_once(task: Task, work: Callable[[], T]) -> T | None:
    """What `work` returns, unless this task (by its id) already did it: then None."""
    task_id = task.request.id
    if task_id is None:  # called directly, not as a task
        return work()
    key = f"task:done:{task_id}"
    redis = get_redis_connection("default")
    if redis.exists(key):
        logger.info("Task %s[%s] already did its work: a redelivery, skipped", task.name, task_id)
        return None
    result = work()
    redis.set(key, 1, ex=DONE_SECONDS)
    return result
