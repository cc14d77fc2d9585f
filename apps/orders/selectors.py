"""Reads of orders."""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from apps.carts.selectors import cart_line_list, cart_selected_lines
from apps.orders.models import OrderGoods, OrderInfo
from apps.users.models import User
from meiduo_mall.utils.exceptions import NotFoundError


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
        .prefetch_related(Prefetch("skus", queryset=lines))
    )


def order_uncommented_lines(*, user: User, order_id: str) -> list[OrderGoods]:
    """O6: the lines of a received order still waiting for the shopper's comment."""
    order = OrderInfo.objects.filter(pk=order_id, user=user).only("order_id", "status").first()
    if order is None:
        raise NotFoundError("订单不存在")
    if order.status != OrderInfo.Status.UNCOMMENT:
        return []
    return list(OrderGoods.objects.filter(order=order, is_commented=False).select_related("sku").order_by("sku_id"))
