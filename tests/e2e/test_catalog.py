"""A shopper browsing the catalog: the menu on the index, a category's list sorted by price, a
detail page and its specification switcher, and search."""

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import Page, expect

from apps.goods import pages
from apps.goods.models import (
    SKU,
    Content,
    ContentCategory,
    GoodsCategory,
    SKUSpecification,
    SpecificationOption,
    SPUSpecification,
)
from tests.factories import CategoryFactory, ChannelFactory, ChannelGroupFactory, SKUFactory, SPUFactory


def phones(spu_name: str, cat3: GoodsCategory, prices: dict[tuple[str, str], str]) -> dict[tuple[str, str], SKU]:
    """An SPU with a SKU for each (colour, storage) priced as given."""
    spu = SPUFactory(name=spu_name, cat3=cat3)
    colour = SPUSpecification.objects.create(spu=spu, name="颜色", sequence=1)
    storage = SPUSpecification.objects.create(spu=spu, name="内存", sequence=2)
    options = {}
    skus = {}
    for (colour_value, storage_value), price in prices.items():
        for spec, value in ((colour, colour_value), (storage, storage_value)):
            options.setdefault(value, SpecificationOption.objects.get_or_create(spec=spec, value=value)[0])
        sku = SKUFactory(spu=spu, name=f"{spu_name} {colour_value} {storage_value}", price=Decimal(price))
        SKUSpecification.objects.create(sku=sku, spec=colour, option=options[colour_value])
        SKUSpecification.objects.create(sku=sku, spec=storage, option=options[storage_value])
        skus[(colour_value, storage_value)] = sku
    return skus


@pytest.fixture
def catalog(published_pages: None) -> dict[str, dict[tuple[str, str], SKU]]:
    """Phones and a laptop, published as an operator's save would: pages generated into the
    storefront and the search index rebuilt."""
    digital = CategoryFactory(name="手机数码")
    ChannelFactory(group=ChannelGroupFactory(name="手机"), category=digital, url=f"/list.html?cat={digital.pk}")
    phone = CategoryFactory(name="手机", parent=CategoryFactory(name="手机通讯", parent=digital))
    laptop = CategoryFactory(name="笔记本", parent=CategoryFactory(name="电脑整机", parent=digital))
    catalog = {
        "huawei": phones("华为手机 Mate 60", phone, {("雅丹黑", "256GB"): "5999.00", ("雅川青", "256GB"): "5999.00",
                                                     ("雅丹黑", "512GB"): "6999.00"}),
        "xiaomi": phones("小米手机 14", phone, {("白色", "256GB"): "3999.00"}),
        "laptop": phones("联想笔记本电脑 小新", laptop, {("银色", "16GB"): "4599.00"}),
    }  # fmt: skip
    pages.generate_all_pages()
    call_command("rebuild_index", interactive=False, verbosity=0)
    return catalog


def card_prices(page: Page) -> list[str]:
    return page.locator(".goods-grid .goods-card .price").all_inner_texts()


