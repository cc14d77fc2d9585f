"""Regenerating the storefront pages built from templates/storefront/ (apps/goods/pages.py)."""

from celery import shared_task
from django.db import DatabaseError

RETRY = {"autoretry_for": (DatabaseError, OSError), "retry_backoff": 5, "retry_backoff_max": 60, "max_retries": 5}


@shared_task(name="html.generate_index_page", **RETRY)
def generate_index_page() -> str:
    """index.html: run by celery beat every few minutes and after index contents change."""
    from apps.goods import pages  # the goods services enqueue these tasks

    return str(pages.generate_index_page())


@shared_task(name="html.generate_detail_pages", **RETRY)
def generate_detail_pages(sku_ids: list[int]) -> int:
    """goods/<id>.html of these SKUs, after they, their images or specifications changed."""
    from apps.goods import pages

    return len(pages.generate_detail_pages(sku_ids=sku_ids))


@shared_task(name="html.generate_all_pages", soft_time_limit=3600, time_limit=3900, **RETRY)
def generate_all_pages() -> int:
    """Every generated page: the category menu, shown on each, changed."""
    from apps.goods import pages

    return pages.generate_all_pages()


@shared_task(name="html.requeue_deferred", **RETRY)
def requeue_deferred() -> int:
    """Run by beat every minute: queue again the page and index follow-ups of catalog edits
    made while the broker was down."""
    from apps.goods.follow_ups import deferred_follow_ups_requeue

    return deferred_follow_ups_requeue()
