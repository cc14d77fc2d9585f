"""U1–U5: registration and login (docs/api.md, users)."""

import time

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from apps.users.models import User
from tests.factories import PASSWORD, UserFactory
from tests.helpers.accounts import sms_code_for

pytestmark = pytest.mark.django_db

MOBILE = "13912340001"


def registration(**changes: str) -> dict[str, str]:
    return {
        "username": "newshopper",
        "password": "Secret-pass-99",
        "password2": "Secret-pass-99",
        "mobile": MOBILE,
        "sms_code": sms_code_for(MOBILE) or "",
        "allow": "true",
        **changes,
    }


@pytest.fixture
def texted(api_client) -> str:
    assert api_client.get(f"/sms_codes/{MOBILE}/").status_code == 200
    return sms_code_for(MOBILE)


def test_username_and_mobile_counts(api_client):
    UserFactory(username="taken_name", mobile="13700000000")

    assert api_client.get("/usernames/taken_name/count/").json() == {"username": "taken_name", "count": 1}
    assert api_client.get("/usernames/free_name/count/").json() == {"username": "free_name", "count": 0}
    assert api_client.get("/mobiles/13700000000/count/").json() == {"mobile": "13700000000", "count": 1}
    assert api_client.get("/mobiles/13700000001/count/").json() == {"mobile": "13700000001", "count": 0}


def test_register_creates_the_user_and_logs_them_in(api_client, texted):
    response = api_client.post("/users/", registration(), format="json")

    assert response.status_code == 201
    body = response.json()
    user = User.objects.get(username="newshopper")
    assert body == {
        "id": user.pk,
        "user_id": user.pk,
        "username": "newshopper",
        "mobile": MOBILE,
        "token": body["token"],
    }
    assert int(AccessToken(body["token"])["user_id"]) == user.pk
    assert user.check_password("Secret-pass-99")
    assert sms_code_for(MOBILE) is None  # used up


def test_register_with_a_wrong_sms_code_is_a_non_field_error(api_client, texted):
    wrong = "000000" if texted != "000000" else "111111"

    response = api_client.post("/users/", registration(sms_code=wrong), format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["短信验证码错误"], "message": "短信验证码错误"}
    assert not User.objects.exists()


def test_register_without_any_sms_code_sent_is_a_non_field_error(api_client):
    response = api_client.post("/users/", registration(sms_code="123456"), format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "abc", "用户名为5-20个字母、数字或下划线"),
        ("username", "12345678", "用户名不能是纯数字"),
        ("username", "has space", "用户名为5-20个字母、数字或下划线"),
        ("mobile", "23912340001", "请输入正确的手机号码"),
        ("password", "short", "密码长度为8-20个字符"),
        ("password2", "Other-pass-99", "两次输入的密码不一致"),
        ("allow", "false", "请同意用户协议"),
    ],
)
def test_register_rejects_bad_fields_with_a_message(api_client, texted, field, value, message):
    response = api_client.post("/users/", registration(**{field: value}), format="json")

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not User.objects.exists()
    assert sms_code_for(MOBILE) == texted  # not used up by a form that failed


def test_register_rejects_a_common_password(api_client, texted):
    response = api_client.post("/users/", registration(password="password123", password2="password123"), format="json")

    assert response.status_code == 400
    assert "password" in response.json()


def test_register_refuses_a_taken_username_or_mobile(api_client, texted):
    UserFactory(username="newshopper")
    UserFactory(mobile=MOBILE)

    body = api_client.post("/users/", registration(), format="json").json()

    assert body["username"] == ["用户名已存在"]
    assert body["mobile"] == ["该手机号已注册"]


def test_login_by_username_or_mobile(api_client):
    user = UserFactory(username="loginuser", mobile="13600000001")

    for account in ("loginuser", "13600000001"):
        response = api_client.post("/authorizations/", {"username": account, "password": PASSWORD}, format="json")

        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"token", "refresh", "user_id", "username"}
        assert (body["user_id"], body["username"]) == (user.pk, "loginuser")
        assert int(AccessToken(body["token"])["user_id"]) == user.pk


def test_access_token_lives_one_day(api_client):
    UserFactory(username="loginuser")

    token = AccessToken(
        api_client.post("/authorizations/", {"username": "loginuser", "password": PASSWORD}).json()["token"]
    )

    assert token["exp"] - token["iat"] == 24 * 3600


def test_login_with_a_wrong_password_or_unknown_account_says_the_same(api_client):
    UserFactory(username="loginuser")

    wrong_password = api_client.post("/authorizations/", {"username": "loginuser", "password": "nope-nope-1"})
    unknown = api_client.post("/authorizations/", {"username": "nobody_here", "password": "nope-nope-1"})

    assert wrong_password.status_code == unknown.status_code == 400
    assert (
        wrong_password.json()
        == unknown.json()
        == {"non_field_errors": ["用户名或密码错误"], "message": "用户名或密码错误"}
    )


def test_inactive_user_cannot_log_in(api_client):
    UserFactory(username="loginuser", is_active=False)

    response = api_client.post("/authorizations/", {"username": "loginuser", "password": PASSWORD})

    assert response.status_code == 400


def test_five_wrong_passwords_lock_the_account_for_a_while_then_it_recovers(api_client, settings):
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 2
    UserFactory(username="loginuser", mobile="13600000002")
    for _ in range(5):
        assert (
            api_client.post("/authorizations/", {"username": "loginuser", "password": "wrong-pass-1"}).status_code
            == 400
        )

    # the right password does not help now, nor does switching to the mobile
    locked = api_client.post("/authorizations/", {"username": "13600000002", "password": PASSWORD})
    assert locked.status_code == 429
    assert "密码错误次数过多" in locked.json()["message"]

    time.sleep(2.1)
    assert api_client.post("/authorizations/", {"username": "loginuser", "password": PASSWORD}).status_code == 200


def test_logins_are_limited_per_client_address(api_client, settings):
    settings.LOGINS_PER_IP_PER_5_MINUTES = 2
    UserFactory(username="loginuser")
    for _ in range(2):
        api_client.post("/authorizations/", {"username": "loginuser", "password": PASSWORD})

    response = api_client.post("/authorizations/", {"username": "loginuser", "password": PASSWORD})

    assert response.status_code == 429
    assert response.json()["message"].startswith("登录尝试过于频繁")


def test_refresh_gives_a_new_access_token(api_client):
    user = UserFactory(username="loginuser")
    refresh = api_client.post("/authorizations/", {"username": "loginuser", "password": PASSWORD}).json()["refresh"]

    response = api_client.post("/authorizations/refresh/", {"refresh": refresh})

    assert response.status_code == 200
    assert set(response.json()) == {"token"}
    assert int(AccessToken(response.json()["token"])["user_id"]) == user.pk


@pytest.mark.parametrize("refresh", ["garbage", "eyJhbGciOiJIUzI1NiJ9.e30.x"])
def test_refresh_with_a_bad_token_is_401(api_client, refresh):
    response = api_client.post("/authorizations/refresh/", {"refresh": refresh})

    assert response.status_code == 401
    assert response.json()["message"]


def test_access_token_is_not_a_refresh_token(api_client):
    UserFactory(username="loginuser")
    access = api_client.post("/authorizations/", {"username": "loginuser", "password": PASSWORD}).json()["token"]

    assert api_client.post("/authorizations/refresh/", {"refresh": access}).status_code == 401


def test_operator_signs_in_to_the_admin_with_the_mobile(api_client, admin_user):
    assert api_client.login(username="13000000000", password="password")
