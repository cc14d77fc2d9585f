import smtplib

from celery import shared_task


@shared_task(
    name="email.send_verify_email",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=120,
    max_retries=5,
)
def send_verify_email(user_id: int) -> bool:
    """Mail the e-mail verification link to a user (retried while the SMTP server is down)."""
    from apps.users.services import user_email_verify_send  # the service module enqueues this task

    return user_email_verify_send(user_id=user_id)
