"""The read replica, for real: a second MariaDB replicating from the primary
(scripts/services.sh, with the deployment's deploy/mysql/ files). Tests hold replication
back, so the replica is behind the primary and a read shows which of the two answered it.

These run in a pytest run of their own with DATABASE_REPLICA_URL set (scripts/test.sh)."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext

from apps.goods.models import SKU, GoodsCategory
from apps.orders.models import OrderInfo
from apps.users.models import Address, User
from meiduo_mall.utils import db_router
from meiduo_mall.utils.db_router import replica_reads
from tests.clients import logged_in_as
from tests.factories import AddressFactory, SKUFactory, UserFactory
from tests.helpers.carts import fill_cart

pytestmark = [pytest.mark.replica, pytest.mark.django_db(transaction=True, databases=["default", "replica"])]


def caught_up() -> None:
    """Wait until the replica has applied everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT @@gtid_binlog_pos")
        (position,) = cursor.fetchone()
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT MASTER_GTID_WAIT(%s, 30)", [position])
        (waited,) = cursor.fetchone()
    assert waited == 0, f"the replica did not reach {position} within 30 s"


def _replicate(statements: str) -> None:
    with connections["replica"].cursor() as cursor:
        for statement in statements.split(";"):
            cursor.execute(statement)


@contextmanager
def replication_paused() -> Iterator[None]:
    """The replica still replicates, but holds the primary's changes back (an hour's delay)
    until the block ends, as a replica running behind does."""
    caught_up()
    _replicate("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=3600; START SLAVE")
    try:
        yield
    finally:
        _replicate("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=0; START SLAVE")
        caught_up()


@contextmanager
def replication_stopped() -> Iterator[None]:
    """The replica stops applying the primary's changes, as when replication breaks."""
    caught_up()
    _replicate("STOP SLAVE SQL_THREAD")
    try:
        yield
    finally:
        _replicate("START SLAVE SQL_THREAD")
        caught_up()


@pytest.fixture(autouse=True)
def _replica_in_step(monkeypatch) -> Iterator[None]:
    """The previous test's flush has reached the replica before this test starts, and this
    test's writes reach it before the flush that follows. Each test sees the replica's lag
    afresh at every read."""
    monkeypatch.setattr(db_router, "_lag_seen", None)
    monkeypatch.setattr(db_router, "REPLICA_LAG_CHECK_SECONDS", 0.0)
    caught_up()
    yield
    caught_up()


def lag_reaches(seconds: float) -> None:
    deadline = time.monotonic() + seconds + 20
    while (db_router.replica_lag() or 0) < seconds:
        assert time.monotonic() < deadline, f"the replica never fell {seconds} s behind"
        time.sleep(0.2)


def test_the_replica_is_a_separate_read_only_server():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT @@server_id, @@read_only")
        assert cursor.fetchone() == (1, 0)
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT @@server_id, @@read_only")
        assert cursor.fetchone() == (2, 1)


def test_writes_made_on_the_primary_reach_the_replica():
    sku = SKUFactory(name="复制过来的手机")

    caught_up()

    assert SKU.objects.using("replica").get(pk=sku.pk).name == "复制过来的手机"


def test_catalog_reads_come_from_the_replica_but_cached_answers_are_built_on_the_primary(client):
    sku = SKUFactory(name="荣耀 X50", price=Decimal("1399.00"))
    cat3 = sku.category
    with replication_paused():
        SKU.objects.filter(pk=sku.pk).update(price=Decimal("999.00"))
        SKUFactory(name="新上架的手机", spu__cat3=cat3)
        GoodsCategory.objects.filter(pk=cat3.pk).update(name="改名后的分类")

        with CaptureQueriesContext(connections["default"]) as on_primary:
            hot = client.get(f"/categories/{cat3.pk}/hotskus/").json()
        # what the replica still holds: the old price, not the new SKU
        assert [(row["name"], row["price"]) for row in hot] == [("荣耀 X50", "1399.00")]
        assert on_primary.captured_queries == []

        # G1's pages and G3's breadcrumbs are cached for everyone until the catalog changes
        # (apps/goods/catalog_cache.py): they are built from the primary, never from a replica
        # a moment behind, which would keep an old answer cached under the new version
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            listed = client.get(f"/categories/{cat3.pk}/skus/", {"ordering": "price"}).json()
            breadcrumb = client.get(f"/categories/{cat3.pk}/").json()
        assert [(row["name"], row["price"]) for row in listed["results"]] == [
            ("荣耀 X50", "999.00"),
            ("新上架的手机", "1999.00"),
        ]
        assert breadcrumb["cat3"]["name"] == "改名后的分类"
        assert [q["sql"] for q in on_replica.captured_queries if "tb_" in q["sql"]] == []


