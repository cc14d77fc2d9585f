"""QQ and Weibo login in the browser, against the local provider stand-in: a first login
binds a new account, the next logs straight in, and a wrong password for an existing mobile
is refused with a message."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from rest_framework.test import APIClient

from apps.oauth.models import OAuthQQUser, OAuthSinaUser
from apps.users.models import User
from tests.e2e.conftest import read_captcha, read_sms
from tests.factories import PASSWORD, UserFactory
from tests.helpers.oauth import code_for

API = "http://127.0.0.2:8000"


def authorize_as(page: Page, storefront_url: str, button: str, test_user: int, next_page: str = "/index.html") -> None:
    """From the login page, through the provider's (stand-in) authorize page, back to the callback."""
    page.goto(f"{storefront_url}/login.html?next={next_page}")
    page.get_by_role("button", name=button).click()
    page.wait_for_url(f"{API}/standins/oauth/**")
    page.get_by_role("link", name=f"以测试用户 {test_user} 授权并登录").click()


def fill_bind_form(page: Page, mobile: str, password: str) -> None:
    expect(page.get_by_role("heading", name="绑定美多商城账号")).to_be_visible()
    page.fill("#mobile", mobile)
    page.fill("#password", password)
    page.fill("#image_code", read_captcha(page))
    page.get_by_role("button", name="获取短信验证码").click()
    expect(page.locator(".btn-sms")).to_contain_text("秒后重新获取")
    page.fill("#sms_code", read_sms(mobile))
    page.get_by_role("button", name="绑定并登录").click()


@pytest.mark.parametrize(("button", "callback"), [("QQ 登录", "oauth_callback"), ("微博登录", "sina_callback")])
def test_first_login_binds_a_new_account_and_the_second_logs_straight_in(
    page: Page, storefront_url: str, button: str, callback: str
):
    # first time: the callback asks to bind; a new mobile makes a new account
    authorize_as(page, storefront_url, button, test_user=1)
    page.wait_for_url(f"{storefront_url}/{callback}.html?*")
    fill_bind_form(page, "13766660001", "Oauth-pass-2026")
    page.wait_for_url(f"{storefront_url}/index.html")
    expect(page.locator(".site-topbar .user")).to_have_text("您好，13766660001")
    user = User.objects.get(mobile="13766660001")
    bindings = OAuthQQUser if callback == "oauth_callback" else OAuthSinaUser
    assert bindings.objects.get().user == user

    # log out, and in again the same way: straight to where the shopper was going
    page.get_by_role("link", name="退出").click()
    authorize_as(page, storefront_url, button, test_user=1, next_page="/user_center_info.html")
    page.wait_for_url(f"{storefront_url}/user_center_info.html")
    expect(page.locator(".info-table .username")).to_have_text("13766660001")
    assert bindings.objects.count() == 1


def test_binding_an_existing_mobile_with_a_wrong_password_is_refused(page: Page, storefront_url: str):
    UserFactory(username="has_account", mobile="13766660002")

    authorize_as(page, storefront_url, "QQ 登录", test_user=2)
    fill_bind_form(page, "13766660002", "Not-my-pass-1")

    expect(page.locator(".form-error")).to_have_text("密码错误，请输入该手机号已注册账户的密码")
    assert not OAuthQQUser.objects.exists()

    # with the right password (the same SMS code still good) it binds to that account
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="绑定并登录").click()
    page.wait_for_url(f"{storefront_url}/index.html")
    expect(page.locator(".site-topbar .user")).to_have_text("您好，has_account")


def test_a_login_link_crafted_in_another_browser_logs_nobody_in(page: Page, storefront_url: str):
    # given the provider's redirect of a login an attacker started in their own browser
    crafted = code_for("qq", 3, client=APIClient())

    # when the victim opens it
    page.goto(f"{storefront_url}/oauth_callback.html?{urlencode(crafted)}")

    # then they are told to log in from the login page, and nobody is logged in
    expect(page.locator(".form-error")).to_contain_text("登录链接无效或已过期")
    assert page.evaluate("localStorage.getItem('token') || sessionStorage.getItem('token')") is None
