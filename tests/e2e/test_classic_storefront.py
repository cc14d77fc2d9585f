"""A classic Meiduo storefront, deployed unchanged over our classic page set: its own
js/detail.js (Vue 2.5 from npm, [[ ]] delimiters, axios) runs on a generated classic
detail page, reads `price` and `cat` from it, shows the hot SKUs and the comments, and adds
the SKU to the cart."""

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from apps.goods import pages
from apps.orders import services
from scripts.serve_storefront import serve_in_thread
from tests.factories import SKUFactory, UserFactory
from tests.helpers.orders import received

ROOT = Path(__file__).resolve().parents[2]
CLASSIC_STANDIN = ROOT / "tests" / "standins" / "classic_storefront"
NODE_MODULES = ROOT / "front_end_pc" / "node_modules"
HOST = "127.0.0.2"


@pytest.fixture
def classic_storefront(tmp_path: Path, settings, live_server, free_port: int) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A classic storefront's folder (css/, js/ with Vue 2.5, axios, host.js and its own
    detail.js), served with the classic pages the backend generates over it."""
    root, generated = tmp_path / "storefront", tmp_path / "generated"
    shutil.copytree(CLASSIC_STANDIN, root)
    shutil.copy(NODE_MODULES / "vue2" / "dist" / "vue.min.js", root / "js" / "vue-2.5.16.js")
    shutil.copy(NODE_MODULES / "axios" / "dist" / "axios.min.js", root / "js" / "axios-0.18.0.min.js")
    (root / "js" / "host.js").write_text(f"var host = '{live_server.url}';\n")  # this one has no hosts.js
    port = free_port
    settings.GENERATED_PAGES_ROOT = generated
    settings.GENERATED_PAGES_STYLE = "classic"
    settings.CORS_ALLOWED_ORIGINS = [*settings.CORS_ALLOWED_ORIGINS, f"http://{HOST}:{port}"]
    server = serve_in_thread(HOST, port, root=root, generated=generated)
    yield f"http://{HOST}:{port}"
    server.shutdown()
    server.server_close()


def test_a_classic_detail_script_shows_the_page_and_adds_to_the_cart(page: Page, classic_storefront: str, areas):
    mouse = SKUFactory(name="罗技无线鼠标 M330", price=Decimal("59.00"), stock=50, sales=100)
    SKUFactory(name="罗技无线键盘 K380", price=Decimal("199.00"), stock=50, sales=50, spu=mouse.spu)
    buyer = UserFactory(username="classic_buyer")
    order = received(buyer, {mouse: 1})
    services.order_comment_create(
        user=buyer, order_id=order.order_id, sku_id=mouse.id, comment="手感很好，电池耐用", score=5, is_anonymous=False
    )
    pages.generate_detail_pages(sku_ids=[mouse.id])
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))

    page.goto(f"{classic_storefront}/goods/{mouse.id}.html")

    # Vue 2 mounted #app: the page's price drives the total, the category's best sellers show
    expect(page.locator(".total em")).to_have_text("59.00元")
    expect(page.locator(".new_goods li h4")).to_have_text(["罗技无线鼠标 M330", "罗技无线键盘 K380"])
    page.locator(".num_add .add").click()
    expect(page.locator(".total em")).to_have_text("118.00元")

    # the comments as G5 answers them
    page.locator(".detail_tab li", has_text="商品评价").click()
    expect(page.locator(".judge_list .judge_detail")).to_have_text(["手感很好，电池耐用"])
    expect(page.locator(".judge_list .user_info b")).to_have_text(["classic_buyer"])
    expect(page.locator(".judge_list .judge_info > div").first).to_have_class("stars_five")

    # and the cart takes the two, in the guest's cookie on the API host
    page.locator("#add_cart").click()
    expect(page.locator("#show_count")).to_have_text("2")
    assert dialogs == ["添加购物车成功"]
    cart = page.evaluate(
        "async (api) => (await fetch(api + '/cart/', {credentials: 'include'})).json()", page.evaluate("host")
    )
    assert [(line["id"], line["count"]) for line in cart] == [(mouse.id, 2)]
