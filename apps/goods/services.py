"""Writes of the catalog: browse history, and the follow-ups of catalog edits (generated
pages and the search index are refreshed by Celery tasks, enqueued once the edit commits;
when the broker is down they are kept in the database and queued again by beat)."""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from celery import Task
from django.conf import settings
from django.db import transaction
from django_redis import get_redis_connection

from apps.goods import catalog_cache
from apps.goods.models import DeferredFollowUp
from apps.goods.selectors import history_key, sku_is_launched
from celery_tasks.html.tasks import generate_all_pages, generate_detail_pages, generate_index_page
from celery_tasks.search.tasks import update_sku_index
from meiduo_mall.utils.exceptions import ServiceError
from meiduo_mall.utils.outages import BROKER_ERRORS, REDIS_ERRORS

logger = logging.getLogger(__name__)

# Told after an edit committed but its follow-ups had to wait for the broker (the admin
# shows the operator a warning).
OnDeferred = Callable[[], None] | None


def history_record(*, user_id: int, sku_id: int) -> None:
    """C4: put the SKU at the head of the shopper's history, once, keeping the newest few."""
    if not sku_is_launched(sku_id=sku_id):
        raise ServiceError("商品不存在或已下架")
    key = history_key(user_id)
    pipeline = get_redis_connection("default").pipeline()
    pipeline.lrem(key, 0, sku_id)
    pipeline.lpush(key, sku_id)
    pipeline.ltrim(key, 0, settings.BROWSE_HISTORY_LENGTH - 1)
    pipeline.execute()


def _after_commit(calls: list[tuple[Task, list[Any]]], on_deferred: OnDeferred) -> None:
    """Queue these tasks once the edit commits. A committed edit is never turned into an
    error: a task the broker cannot take is stored (DeferredFollowUp) for beat to queue
    again, and `on_deferred` is told."""

    def enqueue() -> None:
        deferred = False
        for task, args in calls:
            try:
                task.apply_async(args=args)
            except BROKER_ERRORS + REDIS_ERRORS as error:
                DeferredFollowUp.objects.create(task=task.name, args=args)
                logger.warning("Broker unavailable, %s deferred until it answers: %r", task.name, error)
                deferred = True
        if deferred and on_deferred is not None:
            on_deferred()

    transaction.on_commit(enqueue)


def skus_changed(*, sku_ids: Iterable[int], on_deferred: OnDeferred = None) -> None:
    """After a SKU, its images or its specifications (or its SPU) changed: regenerate the
    detail pages and re-index the SKUs, once the change is committed."""
    ids = sorted(set(sku_ids))
    if ids:
        catalog_cache.skus_changed_after_commit(ids)  # saves say so themselves, bulk updates do not
        _after_commit([(generate_detail_pages, [ids]), (update_sku_index, [ids])], on_deferred)


def skus_launch_changed(*, sku_ids: Iterable[int], on_deferred: OnDeferred = None) -> None:
    """After SKUs were put on sale or taken off in bulk: as skus_changed, and the category
    menu (which shows only categories with goods on sale) is built again."""
    ids = list(sku_ids)
    catalog_cache.skus_launched_or_withdrawn(ids)
    skus_changed(sku_ids=ids, on_deferred=on_deferred)


def index_contents_changed(*, on_deferred: OnDeferred = None) -> None:
    """After index contents changed: regenerate index.html once the change is committed."""
    _after_commit([(generate_index_page, [])], on_deferred)


def category_menu_changed(*, on_deferred: OnDeferred = None) -> None:
    """After categories or channels changed: every page carries the menu, so regenerate all."""
    _after_commit([(generate_all_pages, [])], on_deferred)
