"""Recognising "a service we depend on is down", shared by the DRF exception handler
and the middleware that covers non-DRF views."""

import logging

import kombu.exceptions
import redis.exceptions
from django.db import DatabaseError, InterfaceError, OperationalError
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("meiduo_mall.services")

RETRY_AFTER_SECONDS = 30

DATABASE_DOWN = "数据库暂时无法访问，请稍后再试"
REDIS_DOWN = "缓存服务暂时无法访问，请稍后再试"
BROKER_DOWN = "任务队列暂时无法访问，请稍后再试"


def service_unavailable_message(exc: BaseException) -> str | None:
    """The message to show a shopper when `exc` means a backing service is unavailable,
    or None when it is some other error."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return DATABASE_DOWN
    if isinstance(exc, DatabaseError) and isinstance(exc.__cause__, (OperationalError, InterfaceError)):
        return DATABASE_DOWN
    if isinstance(exc, (ConnectionInterrupted, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)):
        return REDIS_DOWN
    if isinstance(exc, kombu.exceptions.OperationalError):
        return BROKER_DOWN
    return None


def log_service_unavailable(exc: BaseException, where: str) -> None:
    logger.error("Service unavailable while handling %s: %r", where, exc, exc_info=exc)
