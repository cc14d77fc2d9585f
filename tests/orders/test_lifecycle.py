"""After placement: my orders (O3), cancel (O9), shipping and receipt (O10), comments (O6,
O7), each status move a compare-and-set recorded as an event; another user's order is 404."""

import pytest

from apps.goods.models import SKU
from apps.orders import services
from apps.orders.models import OrderInfo
from tests.clients import logged_in_as
from tests.factories import SKUFactory, UserFactory
from tests.helpers.orders import events, placed, received

pytestmark = pytest.mark.django_db(transaction=True)

Status = OrderInfo.Status


def test_my_orders_newest_first_with_their_lines(buyer, phone, band):
    older = placed(buyer, {phone: 1})
    newer = placed(buyer, {phone: 2, band: 1}, pay_method=1)
    placed(UserFactory(), {band: 1})  # someone else's

    response = logged_in_as(buyer).get("/orders/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["results"]
    assert [first["order_id"], second["order_id"]] == [newer.order_id, older.order_id]
    assert (first["status"], first["pay_method"], first["total_amount"], first["freight"]) == (
        2,
        1,
        "12247.50",
        "10.00",
    )
    assert [(line["sku"]["id"], line["sku"]["name"], line["count"], line["price"]) for line in first["skus"]] == [
        (phone.id, phone.name, 2, "5999.00"),
        (band.id, band.name, 1, "249.50"),
    ]
    assert first["skus"][0]["sku"]["default_image_url"] == phone.default_image_url


def test_my_orders_take_the_same_queries_for_one_order_or_twenty(buyer, django_assert_max_num_queries):
    client = logged_in_as(buyer)
    for _ in range(20):
        placed(buyer, {SKUFactory(): 1, SKUFactory(): 2})

    with django_assert_max_num_queries(4):  # user, count, orders, lines with SKUs
        assert len(client.get("/orders/", {"page_size": 20}).json()["results"]) == 20


# --- O9 cancel ------------------------------------------------------------------------------------


def test_cancelling_an_unpaid_order_returns_the_stock(buyer, phone, band):
    order = placed(buyer, {phone: 3, band: 1})

    response = logged_in_as(buyer).put(f"/orders/{order.order_id}/cancel/")

    assert response.status_code == 200
    assert response.json() == {"order_id": order.order_id, "status": 6}
    phone.refresh_from_db()
    phone.spu.refresh_from_db()
    assert (phone.stock, phone.sales, phone.spu.sales) == (10, 0, 0)
    assert SKU.objects.get(pk=band.pk).stock == 10
    assert events(order) == [(None, 1), (1, 6)]


def test_a_cash_order_may_be_cancelled_until_shipped(buyer, phone):
    order = placed(buyer, {phone: 1}, pay_method=1)

    assert logged_in_as(buyer).put(f"/orders/{order.order_id}/cancel/").json()["status"] == 6


@pytest.mark.parametrize("state", ["paid", "shipped", "cancelled"])
def test_orders_past_payment_cannot_be_cancelled(buyer, phone, state):
    order = placed(buyer, {phone: 1})
    services.order_status_move(order_id=order.order_id, from_status=1, to_status=2, note="支付成功")
    if state == "shipped":
        services.orders_mark_shipped(order_ids=[order.order_id])
    if state == "cancelled":
        order = placed(buyer, {phone: 1})
        services.order_cancel(user=buyer, order_id=order.order_id)

    response = logged_in_as(buyer).put(f"/orders/{order.order_id}/cancel/")

    assert response.status_code == 400
    assert response.json() == {"message": "订单当前状态不能取消"}
    assert SKU.objects.get(pk=phone.pk).stock == 9  # only the paid order holds a unit


# --- shipping, O10 receipt ------------------------------------------------------------------------


def test_shipped_then_received(buyer, phone):
    order = placed(buyer, {phone: 1}, pay_method=1)
    assert services.orders_mark_shipped(order_ids=[order.order_id]) == 1

    response = logged_in_as(buyer).put(f"/orders/{order.order_id}/receipt/")

    assert response.json() == {"order_id": order.order_id, "status": 4}
    assert events(order) == [(None, 2), (2, 3), (3, 4)]


def test_receipt_of_an_unshipped_order_is_refused(buyer, phone):
    order = placed(buyer, {phone: 1}, pay_method=1)

    response = logged_in_as(buyer).put(f"/orders/{order.order_id}/receipt/")

    assert response.status_code == 400
    assert response.json() == {"message": "订单尚未发货，不能确认收货"}


def test_only_unsent_orders_are_marked_shipped(buyer, phone):
    unpaid = placed(buyer, {phone: 1})

    assert services.orders_mark_shipped(order_ids=[unpaid.order_id]) == 0
    assert OrderInfo.objects.get(pk=unpaid.pk).status == Status.UNPAID


def test_a_move_outside_the_table_is_a_bug(buyer, phone):
    order = placed(buyer, {phone: 1})

    with pytest.raises(ValueError, match="cannot move from 1 to 4"):
        services.order_status_move(order_id=order.order_id, from_status=1, to_status=4, note="")


def test_a_stale_compare_and_set_moves_nothing(buyer, phone):
    order = placed(buyer, {phone: 1})
    assert services.order_status_move(order_id=order.order_id, from_status=1, to_status=6, note="过期")

    # a payment arriving later still thinks the order is unpaid
    assert not services.order_status_move(order_id=order.order_id, from_status=1, to_status=2, note="支付成功")
    assert OrderInfo.objects.get(pk=order.pk).status == Status.CANCELED
    assert events(order) == [(None, 1), (1, 6)]


# --- O6, O7 comments ------------------------------------------------------------------------------


def test_comment_each_line_then_the_order_is_finished(buyer, phone, band):
    order = received(buyer, {phone: 1, band: 2})
    client = logged_in_as(buyer)

    lines = client.get(f"/orders/{order.order_id}/uncommentgoods/").json()
    assert [(line["id"], line["sku"]["id"], line["name"], line["count"], line["price"]) for line in lines] == [
        (phone.id, phone.id, phone.name, 1, "5999.00"),
        (band.id, band.id, band.name, 2, "249.50"),
    ]
    assert lines[0]["default_image_url"] == phone.default_image_url

    body = {"order": order.order_id, "sku": phone.id, "comment": "屏幕细腻，续航给力", "score": 5, "is_anonymous": True}
    response = client.post(f"/orders/{order.order_id}/comments/", body, format="json")
    assert response.status_code == 201
    assert response.json() == {"sku": phone.id, "comment": "屏幕细腻，续航给力", "score": 5, "is_anonymous": True}
    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNCOMMENT
    assert [line["id"] for line in client.get(f"/orders/{order.order_id}/uncommentgoods/").json()] == [band.id]

    client.post(f"/orders/{order.order_id}/comments/", {**body, "sku": str(band.id), "score": "3",
                                                         "is_anonymous": "false"}, format="json")  # fmt: skip
    assert OrderInfo.objects.get(pk=order.pk).status == Status.FINISHED
    phone.refresh_from_db()
    phone.spu.refresh_from_db()
    assert (phone.comments, phone.spu.comments) == (1, 1)
    assert events(order)[-1] == (4, 5)

    # and the detail page's comments (G5) show them, the anonymous one masked
    comments = client.get(f"/skus/{phone.id}/comments/").json()
    assert comments == [
        {"score": 5, "comment": "屏幕细腻，续航给力", "username": f"{buyer.username[0]}***{buyer.username[-1]}"}
    ]


def test_a_line_is_commented_once(buyer, phone):
    order = received(buyer, {phone: 1, SKUFactory(): 1})
    client = logged_in_as(buyer)
    body = {"sku": phone.id, "comment": "很好用的手机", "score": 4}
    client.post(f"/orders/{order.order_id}/comments/", body, format="json")

    response = client.post(f"/orders/{order.order_id}/comments/", body, format="json")

    assert response.status_code == 400
    assert response.json()["message"] == "该商品不在订单中，或已经评价过了"
    assert SKU.objects.get(pk=phone.pk).comments == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"sku": 1, "comment": "太短", "score": 5}, "评价内容至少 5 个字"),
        ({"sku": 1, "comment": "非常满意的一次购物", "score": 6}, "评分为 0–5 分"),
        ({"comment": "非常满意的一次购物", "score": 5}, "请指定要评价的商品"),
    ],
)
def test_malformed_comments_get_a_message(buyer, phone, body, message):
    order = received(buyer, {phone: 1})

    response = logged_in_as(buyer).post(f"/orders/{order.order_id}/comments/", body, format="json")

    assert response.status_code == 400
    assert response.json()["message"] == message


