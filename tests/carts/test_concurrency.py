"""A shopper's Redis cart changed from several tabs at once: no add is lost and the line
limit holds (one script per change on the real Redis)."""

import pytest
from django_redis import get_redis_connection

from apps.carts.stores import Line, RedisCart
from tests.clients import logged_in_as
from tests.factories import SKUFactory, UserFactory
from tests.threads import all_at_once

pytestmark = pytest.mark.django_db(transaction=True)  # the threads read the SKUs


def test_simultaneous_adds_of_one_sku_all_count():
    user, sku = UserFactory(), SKUFactory(stock=50)
    tabs = [logged_in_as(user) for _ in range(8)]

    answers = all_at_once(
        [lambda tab=tab: tab.post("/cart/", {"sku_id": sku.pk, "count": 2}, format="json") for tab in tabs]
    )

    assert [answer.status_code for answer in answers] == [201] * 8
    assert RedisCart(user.pk).line(sku.pk).count == 16


def test_simultaneous_adds_of_new_skus_stop_at_the_line_limit(settings):
    settings.CART_MAX_LINES = 3
    user, skus = UserFactory(), [SKUFactory() for _ in range(6)]
    tabs = [logged_in_as(user) for _ in skus]

    answers = all_at_once(
        [lambda tab=tab, sku=sku: tab.post("/cart/", {"sku_id": sku.pk, "count": 1}, format="json")
         for tab, sku in zip(tabs, skus, strict=True)]
    )  # fmt: skip

    assert sorted(answer.status_code for answer in answers) == [201] * 3 + [400] * 3
    assert RedisCart(user.pk).line_count() == 3


def test_a_change_is_one_script_call_and_the_token_one_read():
    user, sku = UserFactory(), SKUFactory(stock=50)
    tab = logged_in_as(user)
    tab.get("/cart/")  # the account's entry is in Redis from now on
    redis = get_redis_connection("default")
    redis.config_resetstat()

    assert tab.post("/cart/", {"sku_id": sku.pk, "count": 1}, format="json").status_code == 201
    assert tab.put("/cart/", {"sku_id": sku.pk, "count": 3, "selected": False}, format="json").status_code == 200

    calls = {name.removeprefix("cmdstat_"): stats["calls"] for name, stats in redis.info("commandstats").items()}
    assert calls["evalsha"] == 2  # each change: one round trip (the script's own commands run inside it)
    assert calls["get"] == 2  # each request's token: its account's entry
    assert not {"watch", "multi", "exec", "eval"} & set(calls)
    assert RedisCart(user.pk).line(sku.pk) == Line(3, False)
