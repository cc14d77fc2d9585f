"""The cart in the browser: a guest fills it from detail pages, logs in and finds it merged
with the account's; a shopper picks what to buy and the totals follow."""

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from apps.carts.stores import Line, RedisCart
from apps.goods import pages
from apps.goods.models import SKU
from tests.e2e.conftest import log_in_as
from tests.factories import PASSWORD, SKUFactory, UserFactory


@pytest.fixture
def skus(published_pages: None) -> list[SKU]:
    """Three SKUs on sale with their detail pages: ¥1999, ¥299.50 and ¥59."""
    skus = [
        SKUFactory(name="华为手机 Mate 60 雅丹黑", price=Decimal("1999.00"), stock=20),
        SKUFactory(name="小米手环 9 NFC 版", price=Decimal("299.50"), stock=5),
        SKUFactory(name="罗技无线鼠标 M330", price=Decimal("59.00"), stock=50),
    ]
    pages.generate_detail_pages(sku_ids=[sku.id for sku in skus])
    return skus


def line(page: Page, sku: SKU):  # type: ignore[no-untyped-def]
    return page.locator(f".cart-line[data-sku-id='{sku.id}']")


def test_guest_fills_a_cart_logs_in_and_sees_it_merged(page: Page, storefront_url: str, skus):
    phone, band, mouse = skus
    user = UserFactory(username="cart_shopper")
    RedisCart(user.id).put(mouse.id, Line(1, True))  # left in the account's cart last week

    # a guest adds two of the phone from its page
    page.goto(f"{storefront_url}/goods/{phone.id}.html")
    expect(page.locator(".mini-cart .cart-count")).to_have_text("0")
    page.locator(".quantity .plus").click()
    page.get_by_role("button", name="加入购物车").click()
    expect(page.locator(".buy-note.added")).to_contain_text("已加入购物车")
    expect(page.locator(".mini-cart .cart-count")).to_have_text("2")

    # and one band
    page.goto(f"{storefront_url}/goods/{band.id}.html")
    expect(page.locator(".mini-cart .cart-count")).to_have_text("2")
    page.get_by_role("button", name="加入购物车").click()
    expect(page.locator(".mini-cart .cart-count")).to_have_text("3")

    # in the cart, one more band with +, then three phones typed in
    page.locator(".mini-cart").click()
    page.wait_for_url("**/cart.html")
    expect(page.locator(".cart-line")).to_have_count(2)
    line(page, band).locator(".plus").click()
    expect(line(page, band).locator(".subtotal")).to_have_text("¥599.00")
    line(page, phone).locator("input.count").fill("3")
    line(page, phone).locator("input.count").press("Enter")
    expect(line(page, phone).locator(".subtotal")).to_have_text("¥5997.00")
    expect(page.locator(".selected-amount")).to_have_text("¥6596.00")
    expect(page.locator(".mini-cart .cart-count")).to_have_text("5")

    # checking out needs an account: log in, and go on to checkout with the merged cart
    page.get_by_role("button", name="去结算").click()
    page.wait_for_url("**/login.html?next=%2Fplace_order.html")
    page.fill("#username", "cart_shopper")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登 录").click()
    page.wait_for_url("**/place_order.html")
    expect(page.locator(".order-line")).to_have_count(3)
    page.goto(f"{storefront_url}/cart.html")
    expect(page.locator(".cart-line")).to_have_count(3)
    expect(line(page, phone).locator("input.count")).to_have_value("3")
    expect(line(page, band).locator("input.count")).to_have_value("2")
    expect(line(page, mouse).locator("input.count")).to_have_value("1")
    expect(page.locator(".selected-amount")).to_have_text("¥6655.00")
    expect(page.locator(".mini-cart .cart-count")).to_have_text("6")
    assert RedisCart(user.id).lines() == {phone.id: Line(3, True), band.id: Line(2, True), mouse.id: Line(1, True)}
    assert page.context.cookies(f"{storefront_url.replace(':8080', ':8000')}/cart/") == []


