"""QQ and Weibo login (docs/api.md, oauth) against the local provider stand-in,
over real HTTP (the live server): login URLs, first login and binding, later logins, and
every refusal."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from rest_framework.test import APIClient

from apps.carts.stores import COOKIE_NAME, Line, RedisCart
from apps.oauth.models import OAuthQQUser, OAuthSinaUser
from apps.oauth.providers import parse_answer
from apps.oauth.standin import qq_openid, sina_uid
from apps.users.models import User
from meiduo_mall.utils.signing import token_read
from tests.factories import PASSWORD, SKUFactory, UserFactory
from tests.helpers.accounts import forget_sms_resend_wait, sms_code_for
from tests.helpers.carts import cookie_with
from tests.helpers.oauth import code_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("live_server")]

PROVIDERS = ["qq", "sina"]
MOBILE = "13712345678"


def sms_code(mobile: str = MOBILE) -> str:
    forget_sms_resend_wait(mobile)
    assert APIClient().get(f"/sms_codes/{mobile}/").status_code == 200
    return sms_code_for(mobile) or ""


def first_login(client: APIClient, provider: str, test_user: int = 1) -> str:
    response = client.get(f"/oauth/{provider}/user/", code_for(provider, test_user, client=client))
    assert response.status_code == 200, response.content
    assert set(response.json()) == {"access_token", "next"}
    return response.json()["access_token"]


def bind(client: APIClient, provider: str, token: str, mobile: str = MOBILE, password: str = PASSWORD, code=None):  # type: ignore[no-untyped-def]
    body = {"access_token": token, "mobile": mobile, "password": password, "sms_code": code or sms_code(mobile)}
    return client.post(f"/oauth/{provider}/user/", body, format="json")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_login_url_carries_the_app_the_callback_and_the_state(provider, settings):
    response = APIClient().get(f"/oauth/{provider}/authorization/", {"next": "/user_center_info.html"})

    body = response.json()
    assert body["login_url"] == body["oauth_url"]
    query = parse_qs(urlsplit(body["login_url"]).query)
    assert query["response_type"] == ["code"]
    assert next_of(query["state"][0], provider) == "/user_center_info.html"
    callback = {"qq": "oauth_callback.html", "sina": "sina_callback.html"}[provider]
    assert query["redirect_uri"] == [f"http://127.0.0.2:8080/{callback}"]
    assert query["client_id"] == [{"qq": settings.QQ_CLIENT_ID, "sina": settings.SINA_CLIENT_ID}[provider]]
    if provider == "qq":
        assert query["scope"] == ["get_user_info"]


def test_variant_a_sends_state_instead_of_next():
    url = APIClient().get("/oauth/qq/authorization/", {"state": "/cart.html"}).json()["login_url"]

    assert next_of(parse_qs(urlsplit(url).query)["state"][0], "qq") == "/cart.html"


def next_of(state: str, provider: str) -> str:
    """The page a signed state leads back to."""
    return str(token_read(purpose=f"oauth.state.{provider}", token=state, max_age=600)["next"])


@pytest.mark.parametrize("provider", PROVIDERS)
def test_first_login_binds_a_new_account_and_the_next_logs_straight_in(provider):
    client = APIClient()

    token = first_login(client, provider)
    response = bind(client, provider, token)

    assert response.status_code == 200, response.content
    user = User.objects.get(mobile=MOBILE)
    assert user.username == MOBILE
    assert user.check_password(PASSWORD)
    assert response.json()["user_id"] == user.pk
    assert response.json()["token"]
    if provider == "qq":
        assert OAuthQQUser.objects.get(openid=qq_openid(1)).user == user
    else:
        assert OAuthSinaUser.objects.get(uid=sina_uid(1)).user == user

    # the same person again: logged in, no binding asked
    again = client.get(f"/oauth/{provider}/user/", code_for(provider, 1, client=client))
    assert again.status_code == 200
    assert (again.json()["user_id"], again.json()["username"]) == (user.pk, MOBILE)
    assert "token" in again.json()


def test_binding_to_an_existing_account_needs_its_password():
    owner = UserFactory(mobile=MOBILE, username="mobile_owner")
    client = APIClient()
    token = first_login(client, "qq")

    wrong = bind(client, "qq", token, password="Wrong-pass-2026")
    assert wrong.status_code == 400
    assert wrong.json()["message"] == "密码错误，请输入该手机号已注册账户的密码"
    assert not OAuthQQUser.objects.exists()

    right = bind(client, "qq", token, code=sms_code_for(MOBILE))  # the code survived the wrong password
    assert right.status_code == 200
    assert right.json()["username"] == "mobile_owner"
    assert OAuthQQUser.objects.get().user == owner


def test_a_wrong_sms_code_is_refused():
    client = APIClient()
    token = first_login(client, "qq")
    sms_code()

    response = bind(client, "qq", token, code="000000")

    assert response.status_code == 400
    assert response.json()["message"]
    assert not User.objects.filter(mobile=MOBILE).exists()


@pytest.mark.parametrize(
    "token",
    [pytest.param("not-a-token", id="forged"), pytest.param("sina", id="made for Weibo")],
)
def test_a_bad_bind_token_is_refused(token):
    if token == "sina":
        token = first_login(APIClient(), "sina")

    response = bind(APIClient(), "qq", token)

    assert response.status_code == 400
    assert response.json() == {"message": "授权信息已过期，请重新登录"}


def test_an_expired_bind_token_is_refused(settings):
    token = first_login(APIClient(), "qq")
    settings.OAUTH_BIND_TOKEN_SECONDS = -1

    assert bind(APIClient(), "qq", token).json() == {"message": "授权信息已过期，请重新登录"}


def test_an_identity_is_never_bound_twice():
    first, second = first_login(APIClient(), "qq"), first_login(APIClient(), "qq")
    assert bind(APIClient(), "qq", first).status_code == 200

    response = bind(APIClient(), "qq", second, mobile="13712340000")

    assert response.status_code == 400
    assert response.json() == {"message": "该QQ账号已绑定其他账户，请直接登录"}
    assert OAuthQQUser.objects.count() == 1
    assert not User.objects.filter(mobile="13712340000").exists()  # the new account rolled back


def test_login_and_binding_merge_the_guest_cart():
    sku = SKUFactory()
    client = APIClient()
    client.cookies[COOKIE_NAME] = cookie_with({sku.id: Line(2, True)})

    token = first_login(client, "qq")
    response = bind(client, "qq", token)

    user = User.objects.get(mobile=MOBILE)
    assert RedisCart(user.pk).lines() == {sku.id: Line(2, True)}
    assert response.cookies[COOKIE_NAME].value == ""

    client.cookies[COOKIE_NAME] = cookie_with({sku.id: Line(5, False)})
    again = client.get("/oauth/qq/user/", code_for("qq", 1, client=client))
    assert again.cookies[COOKIE_NAME].value == ""
    assert RedisCart(user.pk).lines() == {sku.id: Line(5, False)}


def test_a_missing_code_is_a_400():
    response = APIClient().get("/oauth/qq/user/")

    assert response.status_code == 400
    assert response.json() == {"message": "缺少授权码 code"}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_code_the_provider_refuses_is_a_503_with_the_cause_logged(provider, caplog):
    client = APIClient()
    first = code_for(provider, 2, client=client)
    assert client.get(f"/oauth/{provider}/user/", first).status_code == 200  # codes are single use
    fresh_state = code_for(provider, 2, client=client)["state"]

    with caplog.at_level(logging.WARNING, logger="apps.oauth.services"):
        response = client.get(f"/oauth/{provider}/user/", {"code": first["code"], "state": fresh_state})

    assert response.status_code == 503
    assert "暂时无法使用" in response.json()["message"]
    assert "answered 400" in caplog.text or "code to access token error" in caplog.text


def test_an_unreachable_provider_is_a_503(settings, free_port, caplog):
    client = APIClient()
    login_url = client.get("/oauth/qq/authorization/").json()["login_url"]
    settings.QQ_API_BASE_URL = f"http://127.0.0.1:{free_port}"

    with caplog.at_level(logging.WARNING, logger="apps.oauth.services"):
        state = parse_qs(urlsplit(login_url).query)["state"][0]
        response = client.get("/oauth/qq/user/", {"code": "whatever", "state": state})

    assert response.status_code == 503
    assert response.json() == {"message": "QQ 登录暂时无法使用，请稍后再试或使用账号密码登录"}
    assert "unreachable" in caplog.text


def test_an_unknown_provider_is_a_404():
    assert APIClient().get("/oauth/facebook/authorization/").status_code == 404


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"openid": "ABC", "client_id": "1"}', {"openid": "ABC", "client_id": "1"}),
        ('callback( {"client_id":"1","openid":"ABC"} );\n', {"client_id": "1", "openid": "ABC"}),
        ("access_token=T&expires_in=7776000&refresh_token=R", {"access_token": "T", "expires_in": "7776000",
                                                                "refresh_token": "R"}),
    ],
)  # fmt: skip
def test_qq_answers_are_read_in_each_of_their_forms(text, expected):
    assert parse_answer(text) == expected


def test_operators_find_bindings_by_mobile(admin_user):
    user = UserFactory(mobile="13700009999")
    OAuthQQUser.objects.create(user=user, openid=qq_openid(3))
    OAuthSinaUser.objects.create(user=user, uid=sina_uid(3))
    operator = Client()
    operator.force_login(admin_user)

    assert qq_openid(3) in operator.get("/admin/oauth/oauthqquser/", {"q": "13700009999"}).content.decode()
    assert sina_uid(3) in operator.get("/admin/oauth/oauthsinauser/", {"q": "13700009999"}).content.decode()


@pytest.mark.parametrize(
    ("next_", "state"),
    [("/cart.html", "/cart.html"), ("//evil.example/", "/"), ("/\t/evil.example/phish", "/"),
     ("/\\evil.example", "/"), ("https://evil.example/", "/"), ("javascript:alert(1)", "/")],
)  # fmt: skip
def test_the_state_never_leads_away_from_the_site(next_, state):
    response = APIClient().get("/oauth/qq/authorization/", {"next": next_})

    assert next_of(parse_qs(urlsplit(response.json()["login_url"]).query)["state"][0], "qq") == state


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_login_link_made_in_another_browser_logs_nobody_in(provider):
    # given an attacker who started a login in their browser and kept the provider's redirect
    attacker = APIClient()
    crafted = code_for(provider, 3, client=attacker)

    # when a victim opens it (the callback page sends the code and state from their browser)
    response = APIClient().get(f"/oauth/{provider}/user/", crafted)

    # then it is refused: their browser did not start that login
    assert response.status_code == 400
    assert response.json() == {"message": "登录链接无效或已过期，请重新从登录页登录"}
    assert "token" not in response.json()


@pytest.mark.parametrize(
    "tamper",
    [lambda q: {"code": q["code"]}, lambda q: {**q, "state": q["state"][:-2] + "xx"},
     lambda q: {**q, "state": "/cart.html"}],
    ids=["no state", "a forged state", "a plain path as state"],
)  # fmt: skip
def test_a_missing_or_forged_state_is_refused(tamper):
    client = APIClient()
    callback = code_for("qq", 3, client=client)

    assert client.get("/oauth/qq/user/", tamper(callback)).status_code == 400


def test_a_state_is_used_once_and_for_its_own_provider():
    client = APIClient()
    qq = code_for("qq", 3, client=client)
    assert client.get("/oauth/sina/user/", qq).status_code == 400  # a QQ state at Weibo's callback
    assert client.get("/oauth/qq/user/", qq).status_code == 200

    again = client.get("/oauth/qq/user/", {"code": code_for("qq", 3, client=client)["code"], "state": qq["state"]})

    assert again.status_code == 400


def test_classic_storefronts_can_turn_the_state_check_off(settings):
    settings.OAUTH_STATE_REQUIRED = False
    url = APIClient().get("/oauth/qq/authorization/", {"next": "/cart.html"}).json()["login_url"]
    assert parse_qs(urlsplit(url).query)["state"] == ["/cart.html"]  # the path itself, as classic pages expect

    response = APIClient().get("/oauth/qq/user/", {"code": code_for("qq", 3, client=APIClient())["code"]})

    assert response.status_code == 200
    assert set(response.json()) == {"access_token"}
