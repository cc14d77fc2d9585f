"""The storefront applies the limits the backend serves (GET /limits/), not numbers of its own:
an operator's setting changes what the pages do."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from apps.carts.stores import Line, RedisCart
from apps.goods import pages
from apps.orders.models import OrderInfo
from tests.e2e.conftest import log_in_as, read_captcha
from tests.factories import SKUFactory, UserFactory
from tests.helpers.orders import placed


@pytest.fixture
def sku(published_pages: None):  # type: ignore[no-untyped-def]
    sku = SKUFactory(name="罗技无线鼠标 M330", price=Decimal("59.00"), stock=50)
    pages.generate_detail_pages(sku_ids=[sku.id])
    return sku


def test_a_cart_line_stops_at_the_backends_limit(page: Page, storefront_url: str, sku, settings):
    settings.CART_MAX_LINE_COUNT = 3
    user = UserFactory()
    RedisCart(user.id).put(sku.id, Line(2, True))
    log_in_as(page, storefront_url, user)

    page.goto(f"{storefront_url}/cart.html")
    plus = page.locator(f".cart-line[data-sku-id='{sku.id}'] .plus")
    expect(plus).to_be_enabled()
    plus.click()
    expect(page.locator(f".cart-line[data-sku-id='{sku.id}'] input.count")).to_have_value("3")
    expect(plus).to_be_disabled()

    page.goto(f"{storefront_url}/goods/{sku.id}.html")
    page.locator(".quantity input").fill("50")
    page.locator(".quantity input").press("Tab")
    expect(page.locator(".quantity input")).to_have_value("3")
    expect(page.locator(".quantity .plus")).to_be_disabled()


def test_the_sms_button_waits_as_long_as_the_backend_refuses(page: Page, storefront_url: str, settings):
    settings.SMS_RESEND_SECONDS = 7
    settings.SMS_CODE_SECONDS = 180
    page.goto(f"{storefront_url}/register.html")

    page.fill("#mobile", "13811113333")
    page.fill("#image_code", read_captcha(page))
    page.get_by_role("button", name="获取短信验证码").click()

    expect(page.locator(".btn-sms")).to_have_text("7 秒后重新获取")
    expect(page.locator(".field-hint", has_text="短信验证码已发送至")).to_contain_text("3 分钟内有效")
    expect(page.locator(".btn-sms")).to_have_text("获取短信验证码", timeout=12_000)


def test_my_orders_name_the_statuses_as_the_backend_does(page: Page, storefront_url: str, sku, areas):
    user = UserFactory()
    order = placed(user, {sku: 1}, pay_method=OrderInfo.PayMethod.CASH)
    assert order.status == OrderInfo.Status.UNSEND
    log_in_as(page, storefront_url, user)

    page.goto(f"{storefront_url}/user_center_order.html")

    expect(page.locator(f".order-card[data-order-id='{order.order_id}'] header .status")).to_have_text("待发货")
