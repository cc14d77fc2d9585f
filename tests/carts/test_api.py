"""K1–K5 for guests (the signed cookie) and logged-in shoppers (Redis)."""

import pytest
from django.test import Client
from django_redis import get_redis_connection
from rest_framework.test import APIClient

from apps.carts.stores import COOKIE_NAME, Line
from apps.orders.services import order_cancel
from meiduo_mall.utils.outages import REDIS_DOWN
from tests.factories import SKUFactory
from tests.helpers.carts import cookie_lines, cookie_with
from tests.helpers.orders import placed

pytestmark = pytest.mark.django_db

ALL_PATHS = [("/cart/", "/cart/selection/"), ("/carts/", "/carts/selection/")]


def cart_of(client: APIClient, path: str = "/cart/") -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(("path", "selection"), ALL_PATHS)
@pytest.mark.parametrize("who", ["guest", "shopper_client"])
def test_add_change_select_and_remove(request, who, path, selection, skus):
    # given: a guest or a logged-in shopper, on either spelling of the path
    client = request.getfixturevalue(who)
    first, second, _ = skus

    # when: two SKUs are added, one of them twice
    response = client.post(path, {"sku_id": first.id, "count": 2}, format="json")
    assert response.status_code == 201
    assert response.json() == {"sku_id": first.id, "count": 2, "selected": True}
    client.post(path, {"sku_id": str(second.id), "count": "1", "selected": False}, format="json")
    response = client.post(path, {"sku_id": first.id, "count": 3}, format="json")
    assert response.json() == {"sku_id": first.id, "count": 5, "selected": True}

    # then: K1 lists both lines, in SKU order, with their prices
    assert cart_of(client, path) == [
        {"id": first.id, "count": 5, "name": first.name, "default_image_url": first.default_image_url,
         "price": "10.00", "selected": True},
        {"id": second.id, "count": 1, "name": second.name, "default_image_url": second.default_image_url,
         "price": "20.00", "selected": False},
    ]  # fmt: skip

    # K3 sets the count absolutely; without `selected` the flag stays
    response = client.put(path, {"sku_id": first.id, "count": 1}, format="json")
    assert response.json() == {"sku_id": first.id, "count": 1, "selected": True}
    response = client.put(path, {"sku_id": second.id, "count": 4, "selected": True}, format="json")
    assert response.json() == {"sku_id": second.id, "count": 4, "selected": True}

    # K5 deselects everything
    assert client.put(selection, {"selected": False}, format="json").json() == {"message": "OK"}
    assert [line["selected"] for line in cart_of(client, path)] == [False, False]

    # K4 removes a line, and removing it again is harmless
    assert client.delete(path, {"sku_id": first.id}, format="json").status_code == 204
    assert client.delete(path, {"sku_id": first.id}, format="json").status_code == 204
    assert [(line["id"], line["count"]) for line in cart_of(client, path)] == [(second.id, 4)]


def test_a_guests_cart_is_a_signed_httponly_lax_cookie_kept_14_days(guest, skus):
    response = guest.post("/cart/", {"sku_id": skus[0].id, "count": 2}, format="json")

    cookie = response.cookies[COOKIE_NAME]
    assert cookie["max-age"] == 14 * 24 * 3600
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie_lines(guest) == {skus[0].id: Line(2, True)}
    assert get_redis_connection("default").keys("cart*") == []


def test_a_shoppers_cart_is_a_redis_hash_and_a_selected_set(user, shopper_client, skus):
    shopper_client.post("/cart/", {"sku_id": skus[0].id, "count": 2}, format="json")
    response = shopper_client.post("/cart/", {"sku_id": skus[1].id, "count": 1, "selected": False}, format="json")

    redis = get_redis_connection("default")
    assert redis.hgetall(f"cart:{user.id}") == {str(skus[0].id).encode(): b"2", str(skus[1].id).encode(): b"1"}
    assert redis.smembers(f"cart_selected:{user.id}") == {str(skus[0].id).encode()}
    assert COOKIE_NAME not in response.cookies


def test_a_cookie_does_not_leak_into_a_shoppers_cart(shopper_client, skus):
    shopper_client.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(3, True)})

    assert cart_of(shopper_client) == []


