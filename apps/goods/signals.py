"""Saves and deletions of catalog rows, by whatever code, replace the versions of the cached
answers that showed them (catalog_cache.py); a SKU saved has its stock gate read again from
the database (stock_gate.py)."""

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from apps.goods import catalog_cache, stock_gate
from apps.goods.models import SKU, GoodsCategory, GoodsChannel, GoodsChannelGroup


@receiver(pre_save, sender=SKU, dispatch_uid="goods.catalog_cache.sku_saving")
def sku_saving(sender: type[SKU], instance: SKU, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw"):
        catalog_cache.sku_saving(instance)


@receiver(post_save, sender=SKU, dispatch_uid="goods.catalog_cache.sku_saved")
def sku_saved(sender: type[SKU], instance: SKU, created: bool, **kwargs: Any) -> None:
    catalog_cache.sku_saved(instance, created=created)
    stock_gate.forget_after_commit([instance.pk])  # its stock may have been set by hand


@receiver(post_delete, sender=SKU, dispatch_uid="goods.catalog_cache.sku_deleted")
def sku_deleted(sender: type[SKU], instance: SKU, **kwargs: Any) -> None:
    catalog_cache.sku_deleted(instance)


def tree_changed(sender: Any, **kwargs: Any) -> None:
    catalog_cache.tree_changed()


for _model in (GoodsCategory, GoodsChannel, GoodsChannelGroup):
    post_save.connect(tree_changed, sender=_model, dispatch_uid=f"goods.catalog_cache.{_model.__name__}.saved")
    post_delete.connect(tree_changed, sender=_model, dispatch_uid=f"goods.catalog_cache.{_model.__name__}.deleted")
