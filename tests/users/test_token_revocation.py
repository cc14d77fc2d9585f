"""Every token of an account dies when its password changes (a change, an SMS reset, an
operator) or the account is deactivated: the old access token no longer reads the user
centre, the old refresh token no longer gets new tokens."""

import pytest
from rest_framework.test import APIClient

from apps.carts.stores import Line, RedisCart
from apps.users.services import login_tokens
from tests.factories import PASSWORD, SKUFactory, UserFactory
from tests.users.test_password import NEW_PASSWORD, reset_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="forgetful", mobile="13512345678")


def with_token(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"JWT {access}")
    return client


def assert_revoked(access: str, refresh: str) -> None:
    me = with_token(access).get("/user/")
    assert me.status_code == 401
    assert me.json()["message"] == "登录已失效，请重新登录"
    refreshed = APIClient().post("/authorizations/refresh/", {"refresh": refresh}, format="json")
    assert refreshed.status_code == 401


def test_tokens_work_until_the_password_changes(user):
    tokens = login_tokens(user=user)

    assert with_token(tokens.access).get("/user/").status_code == 200
    refreshed = APIClient().post("/authorizations/refresh/", {"refresh": tokens.refresh}, format="json")
    assert refreshed.status_code == 200
    assert with_token(refreshed.json()["token"]).get("/user/").status_code == 200


def test_a_password_change_revokes_every_token_of_the_account(user):
    elsewhere = login_tokens(user=user)  # another browser, or a thief's copy
    here = login_tokens(user=user)

    changed = with_token(here.access).put(
        f"/users/{user.pk}/password/",
        {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD},
        format="json",
    )

    assert changed.status_code == 200
    assert_revoked(elsewhere.access, elsewhere.refresh)
    assert_revoked(here.access, here.refresh)
    login = APIClient().post("/authorizations/", {"username": user.username, "password": NEW_PASSWORD}, format="json")
    assert with_token(login.json()["token"]).get("/user/").status_code == 200


def test_an_sms_password_reset_revokes_every_token_of_the_account(user):
    stolen = login_tokens(user=user)
    client = APIClient()

    reset = client.post(
        f"/users/{user.pk}/password/",
        {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "access_token": reset_token(client, user)},
    )

    assert reset.status_code == 200
    assert_revoked(stolen.access, stolen.refresh)


def test_an_operator_setting_the_password_or_deactivating_revokes_the_tokens(user):
    first, second = login_tokens(user=user), None
    user.set_password("Set-by-operator-9")
    user.save()
    assert_revoked(first.access, first.refresh)

    second = login_tokens(user=user)
    user.is_active = False
    user.save()
    assert with_token(second.access).get("/user/").status_code == 401
    assert APIClient().post("/authorizations/refresh/", {"refresh": second.refresh}, format="json").status_code == 401


def test_a_revoked_token_is_a_guest_at_the_cart(user):
    RedisCart(user.pk).put(SKUFactory().pk, Line(1, True))
    tokens = login_tokens(user=user)
    user.set_password("Set-by-operator-9")
    user.save()

    cart = with_token(tokens.access).get("/cart/")

    assert cart.status_code == 200
    assert cart.json() == []  # the guest's (empty) cart, not the account's