@pytest.mark.parametrize("header", ["JWT undefined", "JWT ", "JWT a.b.c", "Bearer expired", "JWT two words", None])
def test_an_invalid_token_is_a_guest_never_a_401(header, skus):
    client = APIClient()
    if header is not None:
        client.credentials(HTTP_AUTHORIZATION=header)

    response = client.post("/cart/", {"sku_id": skus[0].id, "count": 1}, format="json")

    assert response.status_code == 201
    assert COOKIE_NAME in response.cookies


def test_a_deactivated_users_token_is_a_guest(user, shopper_client, skus):
    user.is_active = False
    user.save()

    assert shopper_client.post("/cart/", {"sku_id": skus[0].id, "count": 1}, format="json").status_code == 201
    assert COOKIE_NAME in shopper_client.cookies


# --- validation -----------------------------------------------------------------------------------


def refused(client: APIClient, method: str, body: dict, path: str = "/cart/") -> str:
    response = getattr(client, method)(path, body, format="json")
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["message"]
    return data["message"]


@pytest.mark.parametrize("who", ["guest", "shopper_client"])
def test_unknown_and_withdrawn_skus_are_refused(request, who):
    client = request.getfixturevalue(who)
    withdrawn = SKUFactory(is_launched=False)

    response = client.post("/cart/", {"sku_id": withdrawn.id, "count": 1}, format="json")

    assert response.status_code == 400
    assert response.json() == {"message": "商品不存在或已下架", "non_field_errors": ["商品不存在或已下架"]}
    assert refused(client, "post", {"sku_id": 999_999, "count": 1}) == "商品不存在或已下架"
    assert refused(client, "put", {"sku_id": withdrawn.id, "count": 1}) == "商品不存在或已下架"
    assert cart_of(client) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"sku_id": 1, "count": 0}, "商品数量至少为 1"),
        ({"sku_id": 1, "count": "two"}, "商品数量必须是整数"),
        ({"sku_id": 1}, "请填写商品数量"),
        ({"count": 1}, "请指定商品"),
        ({"sku_id": "x", "count": 1}, "商品编号必须是整数"),
        ({"sku_id": 2**40, "count": 1}, "商品不存在"),
        ({"sku_id": 1, "count": 1, "selected": "maybe"}, "勾选状态必须是 true 或 false"),
    ],
)
def test_malformed_bodies_get_a_message(guest, body, message):
    assert refused(guest, "post", body) == message


def test_malformed_delete_and_selection_get_a_message(guest):
    assert refused(guest, "delete", {}) == "请指定商品"
    assert refused(guest, "put", {}, path="/cart/selection/") == "请指定勾选状态"


def test_an_empty_form_deselects_nothing(guest):
    """DRF reads a boolean missing from form data as False; an empty form is refused instead."""
    response = guest.put("/cart/selection/", {}, format="multipart")

    assert response.status_code == 400
    assert response.json()["message"] == "请指定勾选状态"


@pytest.mark.parametrize("who", ["guest", "shopper_client"])
def test_a_line_is_capped_at_the_stock(request, who):
    client = request.getfixturevalue(who)
    sku = SKUFactory(stock=5)
    client.post("/cart/", {"sku_id": sku.id, "count": 4}, format="json")

    assert refused(client, "post", {"sku_id": sku.id, "count": 2}) == "库存不足，该商品最多可购买 5 件"
    assert refused(client, "put", {"sku_id": sku.id, "count": 6}) == "库存不足，该商品最多可购买 5 件"
    assert [line["count"] for line in cart_of(client)] == [4]


def test_a_sold_out_sku_says_so(guest):
    sku = SKUFactory(stock=0)

    assert refused(guest, "post", {"sku_id": sku.id, "count": 1}) == "该商品已售罄"


@pytest.mark.parametrize("who", ["guest", "shopper_client"])
def test_a_line_is_capped_at_the_configured_maximum(request, who, settings):
    settings.CART_MAX_LINE_COUNT = 3
    client = request.getfixturevalue(who)
    sku = SKUFactory(stock=100)

    assert refused(client, "post", {"sku_id": sku.id, "count": 4}) == "每件商品最多购买 3 件"
    assert client.post("/cart/", {"sku_id": sku.id, "count": 3}, format="json").status_code == 201


@pytest.mark.parametrize("who", ["guest", "shopper_client"])
def test_a_cart_holds_at_most_the_configured_number_of_lines(request, who, settings, skus):
    settings.CART_MAX_LINES = 2
    client = request.getfixturevalue(who)
    for sku in skus[:2]:
        client.post("/cart/", {"sku_id": sku.id, "count": 1}, format="json")

    assert refused(client, "post", {"sku_id": skus[2].id, "count": 1}) == "购物车最多放 2 种商品，请先结算或删除一些"
    # more of a SKU already in the cart is still fine
    assert client.post("/cart/", {"sku_id": skus[0].id, "count": 1}, format="json").status_code == 201


