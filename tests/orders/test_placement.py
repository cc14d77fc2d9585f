"""O1 settlement and O2 placement: the ticked cart lines become an order, stock and sales
move in the database, and the cart lets go of what was ordered."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_redis import get_redis_connection

from apps.carts.stores import Line, RedisCart
from apps.goods.models import SKU
from apps.orders.models import OrderEvent, OrderGoods, OrderInfo
from apps.orders.services import _insert_order
from tests.clients import logged_in_as
from tests.factories import AddressFactory, SKUFactory, UserFactory
from tests.helpers.carts import fill_cart

pytestmark = pytest.mark.django_db(transaction=True)  # the cart is emptied on commit


def place(client, address, pay_method=2, key=None):  # type: ignore[no-untyped-def]
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/orders/", {"address": address.pk, "pay_method": pay_method}, format="json", **headers)


def test_settlement_lists_the_ticked_lines_and_the_freight(buyer, phone, band):
    fill_cart(buyer, {phone: 2, band: 1}, unselected=(band,))

    response = logged_in_as(buyer).get("/orders/settlement/")

    assert response.status_code == 200
    assert response.json() == {
        "freight": "10.00",
        "skus": [{"id": phone.id, "name": phone.name, "default_image_url": phone.default_image_url,
                  "price": "5999.00", "count": 2}],
    }  # fmt: skip


def test_settlement_needs_a_login(client):
    assert client.get("/orders/settlement/").status_code == 401


def test_an_alipay_order_of_the_ticked_lines(buyer, address, phone, band):
    fill_cart(buyer, {phone: 2, band: 3}, unselected=(band,))

    response = place(logged_in_as(buyer), address)

    assert response.status_code == 201
    order = OrderInfo.objects.get(pk=response.json()["order_id"])
    assert (order.user, order.address, order.status, order.pay_method) == (buyer, address, 1, 2)
    assert (order.total_count, str(order.total_amount), str(order.freight)) == (2, "11998.00", "10.00")
    assert (order.receiver, order.receiver_mobile) == ("李四", address.mobile)
    assert order.address_text == "广东省深圳市南山区科技园南区 1 号"
    assert [(line.sku_id, line.count, str(line.price)) for line in order.lines.all()] == [(phone.id, 2, "5999.00")]
    assert list(order.events.values_list("from_status", "to_status")) == [(None, 1)]
    phone.refresh_from_db()
    assert (phone.stock, phone.sales) == (8, 2)
    phone.spu.refresh_from_db()
    assert phone.spu.sales == 2
    # the ordered line left the cart; the unticked one stays
    assert RedisCart(buyer.pk).lines() == {band.id: Line(3, False)}


def test_a_cash_order_waits_for_shipping(buyer, address, phone):
    fill_cart(buyer, {phone: 1})

    order_id = place(logged_in_as(buyer), address, pay_method="1").json()["order_id"]

    assert OrderInfo.objects.get(pk=order_id).status == OrderInfo.Status.UNSEND


def test_order_ids_of_one_user_in_one_second_differ(buyer, address, phone):
    client = logged_in_as(buyer)
    ids = []
    for _ in range(5):
        fill_cart(buyer, {phone: 1})
        ids.append(place(client, address).json()["order_id"])

    assert len(set(ids)) == 5
    assert all(order_id[14:23] == f"{buyer.pk:09d}" for order_id in ids)


def test_out_of_stock_writes_nothing(buyer, address, phone, band):
    band.stock = 1
    band.save()
    fill_cart(buyer, {phone: 2, band: 2})

    response = place(logged_in_as(buyer), address)

    assert response.status_code == 400
    assert response.json() == [f"商品库存不足：{band.name}"]
    assert not OrderInfo.objects.exists()
    assert not OrderGoods.objects.exists()
    phone.refresh_from_db()
    assert (phone.stock, phone.sales) == (10, 0)  # taken first, then given back by the rollback
    assert RedisCart(buyer.pk).line(phone.id) == Line(2, True)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"pay_method": 2}, "请选择收货地址"),
        ({"address": "x", "pay_method": 2}, "收货地址无效，请重新选择"),
        ({"address": 1}, "请选择支付方式"),
        ({"address": 1, "pay_method": 3}, "支付方式无效"),
    ],
)
def test_malformed_bodies_get_a_list_of_one_message(buyer, body, message):
    response = logged_in_as(buyer).post("/orders/", body, format="json")

    assert response.status_code == 400
    assert response.json() == [message]


def test_an_empty_selection_is_refused(buyer, address, phone):
    fill_cart(buyer, {phone: 1}, unselected=(phone,))

    response = place(logged_in_as(buyer), address)

    assert response.json() == ["请选择要购买的商品"]


def test_another_users_address_is_refused(buyer, phone):
    fill_cart(buyer, {phone: 1})
    someone_elses = AddressFactory(user=UserFactory())

    response = place(logged_in_as(buyer), someone_elses)

    assert response.status_code == 400
    assert response.json() == ["收货地址无效，请重新选择"]
    assert not OrderInfo.objects.exists()


def test_a_withdrawn_sku_in_the_cart_is_refused(buyer, address, phone):
    withdrawn = SKUFactory(is_launched=False)
    fill_cart(buyer, {phone: 1, withdrawn: 1})

    response = place(logged_in_as(buyer), address)

    assert response.json() == ["购物车中有商品已下架，请返回购物车修改"]
    assert SKU.objects.get(pk=phone.pk).stock == 10


def test_the_same_idempotency_key_answers_the_same_order(buyer, address, phone):
    client = logged_in_as(buyer)
    fill_cart(buyer, {phone: 1})
    first = place(client, address, key="checkout-7f3a")
    fill_cart(buyer, {phone: 1})  # the cart filled again: the repeat must still not order

    again = place(client, address, key="checkout-7f3a")

    assert again.status_code == 201
    assert again.json() == first.json()
    assert OrderInfo.objects.count() == 1
    assert SKU.objects.get(pk=phone.pk).stock == 9


def test_another_user_may_use_the_same_key(buyer, address, phone):
    other = UserFactory()
    other_address = AddressFactory(user=other)
    fill_cart(buyer, {phone: 1})
    fill_cart(other, {phone: 1})

    first = place(logged_in_as(buyer), address, key="same-key")
    second = place(logged_in_as(other), other_address, key="same-key")

    assert first.json() != second.json()
    assert OrderInfo.objects.count() == 2


def test_an_overlong_idempotency_key_is_refused(buyer, address, phone):
    fill_cart(buyer, {phone: 1})

    response = place(logged_in_as(buyer), address, key="k" * 65)

    assert response.status_code == 400
    assert not OrderInfo.objects.exists()


def test_stock_is_taken_in_ascending_sku_order(buyer, address):
    # given: the cart lists the newer SKU first
    older, newer = SKUFactory(), SKUFactory()
    fill_cart(buyer, {newer: 1, older: 1})

    with CaptureQueriesContext(connection) as queries:
        place(logged_in_as(buyer), address)

    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE `tb_sku`")]
    assert [f"`tb_sku`.`id` = {older.id}" in updates[0], f"`tb_sku`.`id` = {newer.id}" in updates[1]] == [True, True]


def test_a_placement_reads_only_the_address_and_the_skus(buyer, address, phone, band):
    client = logged_in_as(buyer)
    fill_cart(buyer, {phone: 1, band: 2})
    place(client, address)  # the stock gate has read the SKUs' stock, Redis knows the account
    fill_cart(buyer, {phone: 1, band: 2})

    with CaptureQueriesContext(connection) as queries:
        assert place(client, address).status_code == 201

    statements = [q["sql"] for q in queries.captured_queries]
    tables = [sql.split("`")[1] for sql in statements if sql.split()[0] in ("SELECT", "INSERT", "UPDATE", "DELETE")]
    # the address (with its regions), the SKUs (with the categories above, for the cache);
    # then the order, its event, each SKU's stock, the lines, each SPU's sales; nothing after
    assert tables == [
        "tb_address", "tb_sku", "tb_order_info", "tb_order_event", "tb_sku", "tb_sku", "tb_order_goods",
        "tb_spu", "tb_spu",
    ]  # fmt: skip


def test_placement_is_recorded_as_an_event(buyer, address, phone):
    fill_cart(buyer, {phone: 1})

    order_id = place(logged_in_as(buyer), address, pay_method=1).json()["order_id"]

    event = OrderEvent.objects.get(order_id=order_id)
    assert (event.from_status, event.to_status, event.note) == (None, 2, "下单")


def test_a_taken_order_id_is_drawn_again(buyer, address):
    # given: an order already holds the id a new order drew
    fields = {"user": buyer, "address": address, "receiver": "李四", "receiver_mobile": "13912345678",
              "address_text": "-", "total_amount": 0, "freight": 0}  # fmt: skip
    taken = OrderInfo.objects.create(order_id="20261121120000000000001234", **fields)
    order = OrderInfo(order_id=taken.order_id, **fields)

    # when
    with transaction.atomic():
        _insert_order(order)

    # then: it was saved under another id
    assert order.order_id != taken.order_id
    assert OrderInfo.objects.count() == 2


def test_a_placed_order_is_a_201_even_when_the_cart_cannot_be_emptied(buyer, address, phone, caplog):
    # given Redis refusing writes (a failover, a full disk) while the cart can still be read
    fill_cart(buyer, {phone: 1})
    shopper = logged_in_as(buyer)
    redis = get_redis_connection("default")
    redis.execute_command("CLIENT", "PAUSE", "6000", "WRITE")  # the stock gate gives up, then the cleanup
    try:
        # when the shopper places the order: it is committed, then the cart cleanup fails
        response = place(shopper, address)
    finally:
        redis.execute_command("CLIENT", "UNPAUSE")

    # then the shopper is told the order was placed (retrying without a key would order twice)
    assert response.status_code == 201, response.content
    assert OrderInfo.objects.filter(pk=response.json()["order_id"]).exists()
    assert RedisCart(buyer.pk).lines() == {phone.id: Line(1, True)}  # left in the cart, and said so:
    assert f"order {response.json()['order_id']} placed, but its lines stay in the cart" in caplog.text