def test_shopper_browses_from_the_menu_to_a_sibling_sku_and_searches(page: Page, storefront_url: str, catalog):
    huawei = catalog["huawei"]

    # the index's menu opens a category's list
    page.goto(f"{storefront_url}/index.html")
    page.locator(".menu-group", has_text="手机").hover()
    page.locator(".group-panel").get_by_role("link", name="手机", exact=True).click()
    page.wait_for_url("**/list.html?cat=*")
    expect(page.locator(".breadcrumb")).to_contain_text("手机数码")
    expect(page.locator(".goods-grid .goods-card")).to_have_count(4)
    expect(page.locator(".sort-bar .total")).to_have_text("共 4 件商品")

    # sorted by price, cheapest first, then dearest first
    page.get_by_role("button", name="价格 ↑").click()
    expect(page.locator(".goods-grid .goods-card").first).to_contain_text("小米手机 14 白色 256GB")
    assert card_prices(page) == ["¥3999.00", "¥5999.00", "¥5999.00", "¥6999.00"]
    page.get_by_role("button", name="价格 ↓").click()
    expect(page.locator(".goods-grid .goods-card").first).to_contain_text("华为手机 Mate 60 雅丹黑 512GB")
    assert card_prices(page) == ["¥6999.00", "¥5999.00", "¥5999.00", "¥3999.00"]
    assert "ordering=-price" in page.url

    # the detail page of the dearest, then its 256GB sibling
    page.locator(".goods-grid .goods-card").first.click()
    page.wait_for_url(f"**/goods/{huawei[('雅丹黑', '512GB')].pk}.html")
    expect(page.locator(".sku-name")).to_have_text("华为手机 Mate 60 雅丹黑 512GB")
    expect(page.locator(".spec .option.active")).to_have_text(["雅丹黑", "512GB"])
    page.locator(".spec .option", has_text="256GB").click()
    page.wait_for_url(f"**/goods/{huawei[('雅丹黑', '256GB')].pk}.html")
    expect(page.locator(".sku-name")).to_have_text("华为手机 Mate 60 雅丹黑 256GB")
    expect(page.locator(".price-box .price")).to_have_text("¥5999.00")
    expect(page.locator(".spec .option.active")).to_have_text(["雅丹黑", "256GB"])

    # search from the header: both makes of phone, not the laptop
    page.get_by_role("searchbox", name="搜索商品").fill("手机")
    page.get_by_role("searchbox", name="搜索商品").press("Enter")
    page.wait_for_url("**/search.html?q=*")
    expect(page.locator(".breadcrumb .total")).to_have_text("共 4 件商品")
    names = page.locator(".goods-grid .goods-card h4")
    expect(names).to_have_count(4)
    assert {name.split()[0] for name in names.all_inner_texts()} == {"华为手机", "小米手机"}


def test_an_option_with_no_sku_for_the_combination_is_not_a_link(page: Page, storefront_url: str, catalog):
    # 雅川青 comes only with 256GB: on the 512GB page it cannot be picked
    sku = catalog["huawei"][("雅丹黑", "512GB")]
    page.goto(f"{storefront_url}/goods/{sku.pk}.html")

    expect(page.locator(".spec .option.disabled")).to_have_text("雅川青")
    expect(page.get_by_role("link", name="雅川青", exact=True)).to_have_count(0)


def test_search_for_nothing_known_says_so(page: Page, storefront_url: str, catalog):
    page.goto(f"{storefront_url}/search.html?q=冰箱")

    expect(page.locator(".notice.empty")).to_contain_text("没有找到与“冰箱”相关的商品")


def test_the_side_advertisement_sits_whole_inside_its_panel(page: Page, storefront_url: str, published_pages):
    news = ContentCategory.objects.create(name="快讯", key="index_kx")
    for n in range(10):
        Content.objects.create(category=news, title=f"美多商城快讯第 {n} 条", url="/index.html", sequence=n)
    side = ContentCategory.objects.create(name="页头广告", key="index_ytgg")
    square = io.BytesIO()
    Image.new("RGB", (400, 400), (200, 80, 70)).save(square, "JPEG")
    Content.objects.create(
        category=side, title="新人专享", url="/register.html", image=ContentFile(square.getvalue(), name="side.jpg")
    )
    pages.generate_index_page()

    page.goto(f"{storefront_url}/index.html")

    panel, ad = page.locator(".news").bounding_box(), page.locator(".news .side-ad").bounding_box()
    assert panel is not None
    assert ad is not None
    assert ad["height"] >= 150  # the whole picture, text and all
    assert ad["y"] + ad["height"] <= panel["y"] + panel["height"] - 12 + 0.5  # within the panel's padding
    assert panel["height"] == page.locator(".carousel").bounding_box()["height"]  # type: ignore[index]
