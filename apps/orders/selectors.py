"""Reads of orders."""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from apps.carts.selectors import cart_line_list, cart_selected_lines
from apps.goods import catalog_cache
from apps.goods.models import SKU
from apps.orders.models import OrderGoods, OrderInfo
from apps.users.models import User
from meiduo_mall.utils.exceptions import NotFoundError
from meiduo_mall.utils.versioned_cache import as_json, split_count, with_count


def order_settlement(*, user: User) -> dict[str, Any]:
    """O1: the ticked lines of the shopper's cart with their SKUs (one query), and the freight."""
    return {"freight": settings.ORDER_FREIGHT, "skus": cart_line_list(lines=cart_selected_lines(user_id=user.pk))}


def order_payable(*, user: User, order_id: str) -> OrderInfo | None:
    """O4: the shopper's order if it is an Alipay order waiting for payment."""
    return OrderInfo.objects.filter(
        pk=order_id, user=user, pay_method=OrderInfo.PayMethod.ALIPAY, status=OrderInfo.Status.UNPAID
    ).first()


def order_list(*, user: User) -> QuerySet[OrderInfo]:
    """O3: the shopper's orders, newest first, with their lines and SKUs (two queries more,
    however many orders a page shows)."""
    lines = OrderGoods.objects.select_related("sku").only(
        "id", "order_id", "count", "price", "sku__id", "sku__name", "sku__default_image"
    )
    return (
        OrderInfo.objects.filter(user=user)
        .order_by("-create_time", "-order_id")
        .prefetch_related(Prefetch("lines", queryset=lines))
    )


def order_uncommented_lines(*, user: User, order_id: str) -> list[OrderGoods]:
    """O6: the lines of a received order still waiting for the shopper's comment."""
    order = OrderInfo.objects.filter(pk=order_id, user=user).only("order_id", "status").first()
    if order is None:
        raise NotFoundError("订单不存在")
    if order.status != OrderInfo.Status.UNCOMMENT:
        return []
    return list(OrderGoods.objects.filter(order=order, is_commented=False).select_related("sku").order_by("sku_id"))


# --- a SKU's comments (G5): they are order lines ---------------------------------------------


def masked_username(username: str) -> str:
    """张三丰 → 张***丰; a one-letter name shows only that letter."""
    return f"{username[0]}***{username[-1]}" if len(username) > 1 else f"{username}***"


def sku_comment_count(*, sku_id: int, listed: int) -> int:
    """How many comments a SKU has had, G5 having listed `listed` of them. Each commented
    line counts once (services.order_comment adds it to SKU.comments), so a list shorter
    than a full page is the whole count; only a full page asks the SKU."""
    if listed < settings.SKU_COMMENTS_SHOWN:
        return listed
    return SKU.objects.filter(pk=sku_id).values_list("comments", flat=True).first() or 0


def sku_comments_json(*, sku_id: int) -> tuple[bytes, int]:
    """G5: the newest comments on a SKU as JSON and how many it has had, cached as sent until
    the SKU changes or is commented on (catalog_cache.py)."""

    def build() -> bytes:
        comments = sku_comment_list(sku_id=sku_id)
        return with_count(sku_comment_count(sku_id=sku_id, listed=len(comments)), as_json(comments))

    entry = catalog_cache.cached_bytes(f"comments:{sku_id}", [catalog_cache.sku_scope(sku_id)], build)
    total, comments = split_count(entry)
    return comments, total


def sku_comment_list(*, sku_id: int) -> list[dict[str, Any]]:
    """G5: the 30 newest comments on a SKU; anonymous ones with the username masked."""
    lines = (
        OrderGoods.objects.filter(sku_id=sku_id, is_commented=True)
        .select_related("order__user")
        .only("score", "comment", "is_anonymous", "order__user__username")
        .order_by("-update_time", "-id")[: settings.SKU_COMMENTS_SHOWN]
    )
    return [
        {
            "score": line.score,
            "comment": line.comment,
            "username": masked_username(line.order.user.username) if line.is_anonymous else line.order.user.username,
        }
        for line in lines
    ]
