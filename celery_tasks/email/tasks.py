import smtplib

from celery import Task, shared_task

from celery_tasks.once import done_once


@shared_task(
    bind=True,
    name="email.send_verify_email",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=120,
    max_retries=5,
)
def send_verify_email(self: Task, user_id: int) -> bool:
    """Mail the e-mail verification link to a user (retried while the SMTP server is down;
    a redelivery of a task that had mailed it mails nothing)."""
    from apps.users.services import user_email_verify_send  # the service module enqueues this task

    return bool(done_once(self, lambda: user_email_verify_send(user_id=user_id)))
