import logging

from celery import Task, shared_task
from django.conf import settings
from django_redis import get_redis_connection

from celery_tasks.once import done_once
from celery_tasks.sms.senders import SmsSendError, send_sms

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="sms.send_code",
    autoretry_for=(SmsSendError,),
    retry_backoff=2,
    retry_backoff_max=30,
    retry_jitter=False,
    max_retries=3,
    # A code is worthless once it has expired.
    expires=300,
)
def send_sms_code(self: Task, mobile: str) -> None:
    """Text the verification code kept for `mobile` (verify:sms:<mobile>, apps/verifications/services.py).
    The code itself never travels in the task, so no broker message, worker log line or error
    report carries it. A code already used or expired is not sent. A provider failure is
    retried with back-off (2, 4, 8 s); a redelivery of a task that had sent it sends nothing."""
    code = get_redis_connection("default").get(f"verify:sms:{mobile}")
    if code is None:
        logger.info("No SMS code to send any more (used or expired)")
        return
    done_once(self, lambda: send_sms(mobile, code.decode(), settings.SMS_CODE_SECONDS // 60))
