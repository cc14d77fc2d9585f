"""Writes of the catalog: browse history, and the follow-ups of catalog edits (generated
pages and the search index are refreshed by Celery tasks, enqueued once the edit commits)."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django_redis import get_redis_connection

from apps.goods.selectors import history_key, sku_is_launched
from celery_tasks.html.tasks import generate_all_pages, generate_detail_pages, generate_index_page
from celery_tasks.search.tasks import update_sku_index
from meiduo_mall.utils.exceptions import ServiceError


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


def skus_changed(*, sku_ids: Iterable[int]) -> None:
    """After a SKU, its images or its specifications (or its SPU) changed: regenerate the
    detail pages and re-index the SKUs, once the change is committed."""
    ids = sorted(set(sku_ids))
    if not ids:
        return

    def enqueue() -> None:
        generate_detail_pages.delay(ids)
        update_sku_index.delay(ids)

    transaction.on_commit(enqueue)


def index_contents_changed() -> None:
    """After index contents changed: regenerate index.html once the change is committed."""
    transaction.on_commit(lambda: generate_index_page.delay())


def category_menu_changed() -> None:
    """After categories or channels changed: every page carries the menu, so regenerate all."""
    transaction.on_commit(lambda: generate_all_pages.delay())
