"""G1's pages, G3's breadcrumbs and G5's comments come from the cache without a query, and
every kind of change that affects one of them is seen by the next request (catalog_cache.py).

Changes run their after-commit work here as they do in production
(django_capture_on_commit_callbacks executes it once the test's change "commits").
"""

from decimal import Decimal

import pytest
from django.test import Client
from django_redis import get_redis_connection
from rest_framework.test import APIClient

from apps.goods.models import SKU, GoodsCategory
from apps.orders import services as orders
from meiduo_mall.utils.versioned_cache import bump, version_key, versioned
from tests.factories import CategoryFactory, ChannelFactory, SKUFactory, SPUFactory
from tests.helpers.orders import placed, received

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat3() -> GoodsCategory:
    cat1 = CategoryFactory(name="手机数码")
    ChannelFactory(category=cat1, url="http://shouji.meiduo.site")
    return CategoryFactory(name="手机", parent=CategoryFactory(name="手机通讯", parent=cat1))


@pytest.fixture
def skus(cat3: GoodsCategory) -> list[SKU]:
    spu = SPUFactory(cat3=cat3)
    return [SKUFactory(spu=spu, name=f"手机 {n}", price=Decimal(price)) for n, price in enumerate(["10", "20", "30"])]


def get(path: str, **params: object) -> object:
    response = APIClient().get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


def listed(category: GoodsCategory, **params: object) -> list[tuple[int, str]]:
    body = get(f"/categories/{category.id}/skus/", **params)
    assert isinstance(body, dict)
    return [(card["id"], card["price"]) for card in body["results"]]


# --- served without a query ---------------------------------------------------------------------


def test_a_list_page_asked_again_takes_no_query(cat3, skus, django_assert_num_queries) -> None:
    first = get(f"/categories/{cat3.id}/skus/", ordering="price", page_size=2, page=2)

    with django_assert_num_queries(0):
        again = get(f"/categories/{cat3.id}/skus/", ordering="price", page_size=2, page=2)

    assert again == first
    assert again["count"] == 3
    assert again["previous"] is not None


def test_a_breadcrumb_asked_again_takes_no_query(cat3, django_assert_num_queries) -> None:
    first = get(f"/categories/{cat3.id}/")

    with django_assert_num_queries(0):
        assert get(f"/categories/{cat3.id}/") == first


@pytest.mark.usefixtures("areas")
def test_comments_asked_again_take_no_query(skus, buyer, django_assert_num_queries) -> None:
    order = received(buyer, {skus[0]: 1})
    orders.order_comment_create(user=buyer, order_id=order.order_id, sku_id=skus[0].id, comment="好", score=5,
                                is_anonymous=False)  # fmt: skip
    first = APIClient().get(f"/skus/{skus[0].id}/comments/")

    with django_assert_num_queries(0):
        again = APIClient().get(f"/skus/{skus[0].id}/comments/")

    assert again.json() == first.json() == [{"score": 5, "comment": "好", "username": buyer.username}]
    assert again["X-Total-Count"] == "1"


def test_the_last_page_and_pages_beyond_are_answered_as_before(cat3, skus) -> None:
    assert [card[0] for card in listed(cat3, ordering="price", page_size=2, page="last")] == [skus[2].id]
    for page in ("4", "0", "x"):
        assert APIClient().get(f"/categories/{cat3.id}/skus/", {"page_size": 1, "page": page}).status_code == 404
    assert APIClient().get("/categories/999999/skus/").status_code == 404


# --- every kind of change is seen at once -----------------------------------------------------------


def test_a_sku_saved_is_seen_by_its_category_and_the_ones_above(cat3, skus, django_capture_on_commit_callbacks) -> None:
    lists = [cat3, cat3.parent, cat3.parent.parent]
    before = [listed(category, ordering="price") for category in lists]
    assert all((skus[0].id, "10.00") in cards for cards in before)

    with django_capture_on_commit_callbacks(execute=True):
        skus[0].price = Decimal("15.00")
        skus[0].save()

    assert all((skus[0].id, "15.00") in listed(category, ordering="price") for category in lists)


def test_a_sku_added_or_deleted_is_seen(cat3, skus, django_capture_on_commit_callbacks) -> None:
    assert len(listed(cat3)) == 3

    with django_capture_on_commit_callbacks(execute=True):
        newcomer = SKUFactory(spu=skus[0].spu, name="手机 新")
    assert newcomer.id in [card[0] for card in listed(cat3)]

    with django_capture_on_commit_callbacks(execute=True):
        newcomer.delete()
    assert [card[0] for card in listed(cat3)] == [sku.id for sku in reversed(skus)]