def test_an_order_not_yet_received_cannot_be_commented(buyer, phone):
    order = placed(buyer, {phone: 1}, pay_method=1)
    client = logged_in_as(buyer)

    assert client.get(f"/orders/{order.order_id}/uncommentgoods/").json() == []
    body = {"sku": phone.id, "comment": "还没收到货呢", "score": 5}
    response = client.post(f"/orders/{order.order_id}/comments/", body, format="json")
    assert response.json() == {"message": "订单尚未收货，还不能评价"}


# --- ownership ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "uncommentgoods/", None),
        ("post", "comments/", {"sku": 1, "comment": "别人的订单", "score": 5}),
        ("put", "cancel/", None),
        ("put", "receipt/", None),
    ],
)
def test_another_users_order_is_not_found(buyer, phone, method, suffix, body):
    order = received(buyer, {phone: 1})
    stranger = logged_in_as(UserFactory())

    response = getattr(stranger, method)(f"/orders/{order.order_id}/{suffix}", body, format="json")

    assert response.status_code == 404
    assert response.json() == {"message": "订单不存在"}
    assert OrderInfo.objects.get(pk=order.pk).status == Status.UNCOMMENT


def test_order_endpoints_need_a_login(client):
    assert client.get("/orders/").status_code == 401
    assert client.put("/orders/1/cancel/").status_code == 401
