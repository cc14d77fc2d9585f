"""Unpaid Alipay orders expire and give their stock back; a verified payment moves an order
once; a payment for an expired order is kept and flagged for refund, never resurrecting it."""

import logging
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.goods.models import SKU
from apps.orders import services
from apps.orders.models import OrderInfo, Payment
from celery_tasks.main import app as celery_app
from celery_tasks.orders.tasks import expire_unpaid
from meiduo_mall.utils.exceptions import ServiceError
from tests.helpers.orders import events, placed

pytestmark = pytest.mark.django_db(transaction=True)

Status = OrderInfo.Status


def aged(order: OrderInfo, minutes: int) -> OrderInfo:
    OrderInfo.objects.filter(pk=order.pk).update(create_time=timezone.now() - timedelta(minutes=minutes))
    return order


def test_alipay_orders_unpaid_past_the_timeout_are_cancelled_with_their_stock(buyer, phone):
    stale = aged(placed(buyer, {phone: 2}), minutes=31)
    fresh = aged(placed(buyer, {phone: 1}), minutes=29)
    cash = aged(placed(buyer, {phone: 1}, pay_method=1), minutes=120)

    assert services.orders_expire_unpaid() == 1

    assert OrderInfo.objects.get(pk=stale.pk).status == Status.CANCELED
    assert OrderInfo.objects.get(pk=fresh.pk).status == Status.UNPAID
    assert OrderInfo.objects.get(pk=cash.pk).status == Status.UNSEND
    assert SKU.objects.get(pk=phone.pk).stock == 8  # 10 - 1 (fresh) - 1 (cash)
    assert events(stale) == [(None, 1), (1, 6)]
    assert stale.events.last().note == "超时未支付，自动取消"


def test_expiry_works_in_batches_and_follows_the_setting(buyer, phone, settings):
    settings.ORDER_PAY_TIMEOUT_MINUTES = 5
    orders = [aged(placed(buyer, {phone: 1}), minutes=6) for _ in range(5)]

    assert services.orders_expire_unpaid(batch=2) == 5

    assert set(OrderInfo.objects.filter(pk__in=[o.pk for o in orders]).values_list("status", flat=True)) == {6}
    assert SKU.objects.get(pk=phone.pk).stock == 10


def test_beat_runs_the_expiry_every_minute(buyer, phone):
    stale = aged(placed(buyer, {phone: 1}), minutes=45)
    entry = celery_app.conf.beat_schedule["orders-expire-unpaid"]

    assert (entry["task"], entry["schedule"]) == ("orders.expire_unpaid", 60.0)
    assert expire_unpaid.apply().get() == 1
    assert OrderInfo.objects.get(pk=stale.pk).status == Status.CANCELED


def test_a_payment_moves_the_order_once(buyer, phone):
    order = placed(buyer, {phone: 1})

    services.payment_record(order_id=order.order_id, trade_id="2026112122001", amount=Decimal("6009.00"))
    services.payment_record(order_id=order.order_id, trade_id="2026112122001", amount=Decimal("6009.00"))

    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNSEND
    assert Payment.objects.get().trade_id == "2026112122001"
    assert events(order) == [(None, 1), (1, 2)]


def test_a_payment_of_another_amount_changes_nothing(buyer, phone):
    order = placed(buyer, {phone: 1})

    with pytest.raises(ServiceError, match="支付金额与订单金额不符"):
        services.payment_record(order_id=order.order_id, trade_id="T1", amount=Decimal("5999.00"))

    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNPAID
    assert not Payment.objects.exists()


def test_a_trade_id_cannot_pay_a_second_order(buyer, phone):
    first, second = placed(buyer, {phone: 1}), placed(buyer, {phone: 1})
    services.payment_record(order_id=first.order_id, trade_id="T1", amount=Decimal("6009.00"))

    with pytest.raises(ServiceError, match="交易号与订单不符"):
        services.payment_record(order_id=second.order_id, trade_id="T1", amount=Decimal("6009.00"))

    assert OrderInfo.objects.get(pk=second.pk).status == Status.UNPAID


def test_a_payment_for_an_expired_order_is_kept_and_flagged_for_refund(buyer, phone, caplog):
    order = aged(placed(buyer, {phone: 1}), minutes=40)
    services.orders_expire_unpaid()

    with caplog.at_level(logging.ERROR, logger="apps.orders.services"):
        payment = services.payment_record(order_id=order.order_id, trade_id="LATE-1", amount=Decimal("6009.00"))

    assert payment.order_id == order.order_id
    assert OrderInfo.objects.get(pk=order.pk).status == Status.CANCELED  # not resurrected
    assert SKU.objects.get(pk=phone.pk).stock == 10
    assert "LATE-1" in caplog.text
    assert "refund" in caplog.text
