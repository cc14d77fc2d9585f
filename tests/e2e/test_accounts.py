"""A shopper's account in the browser: register, log in and out, addresses, passwords, e-mail."""

import pytest
from playwright.sync_api import Page, expect

from apps.users.models import Address, User
from apps.users.services import email_verify_url
from tests.e2e.conftest import log_in_as, read_captcha, read_sms
from tests.factories import PASSWORD, UserFactory


def test_shopper_registers_logs_out_and_logs_back_in(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/register.html")

    page.fill("#username", "browser_shopper")
    page.fill("#password", "Browser-pass-2026")
    page.fill("#password2", "Browser-pass-2026")
    page.fill("#mobile", "13811112222")
    page.fill("#image_code", read_captcha(page))
    page.get_by_role("button", name="获取短信验证码").click()
    expect(page.locator(".btn-sms")).to_contain_text("秒后重新获取")
    expect(page.locator(".btn-sms")).to_be_disabled()
    page.fill("#sms_code", read_sms("13811112222"))
    page.check("#allow")
    page.get_by_role("button", name="立即注册").click()

    # registered and logged in, on the home page
    page.wait_for_url("**/index.html")
    expect(page.locator(".site-topbar .user")).to_have_text("您好，browser_shopper")
    assert User.objects.filter(username="browser_shopper", mobile="13811112222").exists()

    # log out
    page.get_by_role("link", name="退出").click()
    expect(page.locator(".site-topbar")).to_contain_text("请登录")

    # log in again with the mobile, without "remember me"
    page.get_by_role("link", name="请登录").click()
    page.fill("#username", "13811112222")
    page.fill("#password", "Browser-pass-2026")
    page.uncheck("text=记住登录")
    page.get_by_role("button", name="登 录").click()
    page.wait_for_url("**/index.html")
    expect(page.locator(".site-topbar .user")).to_have_text("您好，browser_shopper")
    assert page.evaluate("sessionStorage.getItem('username')") == "browser_shopper"
    assert page.evaluate("localStorage.getItem('token')") is None


def test_register_checks_username_and_mobile_as_the_shopper_types(page: Page, storefront_url: str):
    UserFactory(username="taken_name", mobile="13833334444")
    page.goto(f"{storefront_url}/register.html")

    page.fill("#username", "taken_name")
    page.fill("#mobile", "13833334444")
    page.focus("#password")

    expect(page.locator(".field", has=page.locator("#username")).locator(".field-error")).to_have_text("用户名已存在")
    expect(page.locator(".field", has=page.locator("#mobile")).locator(".field-error")).to_have_text("该手机号已注册")


def test_wrong_captcha_shows_a_message_and_a_new_image(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/register.html")
    first = page.locator("img.captcha-img").get_attribute("src")
    read_captcha(page)

    page.fill("#mobile", "13855556666")
    page.fill("#image_code", "0000")
    page.get_by_role("button", name="获取短信验证码").click()

    expect(page.locator(".field", has=page.locator("#image_code")).locator(".field-error")).to_have_text(
        "图片验证码错误"
    )
    assert page.locator("img.captcha-img").get_attribute("src") != first


def test_login_with_a_wrong_password_says_so_and_next_is_followed(page: Page, storefront_url: str):
    UserFactory(username="next_user")
    page.goto(f"{storefront_url}/login.html?next=/user_center_info.html")

    page.fill("#username", "next_user")
    page.fill("#password", "wrong-password-1")
    page.get_by_role("button", name="登 录").click()
    expect(page.locator(".form-error")).to_have_text("用户名或密码错误")

    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登 录").click()
    page.wait_for_url("**/user_center_info.html")
    expect(page.locator(".info-table .username")).to_have_text("next_user")


@pytest.mark.parametrize(
    "next_",
    ["//evil.example/", "/%09/evil.example/phish", "/%0A/evil.example/", "/%5Cevil.example/", "/%5C%5Cevil.example/",
     "https://evil.example/", "javascript:alert(document.domain)", "%2F%2Fevil.example"],
)  # fmt: skip
def test_login_ignores_a_next_that_leaves_the_site(page: Page, storefront_url: str, next_: str):
    UserFactory(username="next_user")
    page.goto(f"{storefront_url}/login.html?next={next_}")

    page.fill("#username", "next_user")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登 录").click()

    page.wait_for_url(f"{storefront_url}/index.html")


def test_user_centre_sends_a_logged_out_visitor_to_login(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/user_center_site.html")

    page.wait_for_url("**/login.html?next=%2Fuser_center_site.html")


@pytest.mark.usefixtures("areas")
def test_shopper_adds_edits_and_deletes_an_address(page: Page, storefront_url: str):
    user = UserFactory()
    log_in_as(page, storefront_url, user)
    page.goto(f"{storefront_url}/user_center_site.html")
    expect(page.locator(".address-toolbar .count")).to_contain_text("已保存 0 个地址")

    # add
    page.get_by_role("button", name="新增收货地址").click()
    page.fill("#receiver", "赵六")
    page.select_option("#province", label="广东省")
    page.select_option("#city", label="深圳市")
    page.select_option("#district", label="南山区")
    page.fill("#place", "高新南一道 6 号")
    page.fill("#mobile", "13912345678")
    page.fill("#title", "公司")
    page.get_by_role("button", name="保存").click()

    card = page.locator(".address-card")
    expect(card).to_have_count(1)
    expect(card.locator(".region")).to_have_text("广东省 深圳市 南山区")
    expect(card.locator(".title")).to_have_text("公司")
    expect(card.locator(".badge")).to_have_text("默认地址")

    # edit: another receiver, another city
    card.get_by_role("link", name="编辑").click()
    expect(page.locator("#district")).to_have_value("440305")
    page.fill("#receiver", "钱七")
    page.select_option("#city", label="广州市")
    page.select_option("#district", label="天河区")
    page.get_by_role("button", name="保存").click()

    expect(card.locator(".receiver")).to_have_text("钱七")
    expect(card.locator(".region")).to_have_text("广东省 广州市 天河区")
    address = Address.objects.get(user=user)
    assert (address.receiver, address.city_id) == ("钱七", 440100)

    # rename it
    card.locator(".edit-title").click()
    card.get_by_label("地址名称").fill("家")
    card.get_by_role("button", name="保存").click()
    expect(card.locator(".title")).to_have_text("家")

    # delete it
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("link", name="删除").click()
    expect(page.locator(".address-card")).to_have_count(0)
    address.refresh_from_db()
    assert address.is_deleted


@pytest.mark.usefixtures("areas")
def test_address_form_explains_what_is_missing(page: Page, storefront_url: str):
    log_in_as(page, storefront_url, UserFactory())
    page.goto(f"{storefront_url}/user_center_site.html")

    page.get_by_role("button", name="新增收货地址").click()
    page.fill("#mobile", "123")
    page.get_by_role("button", name="保存").click()

    form = page.locator(".address-form")
    expect(form).to_contain_text("请填写收货人")
    expect(form).to_contain_text("请选择完整的省、市、区县")
    expect(form).to_contain_text("请输入正确的手机号码")
    assert not Address.objects.exists()


def test_shopper_resets_a_forgotten_password(page: Page, storefront_url: str):
    user = UserFactory(username="forgetful_one", mobile="13877778888")
    page.goto(f"{storefront_url}/find_password.html")

    # 1: account and captcha
    page.fill("#account", "forgetful_one")
    page.fill("#image_code", read_captcha(page))
    page.get_by_role("button", name="下一步").click()

    # 2: the code sent to the masked mobile
    expect(page.locator(".masked-mobile")).to_have_text("138****8888")
    page.get_by_role("button", name="获取短信验证码").click()
    page.fill("#sms_code", read_sms("13877778888"))
    page.get_by_role("button", name="下一步").click()

    # 3: the new password
    page.fill("#password", "Fresh-pass-2026")
    page.fill("#password2", "Fresh-pass-2026")
    page.get_by_role("button", name="提交").click()

    # 4: done, and the new password logs in
    expect(page.locator("[data-step='4']")).to_contain_text("密码设置成功")
    user.refresh_from_db()
    assert user.check_password("Fresh-pass-2026")
    page.get_by_role("link", name="去登录").click()
    page.fill("#username", "forgetful_one")
    page.fill("#password", "Fresh-pass-2026")
    page.get_by_role("button", name="登 录").click()
    page.wait_for_url("**/index.html")


def test_unknown_account_is_reported_on_the_first_step(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/find_password.html")

    page.fill("#account", "nobody_by_that_name")
    page.fill("#image_code", read_captcha(page))
    page.get_by_role("button", name="下一步").click()

    expect(page.locator(".form-error")).to_have_text("用户名或手机号不存在")


def test_the_find_password_steps_are_numbered_once(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/find_password.html")

    steps = page.locator(".steps li")
    expect(steps).to_have_text(["填写账号", "身份验证", "设置新密码", "完成"])
    # the circles say the numbers; the list's own markers ("1.") are not drawn beside them
    assert steps.first.evaluate("li => getComputedStyle(li).listStyleType") == "none"


def test_the_user_agreement_is_a_page_to_read(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/register.html")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="《美多商城用户协议》").click()
    agreement = opened.value
    expect(agreement).to_have_url(f"{storefront_url}/agreement.html")
    expect(agreement.get_by_role("heading", name="美多商城用户协议")).to_be_visible()
    expect(agreement.locator(".agreement h3")).to_have_count(8)
    assert not page.locator("#allow").is_checked()  # following the link ticks nothing


def test_shopper_changes_the_password_and_must_log_in_again(page: Page, storefront_url: str):
    user = UserFactory()
    log_in_as(page, storefront_url, user)
    page.goto(f"{storefront_url}/user_center_pass.html")

    page.fill("#old_password", "not-my-password")
    page.fill("#password", "Changed-pass-2026")
    page.fill("#password2", "Changed-pass-2026")
    page.get_by_role("button", name="确认修改").click()
    expect(page.locator(".form-error")).to_have_text("原密码错误")

    page.fill("#old_password", PASSWORD)
    page.get_by_role("button", name="确认修改").click()

    expect(page.locator(".result")).to_contain_text("密码已修改")
    user.refresh_from_db()
    assert user.check_password("Changed-pass-2026")
    assert page.evaluate("localStorage.getItem('token')") is None


def test_shopper_sets_an_email_and_verifies_it_from_the_link(page: Page, storefront_url: str):
    user = UserFactory(email="")
    log_in_as(page, storefront_url, user)
    page.goto(f"{storefront_url}/user_center_info.html")
    expect(page.locator(".info-table .mobile")).to_have_text(user.mobile)

    page.fill("#email", "verify.me@example.com")
    page.get_by_role("button", name="保存").click()

    expect(page.locator(".info-table .email")).to_contain_text("verify.me@example.com")
    expect(page.locator(".info-table .email .badge")).to_have_text("未验证")
    expect(page.locator(".field-ok")).to_contain_text("验证邮件已发送")

    # the link from the mail
    user.refresh_from_db()
    page.goto(email_verify_url(user=user))
    expect(page.locator(".result h2")).to_have_text("邮箱验证成功")
    page.get_by_role("link", name="返回用户中心").click()
    expect(page.locator(".info-table .email .badge")).to_have_text("已验证")


def test_a_broken_verification_link_says_what_to_do(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/success_verify_email.html?token=broken")

    expect(page.locator(".result.failed h2")).to_have_text("邮箱验证失败")
    expect(page.locator(".result.failed")).to_contain_text("重新发送验证邮件")


def test_a_shopper_whose_password_changed_elsewhere_is_logged_out_cleanly(page: Page, storefront_url: str):
    # given a shopper logged in here
    shopper = UserFactory(username="changed_elsewhere")
    log_in_as(page, storefront_url, shopper)
    page.goto(f"{storefront_url}/user_center_info.html")
    expect(page.locator(".info-table .username")).to_have_text("changed_elsewhere")

    # when the password is changed from another browser (or reset by SMS)
    shopper.set_password("Changed-elsewhere-8")
    shopper.save()

    # then the next page that needs the account sends them to log in, their token forgotten
    # (so fast that the redirect may cut the page's own load short: wait only for its start)
    page.goto(f"{storefront_url}/user_center_info.html", wait_until="commit")
    page.wait_for_url("**/login.html?next=*")
    assert page.evaluate("localStorage.getItem('token') || sessionStorage.getItem('token')") is None
