"""Reads of the cart."""

from typing import Any

from apps.carts.stores import Lines, RedisCart
from apps.goods.models import SKU


def cart_line_list(*, lines: Lines) -> list[dict[str, Any]]:
    """K1: the lines with their SKUs, fetched in one query, in a stable order (by SKU id).
    Lines of SKUs that no longer exist are left out."""
    skus = SKU.objects.filter(pk__in=lines).only("id", "name", "price", "default_image").order_by("id")
    return [
        {
            "id": sku.id,
            "count": lines[sku.id].count,
            "name": sku.name,
            "default_image_url": sku.default_image_url,
            "price": sku.price,
            "selected": lines[sku.id].selected,
        }
        for sku in skus
    ]


def cart_selected_lines(*, user_id: int) -> Lines:
    """The lines of a shopper's cart that are ticked for checkout (O1, O2)."""
    return {sku_id: line for sku_id, line in RedisCart(user_id).lines().items() if line.selected}
