"""Writes of orders (docs/api.md, orders). Placement follows house-style "Money, stock and state":
one transaction, stock taken by guarded UPDATEs in ascending SKU id order (so two orders
never deadlock), nothing written unless every line has the stock."""

import logging
import secrets
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_redis import get_redis_connection

from apps.carts.selectors import cart_selected_lines
from apps.carts.services import cart_remove_ordered
from apps.carts.stores import Lines
from apps.goods import catalog_cache, stock_gate
from apps.goods.models import SKU, SPU
from apps.orders.models import OrderEvent, OrderGoods, OrderInfo, Payment
from apps.users.models import User
from apps.users.selectors import address_list
from meiduo_mall.utils.exceptions import NotFoundError, ServiceError
from meiduo_mall.utils.outages import REDIS_ERRORS

logger = logging.getLogger(__name__)

ORDER_ID_ATTEMPTS = 5
ADDRESS_INVALID = "收货地址无效，请重新选择"
WITHDRAWN = "购物车中有商品已下架，请返回购物车修改"


class _KeyAlreadyUsedError(Exception):
    """Another request with the same idempotency key placed (or is placing) the order."""


def order_id_new(user: User) -> str:
    """`YYYYmmddHHMMSS` + the 9-digit user id + 4 random digits. Two orders of one user in
    one second differ by the random digits; the rare clash is drawn again by `_insert_order`."""
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
def _order_place(
    *, user: User, address_id: int, pay_method: int, idempotency_key: str | None, lines: Lines
) -> OrderInfo:
    address = address_list(user=user).filter(pk=address_id).first()
    if address is None:
        raise ServiceError(ADDRESS_INVALID)
    skus = list(
        SKU.objects.filter(pk__in=lines)
        .only("id", "name", "price", "spu_id", "is_launched", "category_id")
        .annotate(cat2=F("category__parent_id"), cat1=F("category__parent__parent_id"))  # for the cache's bump
        .order_by("id")
    )
    if len(skus) != len(lines) or any(not sku.is_launched for sku in skus):
        raise ServiceError(WITHDRAWN)

    status = OrderInfo.Status.UNSEND if pay_method == OrderInfo.PayMethod.CASH else OrderInfo.Status.UNPAID
    order = OrderInfo(
        order_id=order_id_new(user),
        user_id=user.pk,  # the token's user: its row is not read
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
    OrderEvent.objects.create(order=order, from_status=None, to_status=status, note="下单")

    # The SKUs' rows as late as possible, so their locks (every buyer of a hot SKU waits on
    # them) are held only for the rest and the commit. Before the order lines, whose foreign
    # keys would otherwise share-lock the SKU rows first: two buyers holding those shared
    # locks and each wanting the row's exclusive lock would deadlock.
    spu_sales: dict[int, int] = defaultdict(int)
    for sku in skus:  # ascending ids: every order locks SKUs in the same order
        count = lines[sku.id].count
        taken = SKU.objects.filter(pk=sku.id, stock__gte=count).update(
            stock=F("stock") - count, sales=F("sales") + count
        )
        if not taken:
            raise ServiceError(f"商品库存不足：{sku.name}")
        spu_sales[sku.spu_id] += count
    OrderGoods.objects.bulk_create(
        OrderGoods(order=order, sku_id=sku.id, count=lines[sku.id].count, price=sku.price) for sku in skus
    )
    for spu_id in sorted(spu_sales):
        SPU.objects.filter(pk=spu_id).update(sales=F("sales") + spu_sales[spu_id])

    ordered = [sku.id for sku in skus]
    transaction.on_commit(lambda: _cart_cleanup(order_id=order.order_id, user_id=user.pk, sku_ids=ordered))
    lineages = [(sku.category_id, sku.cat2, sku.cat1) for sku in skus]
    catalog_cache.skus_changed_after_commit(ordered, lineages=lineages)  # their sales: the lists by sales
    return order


def _short_of(sku_id: int) -> ServiceError:
    """The refusal of an order the stock gate turned away at `sku_id`."""
    sku = SKU.objects.filter(pk=sku_id).values("name", "is_launched").first()
    if sku is None or not sku["is_launched"]:
        return ServiceError(WITHDRAWN)
    return ServiceError(f"商品库存不足：{sku['name']}")


def _first_with_key(user: User, idempotency_key: str | None) -> bool:
    """Whether this is the first request with its idempotency key (a repeat must not take
    units at the gate again: the database answers it with the order the first one places)."""
    if not idempotency_key:
        return True
    key = f"order_key:{user.pk}:{idempotency_key}"
    return bool(get_redis_connection("default").set(key, 1, nx=True, ex=settings.ORDER_KEY_SECONDS))


def _reserved_and_placed(*, user: User, address_id: int, pay_method: int, idempotency_key: str | None) -> OrderInfo:
    """Reserve the lines' units at the stock gate (a buyer of a sold-out SKU is refused here,
    at once), then place the order; units reserved for an order not placed go back. The gate
    is a shortcut: if Redis cannot take the reservation, the database alone decides."""
    lines = cart_selected_lines(user_id=user.pk)
    if not lines:
        raise ServiceError("请选择要购买的商品")
    counts = {sku_id: line.count for sku_id, line in lines.items()}
    reserved = False
    try:
        if _first_with_key(user, idempotency_key):
            stock_gate.reserve(counts)
            reserved = True
    except stock_gate.StockShortError as short:
        raise _short_of(short.sku_id) from None
    except REDIS_ERRORS as error:
        logger.warning("Stock gate unavailable, the database alone checks the stock: %r", error)
    try:
        return _order_place(
            user=user, address_id=address_id, pay_method=pay_method, idempotency_key=idempotency_key, lines=lines
        )
    except BaseException:
        if reserved:
            try:
                stock_gate.release(counts)
            except REDIS_ERRORS as error:  # the gate reads the database again when it expires
                logger.warning("Units reserved for an order not placed were not given back: %r", error)
        raise


def _cart_cleanup(*, order_id: str, user_id: int, sku_ids: list[int]) -> None:
    """After the commit: the ordered lines leave the cart. The order stands whatever happens
    here, so a Redis that fails now is logged, never turned into an error for the shopper
    (who, told the order failed, would order again)."""
    try:
        cart_remove_ordered(user_id=user_id, sku_ids=sku_ids)
    except REDIS_ERRORS as error:
        logger.warning(
            "order %s placed, but its lines stay in the cart of user %s: Redis failed (%r)", order_id, user_id, error
        )


def order_create(*, user: User, address_id: int, pay_method: int, idempotency_key: str | None = None) -> OrderInfo:
    """O2: place an order of the ticked cart lines. The same `idempotency_key` again, even
    concurrently, answers the order it placed instead of placing another."""
    if idempotency_key:
        placed = OrderInfo.objects.filter(user_id=user.pk, idempotency_key=idempotency_key).first()
        if placed is not None:
            return placed
    try:
        return _reserved_and_placed(
            user=user, address_id=address_id, pay_method=pay_method, idempotency_key=idempotency_key
        )
    except _KeyAlreadyUsedError:
        return OrderInfo.objects.get(user=user, idempotency_key=idempotency_key)
    except ServiceError:
        # A request with the same key may have placed the order meanwhile, emptying the
        # cart this one read: that order is the answer, not "nothing selected".
        if idempotency_key:
            placed = OrderInfo.objects.filter(user_id=user.pk, idempotency_key=idempotency_key).first()
            if placed is not None:
                return placed
        raise


# --- the status machine ---------------------------------------------------------------------------

Status = OrderInfo.Status

# Every move an order may make. Anything else is a bug, not a request to refuse.
TRANSITIONS: dict[int, set[int]] = {
    Status.UNPAID: {Status.UNSEND, Status.CANCELED},  # paid; cancelled or expired
    Status.UNSEND: {Status.UNRECEIVED, Status.CANCELED},  # shipped; a cash order cancelled
    Status.UNRECEIVED: {Status.UNCOMMENT},  # the shopper confirmed receipt
    Status.UNCOMMENT: {Status.FINISHED},  # every line commented
}


def order_status_move(*, order_id: str, from_status: int, to_status: int, note: str) -> bool:
    """Move the order from `from_status` to `to_status` if it is still in `from_status`
    (compare-and-set), recording the move as an OrderEvent. False if it was not."""
    if to_status not in TRANSITIONS.get(from_status, set()):
        raise ValueError(f"an order cannot move from {from_status} to {to_status}")
    moved = OrderInfo.objects.filter(pk=order_id, status=from_status).update(
        status=to_status, update_time=timezone.now()
    )
    if moved:
        OrderEvent.objects.create(order_id=order_id, from_status=from_status, to_status=to_status, note=note)
    return bool(moved)


def _stock_return(order_id: str) -> None:
    """Give a cancelled order's units back to stock, in ascending SKU id order."""
    lines = list(OrderGoods.objects.filter(order_id=order_id).select_related("sku").order_by("sku_id"))
    spu_sales: dict[int, int] = defaultdict(int)
    for line in lines:
        SKU.objects.filter(pk=line.sku_id).update(stock=F("stock") + line.count, sales=F("sales") - line.count)
        spu_sales[line.sku.spu_id] += line.count
    for spu_id in sorted(spu_sales):
        SPU.objects.filter(pk=spu_id).update(sales=F("sales") - spu_sales[spu_id])
    stock_gate.release_after_commit({line.sku_id: line.count for line in lines})
    catalog_cache.skus_changed_after_commit(line.sku_id for line in lines)


def _users_order(user: User, order_id: str) -> OrderInfo:
    order = OrderInfo.objects.filter(pk=order_id, user=user).first()
    if order is None:
        raise NotFoundError("订单不存在")
    return order


@transaction.atomic
def order_cancel(*, user: User, order_id: str) -> OrderInfo:
    """O9: an unpaid order, or a cash order not yet shipped, is cancelled and its stock
    returned. Paid orders need a refund, which is the operators' business."""
    order = _users_order(user, order_id)
    cancellable = order.status == Status.UNPAID or (
        order.status == Status.UNSEND and order.pay_method == OrderInfo.PayMethod.CASH
    )
    if not cancellable or not order_status_move(
        order_id=order.order_id, from_status=order.status, to_status=Status.CANCELED, note="用户取消"
    ):
        raise ServiceError("订单当前状态不能取消")
    _stock_return(order.order_id)
    order.status = Status.CANCELED
    return order


def order_receipt_confirm(*, user: User, order_id: str) -> OrderInfo:
    """O10: the shopper confirms a shipped order arrived."""
    with transaction.atomic():
        order = _users_order(user, order_id)
        if not order_status_move(
            order_id=order.order_id, from_status=Status.UNRECEIVED, to_status=Status.UNCOMMENT, note="用户确认收货"
        ):
            raise ServiceError("订单尚未发货，不能确认收货")
    order.status = Status.UNCOMMENT
    return order


def orders_mark_shipped(*, order_ids: list[str]) -> int:
    """The operators' admin action: paid (or cash) orders are shipped. Returns how many moved."""
    moved = 0
    for order_id in order_ids:
        with transaction.atomic():
            moved += order_status_move(
                order_id=order_id, from_status=Status.UNSEND, to_status=Status.UNRECEIVED, note="已发货"
            )
    return moved


@transaction.atomic
def order_comment_create(
    *, user: User, order_id: str, sku_id: int, comment: str, score: int, is_anonymous: bool
) -> OrderGoods:
    """O7: comment on one line of a received order. The SKU's and SPU's comment counts go up;
    the last line commented finishes the order."""
    order = _users_order(user, order_id)
    if order.status != Status.UNCOMMENT:
        raise ServiceError("订单尚未收货，还不能评价")
    commented = OrderGoods.objects.filter(order_id=order_id, sku_id=sku_id, is_commented=False).update(
        comment=comment, score=score, is_anonymous=is_anonymous, is_commented=True, update_time=timezone.now()
    )
    if not commented:
        raise ServiceError("该商品不在订单中，或已经评价过了")
    line = OrderGoods.objects.select_related("sku").get(order_id=order_id, sku_id=sku_id)
    SKU.objects.filter(pk=sku_id).update(comments=F("comments") + 1)
    catalog_cache.skus_changed_after_commit([sku_id])  # G5, and the comment count of its cards
    SPU.objects.filter(pk=line.sku.spu_id).update(comments=F("comments") + 1)
    if not OrderGoods.objects.filter(order_id=order_id, is_commented=False).exists():
        order_status_move(order_id=order_id, from_status=Status.UNCOMMENT, to_status=Status.FINISHED, note="评价完成")
    return line


# --- unpaid expiry and payments -------------------------------------------------------------------

EXPIRY_BATCH = 200


def orders_expire_unpaid(*, now: datetime | None = None, batch: int = EXPIRY_BATCH) -> int:
    """Cancel Alipay orders left unpaid for ORDER_PAY_TIMEOUT_MINUTES and return their stock,
    `batch` orders per transaction. Run by celery beat; returns how many were cancelled."""
    deadline = (now or timezone.now()) - timedelta(minutes=settings.ORDER_PAY_TIMEOUT_MINUTES)
    stale = OrderInfo.objects.filter(
        status=Status.UNPAID, pay_method=OrderInfo.PayMethod.ALIPAY, create_time__lt=deadline
    ).order_by("create_time")
    cancelled = 0
    while ids := list(stale.values_list("order_id", flat=True)[:batch]):
        with transaction.atomic():
            for order_id in ids:
                # A payment verified meanwhile wins: the compare-and-set then moves nothing.
                if order_status_move(
                    order_id=order_id, from_status=Status.UNPAID, to_status=Status.CANCELED, note="超时未支付，自动取消"
                ):
                    _stock_return(order_id)
                    cancelled += 1
    return cancelled


@transaction.atomic
def payment_record(*, order_id: str, trade_id: str, amount: Decimal) -> Payment:
    """A payment Alipay has confirmed (its signature and app id already verified by the
    caller). The amount must be the order's; the order moves UNPAID → UNSEND once.
    Repeats of a trade are harmless. A payment for an order no longer unpaid (expired or
    cancelled meanwhile) is kept, and logged for an operator to refund."""
    order = OrderInfo.objects.filter(pk=order_id).first()
    if order is None:
        raise NotFoundError("订单不存在")
    if amount != order.total_amount + order.freight:
        raise ServiceError("支付金额与订单金额不符")
    payment, created = Payment.objects.get_or_create(trade_id=trade_id, defaults={"order": order, "amount": amount})
    if payment.order_id != order.order_id:
        raise ServiceError("交易号与订单不符")
    if not created:
        return payment
    if not order_status_move(
        order_id=order_id, from_status=Status.UNPAID, to_status=Status.UNSEND, note="支付宝支付成功"
    ):
        logger.error(
            "Payment %s of ¥%s arrived for order %s in status %s: refund it.",
            trade_id, amount, order_id, OrderInfo.objects.get(pk=order_id).get_status_display(),
        )  # fmt: skip
    return payment