def test_shopper_deselects_a_line_and_the_total_follows(page: Page, storefront_url: str, skus):
    phone, band, mouse = skus
    user = UserFactory()
    cart = RedisCart(user.id)
    cart.put(phone.id, Line(1, True))
    cart.put(band.id, Line(2, True))
    cart.put(mouse.id, Line(1, True))
    log_in_as(page, storefront_url, user)

    page.goto(f"{storefront_url}/cart.html")
    expect(page.locator(".selected-amount")).to_have_text("¥2657.00")
    expect(page.locator(".selected-count")).to_have_text("4")

    # untick the phone
    line(page, phone).locator(".select-line").uncheck()
    expect(page.locator(".selected-amount")).to_have_text("¥658.00")
    expect(page.locator(".selected-count")).to_have_text("3")
    expect(page.locator(".select-all")).not_to_be_checked()
    assert RedisCart(user.id).line(phone.id) == Line(1, False)

    # select all again, then none
    page.locator(".select-all").check()
    expect(page.locator(".selected-amount")).to_have_text("¥2657.00")
    page.locator(".select-all").uncheck()
    expect(page.locator(".selected-amount")).to_have_text("¥0.00")
    expect(page.get_by_role("button", name="去结算")).to_be_disabled()
    assert not any(line.selected for line in RedisCart(user.id).lines().values())

    # the choice survives a reload
    page.reload()
    expect(page.locator(".select-line:checked")).to_have_count(0)


def test_more_than_the_stock_is_refused_with_a_message(page: Page, storefront_url: str, skus):
    band = skus[1]  # 5 in stock
    log_in_as(page, storefront_url, user := UserFactory())
    RedisCart(user.id).put(band.id, Line(2, True))

    page.goto(f"{storefront_url}/cart.html")
    line(page, band).locator("input.count").fill("9")
    line(page, band).locator("input.count").press("Enter")

    expect(page.locator(".cart-error")).to_have_text("库存不足，该商品最多可购买 5 件")
    expect(line(page, band).locator("input.count")).to_have_value("2")
    assert RedisCart(user.id).line(band.id) == Line(2, True)


def test_a_line_is_deleted_and_an_empty_cart_says_so(page: Page, storefront_url: str, skus):
    phone = skus[0]
    page.goto(f"{storefront_url}/goods/{phone.id}.html")
    page.get_by_role("button", name="加入购物车").click()
    expect(page.locator(".mini-cart .cart-count")).to_have_text("1")

    page.goto(f"{storefront_url}/cart.html")
    line(page, phone).get_by_role("link", name="删除").click()

    expect(page.locator(".cart-empty")).to_contain_text("购物车空空的")
    expect(page.locator(".mini-cart .cart-count")).to_have_text("0")


def test_an_outage_is_announced_on_the_page_not_silent(browser: Browser, storefront_url: str, own_redis, live_server):
    """Redis down: the cart answers 503, and the page says so (in a tab of its own, which
    expects the 503s that the shared `page` fixture would count as faults)."""
    shopper = UserFactory(username="outage_shopper")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in_as(page, storefront_url, shopper)
    own_redis.stop()

    page.goto(f"{storefront_url}/cart.html")

    expect(page.locator(".service-busy")).to_contain_text("服务繁忙，请稍后再试")
    expect(page.locator(".mini-cart .cart-count")).to_have_text("0")
    context.close()


def test_hovering_the_mini_cart_shows_its_lines(page: Page, storefront_url: str, skus):
    phone, band, _ = skus
    shopper = UserFactory(username="peeking_shopper")
    RedisCart(shopper.id).put(phone.id, Line(2, True))
    RedisCart(shopper.id).put(band.id, Line(1, False))
    log_in_as(page, storefront_url, shopper)
    page.goto(f"{storefront_url}/index.html")

    page.locator(".mini-cart").hover()

    panel = page.locator(".mini-cart-panel")
    expect(panel.locator(".peek-line")).to_have_count(2)
    expect(panel.locator(".peek-line", has_text=phone.name).locator(".peek-price")).to_have_text(f"¥{phone.price} × 2")
    expect(panel.locator(".peek-total")).to_have_text(f"¥{phone.price * 2 + band.price:.2f}")
    panel.get_by_role("link", name="去购物车").click()
    page.wait_for_url("**/cart.html")


def test_an_empty_mini_cart_says_so_on_hover(page: Page, storefront_url: str, skus):
    page.goto(f"{storefront_url}/index.html")

    page.locator(".mini-cart").hover()

    expect(page.locator(".mini-cart-panel")).to_have_text("购物车中还没有商品，赶紧选购吧！")
