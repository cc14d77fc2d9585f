"""G1–G3, G5, C4, C5: the catalog API (docs/api.md, goods and users)."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from apps.goods.models import SKU
from apps.orders.models import OrderGoods, OrderInfo
from tests.clients import logged_in_as
from tests.factories import AddressFactory, CategoryFactory, ChannelFactory, SKUFactory, SPUFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat3():
    cat1 = CategoryFactory(name="手机数码")
    ChannelFactory(category=cat1, url="http://shouji.meiduo.site")
    cat2 = CategoryFactory(name="手机通讯", parent=cat1)
    return CategoryFactory(name="手机", parent=cat2)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def make_skus(cat3, prices: list[str], **kwargs) -> list[SKU]:
    spu = SPUFactory(cat3=cat3)
    return [SKUFactory(spu=spu, price=Decimal(price), **kwargs) for price in prices]


# --- G1 ---------------------------------------------------------------------------------------


def test_g1_lists_launched_skus_of_the_category_in_price_order(api, cat3) -> None:
    cheap, dear, middle = make_skus(cat3, ["999.00", "5999.00", "2999.00"])
    SKUFactory(spu=cheap.spu, price=Decimal("1.00"), is_launched=False)
    make_skus(CategoryFactory(parent=cat3.parent), ["10.00"])  # another category

    response = api.get(f"/categories/{cat3.id}/skus/", {"ordering": "price"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [sku["id"] for sku in body["results"]] == [cheap.id, middle.id, dear.id]
    assert body["results"][0] == {
        "id": cheap.id,
        "name": cheap.name,
        "price": "999.00",
        "default_image_url": cheap.default_image.url,
        "comments": 0,
    }


def test_g1_and_g2_of_a_higher_level_category_list_its_descendants_goods(api, cat3) -> None:
    """The breadcrumb and the channels link 手机数码 and 手机通讯: their lists are not empty."""
    (phone,) = make_skus(cat3, ["999.00"])
    accessories = CategoryFactory(name="手机配件", parent=cat3.parent.parent)
    (case,) = make_skus(CategoryFactory(name="手机壳", parent=accessories), ["29.00"])
    make_skus(CategoryFactory(parent=CategoryFactory(parent=CategoryFactory())), ["10.00"])  # elsewhere

    top = api.get(f"/categories/{cat3.parent.parent_id}/skus/", {"ordering": "price"}).json()
    second = api.get(f"/categories/{cat3.parent_id}/skus/").json()
    hot = api.get(f"/categories/{cat3.parent.parent_id}/hotskus/").json()

    assert [sku["id"] for sku in top["results"]] == [case.id, phone.id]
    assert [sku["id"] for sku in second["results"]] == [phone.id]
    assert {sku["id"] for sku in hot} == {case.id, phone.id}


def test_g1_orders_by_sales_and_newest_first_by_default(api, cat3) -> None:
    first, second, third = make_skus(cat3, ["1.00", "2.00", "3.00"])
    SKU.objects.filter(pk=first.pk).update(sales=50)
    SKU.objects.filter(pk=third.pk).update(sales=10)

    by_sales = api.get(f"/categories/{cat3.id}/skus/", {"ordering": "-sales"}).json()["results"]
    default = api.get(f"/categories/{cat3.id}/skus/").json()["results"]

    assert [sku["id"] for sku in by_sales] == [first.id, third.id, second.id]
    assert [sku["id"] for sku in default] == [third.id, second.id, first.id]


def test_g1_paginates(api, cat3) -> None:
    skus = make_skus(cat3, [f"{n}.00" for n in range(1, 8)])

    body = api.get(f"/categories/{cat3.id}/skus/", {"ordering": "price", "page": 2, "page_size": 3}).json()

    assert body["count"] == 7
    assert [sku["id"] for sku in body["results"]] == [sku.id for sku in skus[3:6]]
    assert body["next"]
    assert body["previous"]


def test_g1_query_count_does_not_grow_with_the_page_size(api, cat3, django_assert_max_num_queries) -> None:
    make_skus(cat3, [f"{n}.00" for n in range(1, 21)])

    for page_size in (2, 20):
        with django_assert_max_num_queries(3):
            response = api.get(f"/categories/{cat3.id}/skus/", {"page_size": page_size})
        assert len(response.json()["results"]) == page_size


def test_g1_refuses_an_unknown_ordering(api, cat3) -> None:
    response = api.get(f"/categories/{cat3.id}/skus/", {"ordering": "cost_price"})

    assert response.status_code == 400
    assert "排序方式" in response.json()["message"]


def test_g1_answers_404_for_an_unknown_category(api) -> None:
    response = api.get("/categories/999999/skus/")

    assert response.status_code == 404
    assert response.json()["message"] == "商品分类不存在"


# --- G2 ---------------------------------------------------------------------------------------


def test_g2_returns_the_two_best_sellers_and_caches_them(api, cat3, django_assert_num_queries) -> None:
    low, high, mid = make_skus(cat3, ["1.00", "2.00", "3.00"])
    for sku, sales in ((low, 1), (high, 90), (mid, 40)):
        SKU.objects.filter(pk=sku.pk).update(sales=sales)

    first = api.get(f"/categories/{cat3.id}/hotskus/")
    with django_assert_num_queries(0):
        second = api.get(f"/categories/{cat3.id}/hotskus/")

    assert first.status_code == 200
    assert [sku["id"] for sku in first.json()] == [high.id, mid.id]
    assert first.json()[0]["price"] == "2.00"
    assert second.json() == first.json()


# --- G3 ---------------------------------------------------------------------------------------


def test_g3_breadcrumb_of_a_third_level_category(api, cat3) -> None:
    cat2, cat1 = cat3.parent, cat3.parent.parent

    response = api.get(f"/categories/{cat3.id}/")

    assert response.json() == {
        "cat1": {"url": "http://shouji.meiduo.site", "category": {"id": cat1.id, "name": "手机数码"}},
        "cat2": {"id": cat2.id, "name": "手机通讯"},
        "cat3": {"id": cat3.id, "name": "手机"},
    }


def test_g3_missing_levels_are_empty_strings(api, cat3) -> None:
    body = api.get(f"/categories/{cat3.parent.id}/").json()

    assert body["cat2"] == {"id": cat3.parent.id, "name": "手机通讯"}
    assert body["cat3"] == ""
    assert api.get("/categories/999999/").status_code == 404


# --- G5 ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("areas")
def test_g5_lists_comments_newest_first_masking_anonymous_names(api, cat3, settings) -> None:
    (sku,) = make_skus(cat3, ["100.00"])
    named, hidden = UserFactory(username="zhangsanfeng"), UserFactory(username="lisi_2026")
    for user, text, anonymous in ((named, "很好用，推荐购买", False), (hidden, "物流很快，包装完好", True)):
        order = OrderInfo.objects.create(
            order_id=f"20261121{user.id:09d}",
            user=user,
            address=AddressFactory(user=user),
            receiver="张三",
            receiver_mobile="13912345678",
            address_text="广东省 深圳市 南山区",
            total_amount=Decimal("100.00"),
            freight=Decimal("10.00"),
        )
        OrderGoods.objects.create(
            order=order, sku=sku, price=sku.price, comment=text, score=4, is_anonymous=anonymous, is_commented=True
        )
    OrderGoods.objects.filter(comment__startswith="物流").update(update_time="2030-01-01 00:00:00+00:00")

    settings.SKU_COMMENTS_SHOWN = 2  # a full page: more may have come before
    SKU.objects.filter(pk=sku.pk).update(comments=41)  # all it has had, beyond those listed

    response = api.get(f"/skus/{sku.id}/comments/", HTTP_ORIGIN="http://127.0.0.1:8080")

    assert response["X-Total-Count"] == "41"
    assert "X-Total-Count" in response["Access-Control-Expose-Headers"]  # the storefront may read it
    assert response.json() == [
        {"score": 4, "comment": "物流很快，包装完好", "username": "l***6"},
        {"score": 4, "comment": "很好用，推荐购买", "username": "zhangsanfeng"},
    ]


def test_g5_takes_one_query_when_its_page_holds_every_comment(api, cat3, django_assert_num_queries) -> None:
    (sku,) = make_skus(cat3, ["100.00"])

    with django_assert_num_queries(1):  # the comments with their users: the count is theirs
        response = api.get(f"/skus/{sku.id}/comments/")

    assert response["X-Total-Count"] == "0"


# --- C4, C5 -----------------------------------------------------------------------------------


def test_browse_history_needs_a_login(api) -> None:
    assert api.get("/browse_histories/").status_code == 401
    assert api.post("/browse_histories/", {"sku_id": 1}, format="json").status_code == 401


def test_c4_keeps_the_five_newest_without_duplicates(cat3) -> None:
    skus = make_skus(cat3, [f"{n}.00" for n in range(1, 8)])
    client = logged_in_as(UserFactory())

    for sku in [*skus, skus[3]]:
        response = client.post("/browse_histories/", {"sku_id": str(sku.id)}, format="json")
        assert response.status_code == 201
        assert response.json() == {"sku_id": sku.id}

    history = client.get("/browse_histories/").json()
    assert [item["id"] for item in history] == [skus[3].id, skus[6].id, skus[5].id, skus[4].id, skus[2].id]
    assert set(history[0]) == {"id", "name", "price", "default_image_url", "comments"}


def test_c4_refuses_an_unknown_or_unlaunched_sku(cat3) -> None:
    (off_sale,) = make_skus(cat3, ["1.00"], is_launched=False)
    client = logged_in_as(UserFactory())

    unknown = client.post("/browse_histories/", {"sku_id": 999999}, format="json")
    unlaunched = client.post("/browse_histories/", {"sku_id": off_sale.id}, format="json")
    garbage = client.post("/browse_histories/", {"sku_id": "abc"}, format="json")

    assert [r.status_code for r in (unknown, unlaunched, garbage)] == [400, 400, 400]
    assert unknown.json()["message"] == "商品不存在或已下架"
    assert client.get("/browse_histories/").json() == []


def test_histories_are_per_user(cat3) -> None:
    (sku,) = make_skus(cat3, ["1.00"])
    mine, theirs = logged_in_as(UserFactory()), logged_in_as(UserFactory())

    mine.post("/browse_histories/", {"sku_id": sku.id}, format="json")

    assert theirs.get("/browse_histories/").json() == []


def test_c5_query_count_does_not_grow_with_the_history(cat3, django_assert_max_num_queries) -> None:
    user = UserFactory()
    client = logged_in_as(user)
    for sku in make_skus(cat3, [f"{n}.00" for n in range(1, 6)]):
        client.post("/browse_histories/", {"sku_id": sku.id}, format="json")

    with django_assert_max_num_queries(2):  # the user, then the SKUs
        response = client.get("/browse_histories/")

    assert len(response.json()) == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [({"ordering": ""}, "排序方式只能是"), ({"ordering": "id"}, "排序方式只能是"),
     ({"page_size": "false"}, "page_size 应为 1 到 20 的整数"), ({"page_size": "0"}, "page_size 应为 1 到 20 的整数")],
)  # fmt: skip
def test_a_list_refuses_an_ordering_or_page_size_it_cannot_serve(query, message):
    sku = SKUFactory()

    response = APIClient().get(f"/categories/{sku.category_id}/skus/", query)

    assert response.status_code == 400
    assert message in response.json()["message"]


def test_a_page_size_above_the_largest_serves_the_largest():
    sku = SKUFactory()

    response = APIClient().get(f"/categories/{sku.category_id}/skus/", {"page_size": "50"})

    assert response.status_code == 200
