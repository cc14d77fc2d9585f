"""Merge on login (U4): each SKU of the guest's cookie wins over the shopper's Redis line,
the other Redis lines stay, and the cookie is deleted in the same response."""

import pytest
from rest_framework.test import APIClient

from apps.carts.stores import COOKIE_NAME, Line, RedisCart
from apps.users.signals import shopper_logged_in
from tests.factories import PASSWORD
from tests.helpers.carts import cookie_with

pytestmark = pytest.mark.django_db


def log_in(client: APIClient, username: str) -> dict:
    response = client.post("/authorizations/", {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_cookie_lines_win_and_other_redis_lines_stay(guest, user, skus):
    first, second, third = skus
    redis_cart = RedisCart(user.id)
    redis_cart.put(first.id, Line(5, False))
    redis_cart.put(second.id, Line(1, True))
    guest.cookies[COOKIE_NAME] = cookie_with({first.id: Line(2, True), third.id: Line(3, False)})

    log_in(guest, user.username)

    assert RedisCart(user.id).lines() == {
        first.id: Line(2, True),  # the cookie's count and flag
        second.id: Line(1, True),  # untouched
        third.id: Line(3, False),  # new, deselected as in the cookie
    }


def test_a_deselected_cookie_line_deselects_the_redis_line(guest, user, skus):
    RedisCart(user.id).put(skus[0].id, Line(1, True))
    guest.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(1, False)})

    log_in(guest, user.username)

    assert RedisCart(user.id).lines() == {skus[0].id: Line(1, False)}


def test_the_cookie_is_deleted_in_the_login_response(guest, user, skus):
    guest.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(1, True)})

    response = guest.post("/authorizations/", {"username": user.username, "password": PASSWORD}, format="json")

    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["max-age"] == 0


def test_an_empty_cookie_cart_leaves_the_redis_cart_alone(guest, user, skus):
    RedisCart(user.id).put(skus[0].id, Line(4, True))
    guest.cookies[COOKIE_NAME] = cookie_with({})

    response = guest.post("/authorizations/", {"username": user.username, "password": PASSWORD}, format="json")

    assert RedisCart(user.id).lines() == {skus[0].id: Line(4, True)}
    assert response.cookies[COOKIE_NAME].value == ""


def test_an_invalid_cookie_is_dropped_and_the_login_succeeds(guest, user, skus):
    RedisCart(user.id).put(skus[0].id, Line(4, True))
    guest.cookies[COOKIE_NAME] = "tampered:cookie"

    response = guest.post("/authorizations/", {"username": user.username, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.cookies[COOKIE_NAME].value == ""
    assert RedisCart(user.id).lines() == {skus[0].id: Line(4, True)}


def test_no_cookie_no_merge_and_no_cookie_header(user):
    response = APIClient().post("/authorizations/", {"username": user.username, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert COOKIE_NAME not in response.cookies


def test_a_failed_login_keeps_the_guests_cart(guest, user, skus):
    guest.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(1, True)})

    response = guest.post("/authorizations/", {"username": user.username, "password": "wrong-pass-1"}, format="json")

    assert response.status_code == 400
    assert COOKIE_NAME not in response.cookies
    assert RedisCart(user.id).lines() == {}


def test_after_the_merge_the_shopper_sees_the_merged_cart(guest, user, skus):
    guest.post("/cart/", {"sku_id": skus[0].id, "count": 2}, format="json")
    guest.post("/cart/", {"sku_id": skus[1].id, "count": 1}, format="json")
    RedisCart(user.id).put(skus[2].id, Line(1, True))

    token = log_in(guest, user.username)["token"]
    guest.credentials(HTTP_AUTHORIZATION=f"JWT {token}")

    assert [(line["id"], line["count"]) for line in guest.get("/cart/").json()] == [
        (skus[0].id, 2),
        (skus[1].id, 1),
        (skus[2].id, 1),
    ]


def test_a_login_stands_when_redis_fails_before_the_merge_and_the_cookie_waits(guest, user, skus, own_redis):
    """Redis goes down between the login's checks and the merge: the shopper is logged in
    all the same, and the guest's cookie is kept for the next login to merge."""

    def redis_goes_down(**kwargs: object) -> None:
        own_redis.stop()

    shopper_logged_in.connect(redis_goes_down, dispatch_uid="test_redis_goes_down")
    try:
        guest.cookies[COOKIE_NAME] = cookie_with({skus[0].id: Line(2, True)})
        response = guest.post("/authorizations/", {"username": user.username, "password": PASSWORD}, format="json")
    finally:
        shopper_logged_in.disconnect(dispatch_uid="test_redis_goes_down")

    assert response.status_code == 200, response.content
    assert response.json()["token"]
    assert COOKIE_NAME not in response.cookies  # neither deleted nor rewritten: it waits
