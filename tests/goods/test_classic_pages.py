"""The classic page set (GENERATED_PAGES_STYLE=classic): goods/<sku_id>.html and index.html as
a classic Meiduo storefront's js/detail.js and js/index.js expect them, checked by parsing the
generated HTML."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from apps.goods import pages
from apps.goods.models import Content, ContentCategory
from tests.helpers.catalog import phone_spu

pytestmark = pytest.mark.django_db

# What a classic storefront ships, and so all a classic page may load.
CLASSIC_FOLDERS = ("/css/", "/images/", "/js/")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Page(HTMLParser):
    """Every element in document order, each with the text directly inside it (stripped)."""

    elements: list[Element] = field(default_factory=list)
    open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].text = (self.open[-1].text + data).strip()

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]


@pytest.fixture
def classic(tmp_path: Path, settings) -> Path:
    settings.GENERATED_PAGES_ROOT = tmp_path
    settings.GENERATED_PAGES_STYLE = "classic"
    return tmp_path


@pytest.fixture
def phones() -> dict:
    _, skus = phone_spu(missing=(("白色", "256GB"),))
    return skus


def parsed(root: Path, sku_id: int) -> tuple[Page, str]:
    html = (root / "goods" / f"{sku_id}.html").read_text()
    page = Page()
    page.feed(html)
    return page, html


def test_the_scripts_come_in_the_classic_order_with_price_and_cat_before_detail_js(classic, phones):
    sku = phones[("黑色", "128GB")]
    pages.generate_detail_pages(sku_ids=[sku.id])
    page, _ = parsed(classic, sku.id)

    scripts = page.all("script")
    sources = [s.attrs.get("src", "inline") for s in scripts]
    assert sources == [
        "/js/vue-2.5.16.js",
        "/js/axios-0.18.0.min.js",
        "/js/host.js",
        "/js/hosts.js",
        "inline",
        "/js/detail.js",
    ]
    # a storefront has one of the two host files: the other is dropped, not an error
    assert all("this.remove()" in s.attrs.get("onerror", "") for s in scripts[2:4])
    inline = scripts[4].text
    assert re.search(r"\bvar price = ([\d.]+);", inline).group(1) == str(sku.price)  # type: ignore[union-attr]
    assert int(re.search(r"\bvar cat = (\d+);", inline).group(1)) == sku.category_id  # type: ignore[union-attr]


def test_the_page_is_one_app_with_the_add_to_cart_control_and_the_bound_names(classic, phones):
    sku = phones[("黑色", "128GB")]
    pages.generate_detail_pages(sku_ids=[sku.id])
    page, html = parsed(classic, sku.id)

    assert len(page.all("div", id="app")) == 1
    add = page.all("a", id="add_cart")
    assert len(add) == 1
    assert add[0].attrs["@click"] == "add_cart"
    assert add[0].text == "加入购物车"
    assert page.all("input", **{"v-model": "sku_count"})
    for binding in ("on_minus", "on_addition", "[[ sku_amount ]]", "sku in hots", "[[ cart_total_count ]]",
                    "sku in cart", "[[ username ]]", '@click="logout"'):  # fmt: skip
        assert binding in html, binding
    for name in ("detail", "pack", "service", "comment"):
        assert f"on_tab_content('{name}')" in html
        assert f"tab_content.{name}" in html


def test_the_comments_are_bound_as_the_api_answers_them(classic, phones):
    sku = phones[("黑色", "128GB")]
    pages.generate_detail_pages(sku_ids=[sku.id])
    page, html = parsed(classic, sku.id)

    assert page.all("li", **{"v-for": "comment in comments"})
    assert page.all("div", **{":class": "score_classes[comment.score]"})
    assert "[[ comment.username ]]" in html
    assert "[[ comment.comment ]]" in html


def test_the_specifications_switch_by_static_links_between_sku_pages(classic, phones):
    sku = phones[("黑色", "128GB")]
    pages.generate_detail_pages(sku_ids=[sku.id])
    page, _ = parsed(classic, sku.id)

    links = {a.text: a for a in page.all("a") if a.attrs.get("href", "").startswith("/goods/")}
    assert links["黑色"].attrs == {"href": f"/goods/{sku.id}.html", "class": "select"}
    assert links["白色"].attrs == {"href": f"/goods/{phones[('白色', '128GB')].id}.html"}
    assert links["256GB"].attrs == {"href": f"/goods/{phones[('黑色', '256GB')].id}.html"}

    white = phones[("白色", "128GB")]
    white_page, _ = parsed(classic, white.id)
    missing = [a for a in white_page.all("a") if a.text == "256GB"]  # 白色 256GB does not exist
    assert missing[0].attrs.get("href") == "javascript:;"
    assert "disabled" in missing[0].attrs["class"]


def test_the_breadcrumb_leads_to_the_category_lists(classic, phones):
    sku = phones[("黑色", "128GB")]
    pages.generate_detail_pages(sku_ids=[sku.id])
    _, html = parsed(classic, sku.id)

    crumbs = html.split('<div class="breadcrumb">', 1)[1].split("</div>", 1)[0]
    cat3 = sku.category
    assert f'<a href="/list.html?cat={cat3.id}">{cat3.name}</a>' in crumbs
    assert cat3.parent.parent.name in crumbs


def test_a_classic_page_loads_nothing_but_what_a_classic_storefront_ships(classic, phones):
    pages.generate_detail_pages(sku_ids=[sku.id for sku in phones.values()])

    for sku in phones.values():
        page, html = parsed(classic, sku.id)
        assert "/mall/" not in html
        files = [e.attrs["src"] for e in page.all("script") if "src" in e.attrs]
        files += [e.attrs["href"] for e in page.all("link")]
        files += [e.attrs["src"] for e in page.all("img") if e.attrs.get("src", "").startswith("/images/")]
        assert files
        assert all(path.startswith(CLASSIC_FOLDERS) for path in files), files


def test_our_page_set_stays_the_default(tmp_path, settings, phones):
    settings.GENERATED_PAGES_ROOT = tmp_path
    sku = phones[("黑色", "128GB")]

    pages.generate_detail_pages(sku_ids=[sku.id])

    html = (tmp_path / "goods" / f"{sku.id}.html").read_text()
    assert '<script type="module" src="/mall/pages/detail.js"></script>' in html
    assert 'id="add_cart"' not in html


@pytest.fixture
def index_contents(phones) -> None:
    for key, title in (("index_lbt", "双十一大促"), ("index_lbt", "新品首发"), ("index_1f_logo", "手机通讯"),
                       ("index_1f_pd", "华为专区"), ("index_1f_goods", "华为 Mate")):  # fmt: skip
        category, _ = ContentCategory.objects.get_or_create(key=key, defaults={"name": key})
        Content.objects.create(category=category, title=title, url="/goods/1.html", image="contents/a.jpg")


def test_the_classic_index_is_one_app_loading_index_js_with_the_header_bindings(classic, index_contents):
    html = pages.generate_index_page().read_text()
    page = Page()
    page.feed(html)

    assert [s.attrs["src"] for s in page.all("script")] == [
        "/js/vue-2.5.16.js", "/js/axios-0.18.0.min.js", "/js/host.js", "/js/hosts.js", "/js/index.js",
    ]  # fmt: skip
    assert len(page.all("div", id="app")) == 1
    for binding in ("[[ username ]]", '@click="logout"', "[[ cart_total_count ]]", "sku in cart"):
        assert binding in html, binding
    assert "/mall/" not in html
    files = [e.attrs["src"] for e in page.all("script")] + [e.attrs["href"] for e in page.all("link")]
    assert all(path.startswith(CLASSIC_FOLDERS) for path in files), files


def test_the_classic_index_renders_the_menu_carousel_and_floors_statically(classic, index_contents, phones):
    html = pages.generate_index_page().read_text()
    page = Page()
    page.feed(html)

    slides = [li for li in page.elements if li.tag == "img" and li.attrs.get("alt") in ("双十一大促", "新品首发")]
    assert [img.attrs["alt"] for img in slides] == ["双十一大促", "新品首发"]
    assert all(img.attrs["src"].endswith("contents/a.jpg") for img in slides)
    assert [h.text for h in page.all("h3", id="model01")] == ["1F 手机通讯"]
    assert any(a.text == "华为专区" for a in page.all("a"))
    assert any(a.text == "华为 Mate" for a in page.all("a"))
    cat1 = next(iter(phones.values())).category.parent.parent
    assert any(a.text == cat1.name and a.attrs["href"] == f"/list.html?cat={cat1.id}" for a in page.all("a"))


def test_a_classic_storefronts_own_list_and_search_pages_are_not_hidden(classic, phones):
    pages.generate_all_pages()

    assert (classic / "index.html").is_file()
    assert not (classic / "list.html").exists()
    assert not (classic / "search.html").exists()
    assert len(list((classic / "goods").glob("*.html"))) == len(phones)