def test_k1_leaves_out_lines_of_deleted_skus(guest, skus):
    guest.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(1, True), 999_999: Line(2, True)})

    assert [line["id"] for line in cart_of(guest)] == [skus[0].id]


# --- query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 20])
def test_k1_takes_one_query_for_the_skus_whatever_the_size(guest, size, django_assert_num_queries):
    skus = SKUFactory.create_batch(size)
    guest.cookies[COOKIE_NAME] = cookie_with({sku.id: Line(1, True) for sku in skus})

    with django_assert_num_queries(1):
        assert len(cart_of(guest)) == size


@pytest.mark.parametrize("size", [1, 20])
def test_k1_for_a_shopper_takes_the_user_and_the_skus(shopper_client, size, django_assert_num_queries):
    for sku in SKUFactory.create_batch(size):
        shopper_client.post("/cart/", {"sku_id": sku.id, "count": 1}, format="json")

    with django_assert_num_queries(1):  # the SKUs (the token is checked against Redis, not the user row)
        assert len(cart_of(shopper_client)) == size


@pytest.mark.parametrize("who", ["guest", "shopper_client"])
def test_a_change_reads_no_database_while_the_sku_is_unchanged(request, who, skus, django_assert_num_queries):
    client = request.getfixturevalue(who)
    client.post("/cart/", {"sku_id": skus[0].id, "count": 1}, format="json")  # the SKU's state is cached

    with django_assert_num_queries(0):
        assert client.post("/cart/", {"sku_id": skus[0].id, "count": 2}, format="json").status_code == 201
        assert client.put("/cart/", {"sku_id": skus[0].id, "count": 5}, format="json").status_code == 200
        assert refused(client, "put", {"sku_id": skus[0].id, "count": 11}) == "库存不足，该商品最多可购买 10 件"


def test_every_change_of_the_skus_stock_or_sale_is_seen_by_the_next_change(
    shopper_client, skus, buyer, admin_user, django_capture_on_commit_callbacks
):
    sku = skus[0]
    assert shopper_client.post("/cart/", {"sku_id": sku.id, "count": 1}, format="json").status_code == 201

    with django_capture_on_commit_callbacks(execute=True):  # an operator's save
        sku.stock = 3
        sku.save()
    assert refused(shopper_client, "put", {"sku_id": sku.id, "count": 4}) == "库存不足，该商品最多可购买 3 件"

    with django_capture_on_commit_callbacks(execute=True):  # another buyer's order takes two
        order = placed(buyer, {sku: 2})
    assert refused(shopper_client, "put", {"sku_id": sku.id, "count": 2}) == "库存不足，该商品最多可购买 1 件"

    with django_capture_on_commit_callbacks(execute=True):  # ... and cancels it
        order_cancel(user=buyer, order_id=order.order_id)
    assert shopper_client.put("/cart/", {"sku_id": sku.id, "count": 3}, format="json").status_code == 200

    operator = Client()
    operator.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):  # the admin's bulk withdrawal
        operator.post("/admin/goods/sku/", {"action": "withdraw", "_selected_action": [sku.pk]})
    assert refused(shopper_client, "put", {"sku_id": sku.id, "count": 1}) == "商品不存在或已下架"

    never_ordered = skus[1]
    assert shopper_client.post("/cart/", {"sku_id": never_ordered.id, "count": 1}, format="json").status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        sku_id = never_ordered.id
        never_ordered.delete()
    assert refused(shopper_client, "post", {"sku_id": sku_id, "count": 1}) == "商品不存在或已下架"


# --- outages --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("get", "/cart/", None), ("post", "/cart/", {"sku_id": 1, "count": 1}), ("put", "/cart/selection/",
     {"selected": True})],
)  # fmt: skip
def test_a_shoppers_cart_answers_503_when_redis_is_down(shopper_client, own_redis, skus, method, path, body):
    own_redis.stop()
    if body and "sku_id" in body:
        body["sku_id"] = skus[0].id

    response = getattr(shopper_client, method)(path, body, format="json")

    assert response.status_code == 503
    assert response.json() == {"message": REDIS_DOWN}
