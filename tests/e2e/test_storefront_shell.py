"""The storefront shell: shared layout, the API module, and the delivery-areas page."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.usefixtures("areas")


def test_shopper_browses_provinces_cities_and_districts(page: Page, storefront_url: str):
    # when
    page.goto(f"{storefront_url}/areas.html")

    # then: real province names come from the API, across origins (CORS)
    provinces = page.locator("[data-level=province] li")
    expect(provinces).to_have_count(31)
    expect(provinces.first).to_have_text("北京市")

    page.locator("[data-level=province] li", has_text="广东省").click()
    page.locator("[data-level=city] li", has_text="深圳市").click()
    page.locator("[data-level=district] li", has_text="南山区").click()

    expect(page.locator(".area-summary")).to_contain_text("广东省 深圳市 南山区")
    expect(page.locator("[data-level=city] li.active")).to_have_text("深圳市")


def test_every_page_has_the_shared_header_and_footer(page: Page, storefront_url: str):
    for path in ("/index.html", "/areas.html"):
        page.goto(f"{storefront_url}{path}")

        expect(page.locator(".site-header .logo img")).to_have_attribute("alt", "美多商城")
        expect(page.locator(".site-footer")).to_contain_text("美多商城")
        expect(page.locator(".site-topbar")).to_contain_text("欢迎来到美多商城")


def test_header_greets_a_logged_in_shopper_and_logs_out(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/index.html")
    page.evaluate("localStorage.setItem('token', 't'); localStorage.setItem('username', 'shopper01')")
    page.reload()

    expect(page.locator(".site-topbar .user")).to_have_text("您好，shopper01")
    page.get_by_role("link", name="退出").click()

    expect(page.locator(".site-topbar .user")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('token')") is None


def test_api_host_follows_the_page_host(page: Page, storefront_url: str):
    page.goto(f"{storefront_url}/index.html")

    origins = page.evaluate(
        """async () => {
            const { apiOrigin } = await import("/mall/api/client.js");
            return [
                apiOrigin(window.location),
                apiOrigin({ protocol: "http:", hostname: "www.meiduo.site", port: "8080" }),
                apiOrigin({ protocol: "http:", hostname: "127.0.0.1", port: "8080" }),
                apiOrigin({ protocol: "https:", hostname: "www.meiduo.site", port: "" }),
            ];
        }"""
    )

    assert origins == [
        "http://127.0.0.2:8000",
        "http://api.meiduo.site:8000",
        "http://127.0.0.1:8000",
        "https://api.meiduo.site",
    ]


def test_unreachable_api_shows_a_message_and_retry_recovers(page: Page, storefront_url: str):
    # given: the API cannot be reached
    page.route("**/areas/", lambda route: route.abort())
    page.goto(f"{storefront_url}/areas.html")
    expect(page.locator(".notice.error")).to_contain_text("无法连接服务器")

    # when: it is back and the shopper retries
    page.unroute("**/areas/")
    page.get_by_role("button", name="重试").click()

    # then
    expect(page.locator("[data-level=province] li")).to_have_count(31)


def test_a_page_that_does_not_exist_is_the_storefronts_own_404(page: Page, storefront_url: str):
    response = page.goto(f"{storefront_url}/goods/99999.html")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="抱歉，您访问的页面不存在")).to_be_visible()
    expect(page.locator(".site-header .logo img")).to_have_attribute("alt", "美多商城")
    expect(page.locator("body")).not_to_contain_text("Error response")
    page.get_by_role("link", name="返回首页").click()
    expect(page).to_have_url(f"{storefront_url}/index.html")


def test_the_storefront_has_a_favicon_ico(page: Page, storefront_url: str):
    response = page.request.get(f"{storefront_url}/favicon.ico")

    assert response.status == 200
    assert response.headers["content-type"].startswith("image/")
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
