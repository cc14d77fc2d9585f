"""Keeping the search index in step with the catalog."""

from celery import shared_task
from django.db import DatabaseError


@shared_task(
    name="search.update_sku_index",
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=5,
    retry_backoff_max=60,
    max_retries=5,
)
def update_sku_index(sku_ids: list[int]) -> int:
    """Index these SKUs again; SKUs deleted or taken off sale leave the index."""
    from apps.goods.search_indexes import sku_index_update

    return sku_index_update(sku_ids=sku_ids)
