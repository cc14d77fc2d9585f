"""Placement under contention, on the real MariaDB: buyers racing for the last units, two
buyers locking the same SKUs from opposite cart orders, and a double-clicked submit."""

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from apps.goods.models import SKU
from apps.orders.models import OrderGoods, OrderInfo
from apps.users.models import Address
from tests.clients import logged_in_as
from tests.factories import AddressFactory, SKUFactory, UserFactory
from tests.helpers.carts import fill_cart
from tests.threads import all_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("areas")]


def order_call(address: Address, key: str | None = None) -> Callable[[], tuple[int, Any]]:
    client = logged_in_as(address.user)
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}

    def call() -> tuple[int, Any]:
        response = client.post("/orders/", {"address": address.pk, "pay_method": 1}, format="json", **headers)
        return response.status_code, response.json()

    return call


def test_fifty_buyers_racing_for_ten_units_buy_exactly_ten():
    sku = SKUFactory(stock=10)
    addresses = [AddressFactory(user=UserFactory()) for _ in range(50)]
    for address in addresses:
        fill_cart(address.user, {sku: 1})

    results = all_at_once([order_call(address) for address in addresses])

    assert Counter(code for code, _ in results) == {201: 10, 400: 40}
    assert {tuple(body) for code, body in results if code == 400} == {(f"商品库存不足：{sku.name}",)}
    sku.refresh_from_db()
    assert (sku.stock, sku.sales) == (0, 10)
    assert OrderInfo.objects.count() == 10
    assert sum(OrderGoods.objects.values_list("count", flat=True)) == 10


def test_buyers_taking_the_same_skus_in_opposite_cart_order_never_deadlock():
    a, b = SKUFactory(stock=1000), SKUFactory(stock=1000)
    first, second = AddressFactory(user=UserFactory()), AddressFactory(user=UserFactory())

    for _ in range(10):
        fill_cart(first.user, {a: 1, b: 1})
        fill_cart(second.user, {b: 1, a: 1})
        results = all_at_once([order_call(first), order_call(second)])
        assert [code for code, _ in results] == [201, 201], results

    assert list(SKU.objects.filter(pk__in=[a.pk, b.pk]).values_list("stock", flat=True)) == [980, 980]
    assert OrderInfo.objects.count() == 20


def test_ten_submissions_with_one_key_place_one_order():
    sku = SKUFactory(stock=10)
    address = AddressFactory(user=UserFactory())
    fill_cart(address.user, {sku: 2})

    results = all_at_once([order_call(address, key="double-click-1") for _ in range(10)])

    assert {code for code, _ in results} == {201}
    assert len({body["order_id"] for _, body in results}) == 1
    assert OrderInfo.objects.count() == 1
    sku.refresh_from_db()
    assert sku.stock == 8
