"""Reads of orders."""

from typing import Any

from django.conf import settings

from apps.carts.selectors import cart_selected_lines
from apps.goods.models import SKU
from apps.users.models import User


def order_settlement(*, user: User) -> dict[str, Any]:
    """O1: the ticked lines of the shopper's cart with their SKUs (one query), and the freight."""
    lines = cart_selected_lines(user_id=user.pk)
    skus = SKU.objects.filter(pk__in=lines).only("id", "name", "price", "default_image").order_by("id")
    return {
        "freight": settings.ORDER_FREIGHT,
        "skus": [
            {
                "id": sku.id,
                "name": sku.name,
                "default_image_url": sku.default_image_url,
                "price": sku.price,
                "count": lines[sku.id].count,
            }
            for sku in skus
        ],
    }
