"""Checkout in the browser: an Alipay order paid on the local gateway, and a cash order
shipped by an operator, received, commented on, and the comment shown on the goods page."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from apps.goods import pages
from apps.goods.models import SKU
from apps.orders.models import OrderInfo, Payment
from apps.users.models import User
from tests.e2e.conftest import log_in_as
from tests.factories import AddressFactory, SKUFactory, UserFactory

pytestmark = pytest.mark.usefixtures("areas")

API = "http://127.0.0.2:8000"


@pytest.fixture
def skus(published_pages: None) -> list[SKU]:
    skus = [
        SKUFactory(name="华为手机 Mate 60 雅丹黑", price=Decimal("5999.00"), stock=10),
        SKUFactory(name="罗技无线鼠标 M330", price=Decimal("59.00"), stock=10),
    ]
    pages.generate_detail_pages(sku_ids=[sku.id for sku in skus])
    return skus


@pytest.fixture
def shopper(db: None) -> User:
    user = UserFactory(username="order_shopper")
    AddressFactory(user=user, receiver="王五", place="科技园南区 8 号")
    return user


def checkout(page: Page, storefront_url: str, sku: SKU, pay_method: str) -> str:
    """Add the SKU to the cart from its page and place the order; returns the order id."""
    placed_before = OrderInfo.objects.filter(user__username="order_shopper").count()
    page.goto(f"{storefront_url}/goods/{sku.id}.html")
    page.get_by_role("button", name="加入购物车").click()
    expect(page.locator(".buy-note.added")).to_be_visible()
    page.goto(f"{storefront_url}/cart.html")
    page.get_by_role("button", name="去结算").click()
    page.wait_for_url("**/place_order.html")
    expect(page.locator(".address-choice.chosen")).to_contain_text("王五")  # the default address
    page.get_by_label(pay_method).check()
    expect(page.locator(".pay-amount")).to_have_text(f"¥{sku.price + Decimal('10.00')}")
    page.get_by_role("button", name="提交订单").dblclick()  # an impatient shopper
    page.wait_for_url("**/order_success.html?*")
    assert OrderInfo.objects.filter(user__username="order_shopper").count() == placed_before + 1
    return page.locator(".order-id").inner_text()


def test_alipay_order_paid_on_the_gateway_shows_as_paid(page: Page, storefront_url: str, skus, shopper):
    log_in_as(page, storefront_url, shopper)

    order_id = checkout(page, storefront_url, skus[0], "支付宝")
    expect(page.locator(".amount")).to_have_text("¥6009.00")

    # pay on the (local) Alipay gateway
    page.get_by_role("button", name="去支付宝付款").click()
    page.wait_for_url(f"{API}/standins/alipay/gateway/*")
    expect(page.locator(".out-trade-no")).to_have_text(order_id)
    expect(page.locator(".amount")).to_have_text("¥6009.00")
    page.get_by_role("button", name="确认付款").click()

    # back on the storefront, the return is verified
    page.wait_for_url(f"{storefront_url}/pay_success.html?*")
    expect(page.locator(".result-title")).to_have_text("支付成功，我们会尽快为您发货")
    trade_id = Payment.objects.get(order_id=order_id).trade_id
    expect(page.locator(".trade-id")).to_have_text(trade_id)

    page.get_by_role("link", name="查看我的订单").click()
    card = page.locator(f".order-card[data-order-id='{order_id}']")
    expect(card.locator(".status")).to_have_text("待发货")
    expect(card.get_by_role("button", name="去付款")).to_have_count(0)
    assert OrderInfo.objects.get(pk=order_id).status == OrderInfo.Status.UNSEND
    expect(page.locator(".mini-cart .cart-count")).to_have_text("0")


def test_cash_order_shipped_received_and_commented(page: Page, storefront_url: str, skus, shopper):
    mouse = skus[1]
    log_in_as(page, storefront_url, shopper)
    order_id = checkout(page, storefront_url, mouse, "货到付款")
    expect(page.get_by_role("button", name="去支付宝付款")).to_have_count(0)

    # an operator ships it from the admin
    UserFactory(username="operator", is_staff=True, is_superuser=True)
    operator = page.context.browser.new_page()
    operator.goto(f"{API}/admin/orders/orderinfo/")
    operator.fill("#id_username", "operator")
    operator.fill("#id_password", "Meiduo-pass-2026")
    operator.get_by_role("button", name="登录").click()
    operator.locator(f"input[name=_selected_action][value='{order_id}']").check()
    operator.select_option("select[name=action]", "mark_shipped")
    operator.get_by_role("button", name="执行").click()
    expect(operator.locator(".messagelist")).to_contain_text("1 个订单已标记为发货")
    operator.close()

    # the shopper confirms receipt
    page.goto(f"{storefront_url}/user_center_order.html")
    card = page.locator(f".order-card[data-order-id='{order_id}']")
    expect(card.locator(".status")).to_have_text("待收货")
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="确认收货").click()
    expect(card.locator(".status")).to_have_text("待评价")

    # and comments on it
    card.get_by_role("link", name="去评价").click()
    page.wait_for_url(f"**/goods_judge.html?order_id={order_id}")
    judge = page.locator(f".judge-card[data-sku-id='{mouse.id}']")
    judge.get_by_role("radio", name="4 分").click()
    judge.get_by_role("textbox").fill("手感很好，续航也长")
    judge.get_by_role("button", name="提交评价").click()
    expect(page.locator(".notice")).to_contain_text("都评价过了")
    assert OrderInfo.objects.get(pk=order_id).status == OrderInfo.Status.FINISHED

    # the comment is on the goods page, counted, though the page was generated before it
    page.goto(f"{storefront_url}/goods/{mouse.id}.html")
    expect(page.locator(".comments-count")).to_have_text("累计评价 1")
    expect(page.locator(".comments-tab")).to_have_text("商品评价(1)")
    page.get_by_role("button", name="商品评价").click()
    expect(page.locator(".comment-list")).to_contain_text("手感很好，续航也长")
    expect(page.locator(".comment-list")).to_contain_text("order_shopper")


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/order_success.html", "没有找到要显示的订单"),
        ("/pay_success.html", "没有支付结果可以确认"),
        ("/goods_judge.html", "没有指定要评价的订单"),
    ],
)
def test_result_pages_opened_without_their_order_say_so_and_lead_back(
    page: Page, storefront_url: str, shopper, path, says
):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    log_in_as(page, storefront_url, shopper)

    page.goto(f"{storefront_url}{path}")

    expect(page.locator("#app")).to_contain_text(says)
    expect(page.locator("#app")).not_to_contain_text("¥")
    assert not [url for url in asked if "/orders//" in url or "/payment/status/" in url]
    page.locator("#app").get_by_role("link", name="我的订单").first.click()
    page.wait_for_url("**/user_center_order.html")
