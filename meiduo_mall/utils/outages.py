"""Recognising "a service we depend on is down", and the 503 the shopper gets for it.
Used by the DRF exception handler, by the middleware that covers non-DRF views, and by
code that carries on without a service (catch OUTAGE_ERRORS)."""

import logging

import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django_redis.exceptions import ConnectionInterrupted
from elasticsearch.exceptions import ConnectionError as SearchConnectionError

from meiduo_mall.utils.errors import json_message
from meiduo_mall.utils.fastdfs import FastDFSUnavailableError

logger = logging.getLogger("meiduo_mall.outages")

RETRY_AFTER_SECONDS = 30

DATABASE_ERRORS = (OperationalError, InterfaceError)
REDIS_ERRORS = (ConnectionInterrupted, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
BROKER_ERRORS = (kombu.exceptions.OperationalError,)
FILE_STORAGE_ERRORS = (FastDFSUnavailableError,)


class SearchIndexUnavailableError(RuntimeError):
    """The embedded search index cannot be read (written by another version of the mall:
    `rebuild_index` replaces it) or written (another process kept its lock)."""


SEARCH_ERRORS = (SearchConnectionError, SearchIndexUnavailableError)
OUTAGE_ERRORS = DATABASE_ERRORS + REDIS_ERRORS + BROKER_ERRORS + FILE_STORAGE_ERRORS + SEARCH_ERRORS

DATABASE_DOWN = "数据库暂时无法访问，请稍后再试"
REDIS_DOWN = "缓存服务暂时无法访问，请稍后再试"
BROKER_DOWN = "任务队列暂时无法访问，请稍后再试"
FILE_STORAGE_DOWN = "图片存储服务暂时无法访问，请稍后再试"
SEARCH_DOWN = "搜索服务暂时无法访问，请稍后再试"


def service_unavailable_message(exc: BaseException) -> str | None:
    """The message to show a shopper when `exc` means a backing service is unavailable,
    or None when it is some other error."""
    if isinstance(exc, DATABASE_ERRORS):
        return DATABASE_DOWN
    if isinstance(exc, REDIS_ERRORS):
        return REDIS_DOWN
    if isinstance(exc, BROKER_ERRORS):
        return BROKER_DOWN
    if isinstance(exc, FILE_STORAGE_ERRORS):
        return FILE_STORAGE_DOWN
    if isinstance(exc, SEARCH_ERRORS):
        return SEARCH_DOWN
    return None


def outage_response(exc: BaseException, where: str, *, html: bool = False) -> HttpResponse | None:
    """A logged 503 with Retry-After when `exc` is an outage, else None: `{"message"}` for
    API clients, a page saying the same (templates/503.html) for a browser (the admin)."""
    message = service_unavailable_message(exc)
    if message is None:
        return None
    logger.error("Service unavailable while handling %s: %r", where, exc, exc_info=exc)
    if html:
        page = render_to_string("503.html", {"message": message, "retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(page, status=503)
    else:
        response = json_message(message, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
