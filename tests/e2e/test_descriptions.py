"""A product description holding script, event handlers or javascript: links: nothing of it
runs in the shopper's browser (apps/goods/descriptions.py)."""

from playwright.sync_api import Page

from apps.goods import pages
from tests.factories import SKUFactory, SPUFactory
from tests.helpers.catalog import PAYLOADS


def test_no_payload_runs_on_the_detail_page(page: Page, storefront_url: str, published_pages) -> None:
    sku = SKUFactory(spu=SPUFactory(desc_detail="".join(PAYLOADS)))
    pages.generate_detail_pages(sku_ids=[sku.pk])

    page.goto(f"{storefront_url}/goods/{sku.pk}.html")
    page.get_by_role("button", name="商品详情").click()
    for link in page.locator(".rich-text a").all():
        link.click(no_wait_after=True)

    assert page.evaluate("window.pwned") is None
