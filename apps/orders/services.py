"""Writes of orders (api.md §8). Placement follows house-style "Money, stock and state":
one transaction, stock taken by guarded UPDATEs in ascending SKU id order (so two orders
never deadlock), nothing written unless every line has the stock."""

import secrets
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.carts.selectors import cart_selected_lines
from apps.carts.services import cart_remove_ordered
from apps.goods.models import SKU, SPU
from apps.orders.models import OrderEvent, OrderGoods, OrderInfo
from apps.users.models import User
from apps.users.selectors import address_list
from meiduo_mall.utils.exceptions import ServiceError

ORDER_ID_ATTEMPTS = 5
ADDRESS_INVALID = "收货地址无效，请重新选择"


class _KeyAlreadyUsedError(Exception):
    """Another request with the same idempotency key placed (or is placing) the order."""


def order_id_new(user: User) -> str:
    """`YYYYmmddHHMMSS` + the 9-digit user id + 4 random digits. Two orders of one user in
    one second differ by the random digits; the rare clash is retried by `order_create`."""
    return f"{timezone.localtime():%Y%m%d%H%M%S}{user.pk:09d}{secrets.randbelow(10_000):04d}"


def _insert_order(order: OrderInfo) -> None:
    """Insert the order row, drawing a new id while the drawn one is taken."""
    for _ in range(ORDER_ID_ATTEMPTS):
        try:
            with transaction.atomic():
                order.save(force_insert=True)
            return
        except IntegrityError:
            if (
                order.idempotency_key
                and OrderInfo.objects.filter(user_id=order.user_id, idempotency_key=order.idempotency_key).exists()
            ):
                raise _KeyAlreadyUsedError from None
            if not OrderInfo.objects.filter(pk=order.order_id).exists():
                raise
            order.order_id = order_id_new(order.user)
    raise ServiceError("下单失败，请重试")


@transaction.atomic
def _order_place(*, user: User, address_id: int, pay_method: int, idempotency_key: str | None) -> OrderInfo:
    address = address_list(user=user).filter(pk=address_id).first()
    if address is None:
        raise ServiceError(ADDRESS_INVALID)
    lines = cart_selected_lines(user_id=user.pk)
    if not lines:
        raise ServiceError("请选择要购买的商品")
    skus = list(SKU.objects.filter(pk__in=lines).only("id", "name", "price", "spu_id", "is_launched").order_by("id"))
    if len(skus) != len(lines) or any(not sku.is_launched for sku in skus):
        raise ServiceError("购物车中有商品已下架，请返回购物车修改")

    status = OrderInfo.Status.UNSEND if pay_method == OrderInfo.PayMethod.CASH else OrderInfo.Status.UNPAID
    order = OrderInfo(
        order_id=order_id_new(user),
        user=user,
        address=address,
        receiver=address.receiver,
        receiver_mobile=address.mobile,
        address_text=f"{address.province.name}{address.city.name}{address.district.name}{address.place}",
        total_count=sum(line.count for line in lines.values()),
        total_amount=sum((sku.price * lines[sku.id].count for sku in skus), Decimal("0.00")),
        freight=settings.ORDER_FREIGHT,
        pay_method=pay_method,
        status=status,
        idempotency_key=idempotency_key,
    )
    # The order row first: a request repeating the idempotency key waits on it here.
    _insert_order(order)

    spu_sales: dict[int, int] = defaultdict(int)
    for sku in skus:  # ascending ids: every order locks SKUs in the same order
        count = lines[sku.id].count
        taken = SKU.objects.filter(pk=sku.id, stock__gte=count).update(
            stock=F("stock") - count, sales=F("sales") + count
        )
        if not taken:
            raise ServiceError(f"商品库存不足：{sku.name}")
        spu_sales[sku.spu_id] += count
    for spu_id in sorted(spu_sales):
        SPU.objects.filter(pk=spu_id).update(sales=F("sales") + spu_sales[spu_id])

    OrderGoods.objects.bulk_create(
        OrderGoods(order=order, sku_id=sku.id, count=lines[sku.id].count, price=sku.price) for sku in skus
    )
    OrderEvent.objects.create(order=order, from_status=None, to_status=status, note="下单")
    ordered = [sku.id for sku in skus]
    transaction.on_commit(lambda: cart_remove_ordered(user_id=user.pk, sku_ids=ordered))
    return order


def order_create(*, user: User, address_id: int, pay_method: int, idempotency_key: str | None = None) -> OrderInfo:
    """O2: place an order of the ticked cart lines. The same `idempotency_key` again, even
    concurrently, answers the order it placed instead of placing another."""
    if idempotency_key:
        placed = OrderInfo.objects.filter(user=user, idempotency_key=idempotency_key).first()
        if placed is not None:
            return placed
    try:
        return _order_place(user=user, address_id=address_id, pay_method=pay_method, idempotency_key=idempotency_key)
    except _KeyAlreadyUsedError:
        return OrderInfo.objects.get(user=user, idempotency_key=idempotency_key)
    except ServiceError:
        # A request with the same key may have placed the order meanwhile, emptying the
        # cart this one read: that order is the answer, not "nothing selected".
        if idempotency_key:
            placed = OrderInfo.objects.filter(user=user, idempotency_key=idempotency_key).first()
            if placed is not None:
                return placed
        raise