def test_placing_an_order_and_reading_it_back_stay_on_the_primary(areas):
    with replication_paused():
        # Nothing of this shopper has reached the replica: any read of it there would fail.
        buyer = UserFactory()
        address = AddressFactory(user=buyer, receiver="李四")
        phone = SKUFactory(price=Decimal("5999.00"), stock=5)
        fill_cart(buyer, {phone: 2})
        shopper = logged_in_as(buyer)

        with CaptureQueriesContext(connections["replica"]) as on_replica:
            placed = shopper.post("/orders/", {"address": address.pk, "pay_method": 1}, format="json")
            my_orders = shopper.get("/orders/").json()
            my_addresses = shopper.get("/addresses/").json()
            me = shopper.get("/user/")

        assert placed.status_code == 201, placed.content
        order_id = placed.json()["order_id"]
        assert [order["order_id"] for order in my_orders["results"]] == [order_id]
        assert [row["id"] for row in my_addresses["addresses"]] == [address.pk]
        assert (me.status_code, me.json()["username"]) == (200, buyer.username)
        assert on_replica.captured_queries == []
        assert SKU.objects.get(pk=phone.pk).stock == 3
        assert not OrderInfo.objects.using("replica").filter(pk=order_id).exists()

    assert OrderInfo.objects.using("replica").get(pk=order_id).user_id == buyer.pk
    assert SKU.objects.using("replica").get(pk=phone.pk).stock == 3


def test_the_admin_reads_the_primary(admin_client):
    with replication_paused():
        sku = SKUFactory(name="刚保存的商品")

        changelist = admin_client.get("/admin/goods/sku/")

    assert changelist.status_code == 200
    assert sku.name in changelist.content.decode()


def test_where_each_read_goes():
    # Outside a shopper's read-only request (a Celery task, a command, a write): the primary.
    assert router.db_for_read(SKU) == "default"
    with replica_reads():
        assert router.db_for_read(SKU) == "replica"
        assert router.db_for_read(GoodsCategory) == "replica"
        # accounts and orders: always the primary
        assert router.db_for_read(User) == router.db_for_read(Address) == router.db_for_read(OrderInfo) == "default"
        # inside a transaction: the primary
        with transaction.atomic():
            assert router.db_for_read(SKU) == "default"
    assert router.db_for_write(SKU) == "default"
    assert router.allow_migrate("replica", "goods") is False


def test_health_reports_the_replica(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert (response.json()["database"], response.json()["replica"]) == ("ok", "ok")
    assert response.json()["replica_lag_seconds"] == 0


def test_a_replica_too_far_behind_is_left_alone(client, settings, caplog):
    # given a replica more than DATABASE_REPLICA_MAX_LAG_SECONDS behind the primary
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 2
    sku = SKUFactory(name="荣耀 X50", price=Decimal("1399.00"))
    with replication_paused():
        SKU.objects.filter(pk=sku.pk).update(price=Decimal("999.00"))
        lag_reaches(3)

        # when a shopper asks the category's best sellers, and an operator asks /health/
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            listed = client.get(f"/categories/{sku.category_id}/hotskus/").json()
        asked_of_replica = [query["sql"] for query in on_replica.captured_queries]
        health = client.get("/health/")

    # then the shopper saw the primary's price, and the replica was only asked its lag
    assert [row["price"] for row in listed] == ["999.00"]
    assert set(asked_of_replica) == {"SHOW SLAVE STATUS"}
    assert health.status_code == 200
    assert health.json()["replica"] == "lagging"
    assert health.json()["replica_lag_seconds"] >= 3
    assert "s behind: reading from the primary until it is within 2 s" in caplog.text


def test_a_replica_that_stopped_replicating_is_left_alone(client):
    sku = SKUFactory(name="荣耀 X50", price=Decimal("1399.00"))
    with replication_stopped():
        SKU.objects.filter(pk=sku.pk).update(price=Decimal("999.00"))

        listed = client.get(f"/categories/{sku.category_id}/hotskus/").json()
        health = client.get("/health/").json()

    assert [row["price"] for row in listed] == ["999.00"]
    assert (health["replica"], health["replica_lag_seconds"]) == ("stopped", None)


@pytest.fixture
def replica_down(free_port, monkeypatch) -> Iterator[None]:
    """The replica's connection points at a port where nothing listens, as when it is down."""
    replica = connections["replica"]
    original = replica.settings_dict["PORT"]
    replica.close()
    replica.settings_dict["PORT"] = free_port
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)  # restored afterwards
    yield
    replica.close()
    replica.settings_dict["PORT"] = original


def test_while_the_replica_is_down_the_catalog_is_read_from_the_primary(client, replica_down, caplog):
    sku = SKUFactory(name="照常可买的手机")

    listed = client.get(f"/categories/{sku.category_id}/hotskus/")
    health = client.get("/health/")

    assert listed.status_code == 200
    assert [row["name"] for row in listed.json()] == [sku.name]
    assert health.status_code == 200  # the web tier still serves
    assert health.json()["replica"] == "unavailable"
    assert "The read replica is unreachable" in caplog.text
