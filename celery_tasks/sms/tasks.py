from celery import shared_task
from django.conf import settings

from celery_tasks.sms.senders import SmsSendError, send_sms


@shared_task(
    name="sms.send_code",
    autoretry_for=(SmsSendError,),
    retry_backoff=2,
    retry_backoff_max=30,
    retry_jitter=False,
    max_retries=3,
    # A code is worthless once it has expired.
    expires=300,
)
def send_sms_code(mobile: str, code: str) -> None:
    """Text a verification code. A provider failure is retried with back-off (2, 4, 8 s)."""
    send_sms(mobile, code, settings.SMS_CODE_SECONDS // 60)