def test_the_admins_bulk_withdrawal_is_seen(cat3, skus, admin_user, django_capture_on_commit_callbacks) -> None:
    assert len(listed(cat3)) == 3
    operator = Client()
    operator.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):  # (the page and index tasks wait in the broker)
        operator.post("/admin/goods/sku/", {"action": "withdraw", "_selected_action": [skus[1].pk]})

    assert [card[0] for card in listed(cat3)] == [skus[2].id, skus[0].id]


@pytest.mark.usefixtures("areas")
def test_sales_moved_by_an_order_and_its_cancellation_reorder_the_list(
    cat3, skus, buyer, django_capture_on_commit_callbacks
) -> None:
    assert listed(cat3, ordering="-sales")[0][0] == skus[2].id  # no sales: the highest id first

    with django_capture_on_commit_callbacks(execute=True):
        order = placed(buyer, {skus[0]: 3})
    assert listed(cat3, ordering="-sales")[0][0] == skus[0].id

    with django_capture_on_commit_callbacks(execute=True):
        orders.order_cancel(user=buyer, order_id=order.order_id)
    assert listed(cat3, ordering="-sales")[0][0] == skus[2].id


@pytest.mark.usefixtures("areas")
def test_a_new_comment_is_seen_in_g5_and_in_the_cards_count(
    cat3, skus, buyer, django_capture_on_commit_callbacks
) -> None:
    order = received(buyer, {skus[0]: 1})
    assert get(f"/skus/{skus[0].id}/comments/") == []
    assert get(f"/categories/{cat3.id}/skus/", ordering="price")["results"][0]["comments"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        orders.order_comment_create(user=buyer, order_id=order.order_id, sku_id=skus[0].id, comment="不错", score=4,
                                    is_anonymous=False)  # fmt: skip

    assert get(f"/skus/{skus[0].id}/comments/") == [{"score": 4, "comment": "不错", "username": buyer.username}]
    assert get(f"/categories/{cat3.id}/skus/", ordering="price")["results"][0]["comments"] == 1


def test_a_renamed_category_or_a_new_channel_link_is_seen_in_the_breadcrumb(
    cat3, django_capture_on_commit_callbacks
) -> None:
    assert get(f"/categories/{cat3.id}/")["cat3"]["name"] == "手机"

    with django_capture_on_commit_callbacks(execute=True):
        cat3.name = "智能手机"
        cat3.save()
        channel = cat3.parent.parent.channel
        channel.url = "http://phones.meiduo.site"
        channel.save()

    crumb = get(f"/categories/{cat3.id}/")
    assert crumb["cat3"]["name"] == "智能手机"
    assert crumb["cat1"]["url"] == "http://phones.meiduo.site"


def test_a_sku_moved_to_another_category_leaves_the_old_list(cat3, skus, django_capture_on_commit_callbacks) -> None:
    other = CategoryFactory(name="平板", parent=cat3.parent)
    assert len(listed(cat3)) == 3
    assert listed(other) == []

    with django_capture_on_commit_callbacks(execute=True):
        moved = SKU.objects.get(pk=skus[0].pk)
        moved.category = other
        moved.save()

    assert [card[0] for card in listed(other)] == [skus[0].id]
    assert skus[0].id not in [card[0] for card in listed(cat3)]


# --- the versions themselves ---------------------------------------------------------------------


def test_an_answer_built_while_its_scope_changed_is_not_served_again() -> None:
    builds = []

    def build_during_a_change() -> str:
        builds.append(1)
        bump(["s"])  # a change commits while the answer is being built from the old rows
        return "old"

    versioned("k", ["s"], build_during_a_change, timeout=60)
    assert versioned("k", ["s"], lambda: "new", timeout=60) == "new"
    assert versioned("k", ["s"], lambda: "newer", timeout=60) == "new"  # now cached at the current version
    assert builds == [1]


def test_a_lost_version_rebuilds_rather_than_serve_an_old_answer() -> None:
    versioned("k", ["s"], lambda: "old", timeout=60)
    get_redis_connection("default").delete(version_key("s"))  # evicted, or flushed all but this answer

    assert versioned("k", ["s"], lambda: "new", timeout=60) == "new"
