"""Periodic order housekeeping."""

from celery import shared_task
from django.db import DatabaseError


@shared_task(
    name="orders.expire_unpaid",
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=300,
    time_limit=360,
)
def expire_unpaid() -> int:
    """Run by beat every minute: cancel Alipay orders unpaid past the timeout."""
    from apps.orders.services import orders_expire_unpaid

    return orders_expire_unpaid()
