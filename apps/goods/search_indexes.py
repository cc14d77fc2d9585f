"""The search index of SKUs (Haystack): the name, caption and category of every launched SKU."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from haystack import connections, indexes

from apps.goods.models import SKU


class SKUIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)

    def get_model(self) -> type[SKU]:
        return SKU

    def index_queryset(self, using: str | None = None) -> QuerySet[SKU]:
        return (
            SKU.objects.filter(is_launched=True)
            .select_related("category")
            .only("id", "name", "caption", "category__name")
        )

    def prepare_text(self, sku: SKU) -> str:
        # The category's name too: 手机 finds every phone, even one whose name says only "Mate 60".
        return f"{sku.name}\n{sku.caption}\n{sku.category.name}"


def sku_index_update(*, sku_ids: Iterable[int], using: str = "default") -> int:
    """Index these SKUs again; deleted or unlaunched ones leave the index. Returns how many
    are indexed."""
    ids = set(sku_ids)
    index: Any = connections[using].get_unified_index().get_index(SKU)
    backend = connections[using].get_backend()
    launched = index.index_queryset(using=using).filter(pk__in=ids)
    indexed = {sku.id for sku in launched}
    if indexed:
        backend.update(index, launched)
    for sku_id in ids - indexed:
        backend.remove(f"goods.sku.{sku_id}")
    return len(indexed)
