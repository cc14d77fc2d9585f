"""Every token of an account dies when its password changes (a change, an SMS reset, an
operator) or the account is deactivated: the old access token no longer reads the user
centre, the old refresh token no longer gets new tokens."""

import pytest
from django_redis import get_redis_connection
from rest_framework.test import APIClient

from apps.carts.stores import Line, RedisCart
from apps.users.services import login_tokens
from meiduo_mall.utils.authentication import auth_entry_read, auth_key
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


# --- checked against Redis, not the user row ------------------------------------------------------


def test_a_token_is_checked_without_a_query_once_the_account_is_known(user, django_assert_num_queries):
    client = with_token(login_tokens(user=user).access)
    client.get("/cart/")  # the first request reads the account and keeps its entry in Redis

    with django_assert_num_queries(0):
        assert client.get("/cart/").status_code == 200


def test_the_entry_follows_each_save_after_its_commit(user, django_capture_on_commit_callbacks):
    tokens = login_tokens(user=user)
    assert with_token(tokens.access).get("/cart/").status_code == 200
    entry = get_redis_connection("default").get(auth_key(user.pk))

    with django_capture_on_commit_callbacks(execute=True):  # an operator sets a new password
        user.set_password(NEW_PASSWORD)
        user.save()

    assert get_redis_connection("default").get(auth_key(user.pk)) not in (None, entry)
    assert_revoked(tokens.access, tokens.refresh)


def test_a_deleted_accounts_token_is_refused(user, django_capture_on_commit_callbacks):
    tokens = login_tokens(user=user)
    assert with_token(tokens.access).get("/user/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        user.delete()

    assert with_token(tokens.access).get("/user/").status_code == 401


def test_an_old_entry_read_from_the_database_never_replaces_a_newer_one(user):
    redis = get_redis_connection("default")
    redis.set(auth_key(user.pk), "newer:1")  # written after a save committed

    assert auth_entry_read(user.pk)[0] == "newer:1"
    redis.delete(auth_key(user.pk))
    assert auth_entry_read(user.pk)[0] == f"{user.password_stamp}:1"  # missing: the database's


def test_with_redis_down_the_database_checks_the_token(user, own_redis):
    tokens = login_tokens(user=user)
    own_redis.stop()

    assert with_token(tokens.access).get("/user/").status_code == 200
