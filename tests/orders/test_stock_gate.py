"""The stock gate in front of O2 (apps/goods/stock_gate.py), on the real Redis and MariaDB:
losers are refused before the database, every unit is sold exactly once, and the gate
follows what happens to the stock (a failed order, a cancellation, an operator's edit)."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_redis import get_redis_connection

from apps.goods.models import SKU
from apps.goods.stock_gate import gate_key
from apps.orders.models import OrderInfo
from tests.clients import logged_in_as
from tests.factories import AddressFactory, SKUFactory, UserFactory
from tests.helpers.carts import fill_cart
from tests.threads import all_at_once

pytestmark = pytest.mark.usefixtures("areas")


def buyer_of(sku: SKU, count: int = 1):  # type: ignore[no-untyped-def]
    address = AddressFactory(user=UserFactory())
    fill_cart(address.user, {sku: count})
    client = logged_in_as(address.user)
    return lambda: client.post("/orders/", {"address": address.pk, "pay_method": 1}, format="json")


def free_at_gate(sku: SKU) -> int | None:
    free = get_redis_connection("default").get(gate_key(sku.pk))
    return None if free is None else int(free)


@pytest.mark.django_db(transaction=True)
def test_buyers_of_three_units_racing_for_ten_buy_nine_and_leave_one():
    sku = SKUFactory(stock=10)
    buyers = [buyer_of(sku, 3) for _ in range(20)]

    answers = all_at_once(buyers)

    assert Counter(answer.status_code for answer in answers) == {201: 3, 400: 17}
    sku.refresh_from_db()
    assert (sku.stock, sku.sales) == (1, 9)  # no unit sold twice, none left that a buyer could have had
    assert free_at_gate(sku) == 1


@pytest.mark.django_db
def test_a_loser_is_refused_at_the_gate_without_touching_the_skus_row(django_capture_on_commit_callbacks):
    sku = SKUFactory(stock=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert buyer_of(sku)().status_code == 201
    loser = buyer_of(sku)

    with CaptureQueriesContext(connection) as queries:
        refused = loser()

    assert refused.status_code == 400
    assert refused.json() == [f"商品库存不足：{sku.name}"]
    assert [q["sql"] for q in queries.captured_queries if "UPDATE" in q["sql"] or "SAVEPOINT" in q["sql"]] == []


@pytest.mark.django_db
def test_units_reserved_for_an_order_that_fails_go_back_to_the_gate():
    sku = SKUFactory(stock=1)
    address = AddressFactory(user=UserFactory())
    fill_cart(address.user, {sku: 1})
    client = logged_in_as(address.user)

    failed = client.post("/orders/", {"address": AddressFactory().pk, "pay_method": 1}, format="json")  # not theirs

    assert failed.status_code == 400
    assert free_at_gate(sku) == 1
    assert buyer_of(sku)().status_code == 201


@pytest.mark.django_db
def test_a_cancelled_orders_units_and_an_operators_new_stock_reach_the_gate(
    buyer, address, django_capture_on_commit_callbacks
):
    sku = SKUFactory(stock=1)
    fill_cart(buyer, {sku: 1})
    with django_capture_on_commit_callbacks(execute=True):
        placed = logged_in_as(buyer).post("/orders/", {"address": address.pk, "pay_method": 1}, format="json")
    assert free_at_gate(sku) == 0

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = logged_in_as(buyer).put(f"/orders/{placed.json()['order_id']}/cancel/")
    assert cancelled.status_code == 200
    assert free_at_gate(sku) == 1

    with django_capture_on_commit_callbacks(execute=True):  # the operator restocks
        sku.refresh_from_db()
        sku.stock = 5
        sku.save()
    assert free_at_gate(sku) is None  # read again from the database when next needed
    assert [buyer_of(sku)().status_code for _ in range(6)] == [201] * 5 + [400]
    assert OrderInfo.objects.filter(lines__sku=sku).count() == 6  # the cancelled one and five


def test_an_operators_stock_save_stands_when_redis_is_down(own_redis, django_capture_on_commit_callbacks, caplog):
    sku = SKUFactory(stock=1)
    own_redis.stop()

    with django_capture_on_commit_callbacks(execute=True):  # the operator restocks
        sku.stock = 5
        sku.save()

    sku.refresh_from_db()
    assert sku.stock == 5
    assert "were not reset" in caplog.text  # read again from the database when the gate expires
