"""Generated pages: the index, the menu pages and detail pages with their spec switcher."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.goods import pages, selectors
from apps.goods.models import (
    Content,
    ContentCategory,
    GoodsChannel,
    SKUSpecification,
    SpecificationOption,
)
from tests.factories import CategoryFactory, ChannelFactory, SKUFactory
from tests.helpers.catalog import phone_spu

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_root(tmp_path: Path, settings) -> Path:
    settings.GENERATED_PAGES_ROOT = tmp_path
    return tmp_path


def test_detail_page_links_each_option_to_the_sibling_sku(pages_root) -> None:
    _, skus = phone_spu()
    black_128 = skus[("黑色", "128GB")]

    pages.generate_detail_pages(sku_ids=[black_128.id])

    html = (pages_root / "goods" / f"{black_128.id}.html").read_text()
    assert f'<a class="option active" href="/goods/{black_128.id}.html">黑色</a>' in html
    assert f'<a class="option" href="/goods/{skus[("白色", "128GB")].id}.html">白色</a>' in html
    assert f'<a class="option" href="/goods/{skus[("黑色", "256GB")].id}.html">256GB</a>' in html
    cat1 = black_128.category.parent.parent
    assert f'<a href="/list.html?cat={cat1.pk}">手机数码</a>' in html  # breadcrumb, linked to the channel
    assert '"category_id": ' in html
    assert f'"price": "{black_128.price}"' in html


def test_a_new_sku_reaches_every_page_of_its_spu(pages_root) -> None:
    """The operator adds 白色 256GB: its siblings' switchers must link it, not say
    "该组合暂无商品" until the SPU is saved."""
    spu, skus = phone_spu(missing={("白色", "256GB")})
    black_256 = skus[("黑色", "256GB")]
    pages.generate_detail_pages(sku_ids=[sku.id for sku in skus.values()])
    white = SKUFactory(spu=spu, name="华为 Mate 白色 256GB")
    for spec_name, value in (("颜色", "白色"), ("内存", "256GB")):
        option = SpecificationOption.objects.get(spec__spu=spu, spec__name=spec_name, value=value)
        SKUSpecification.objects.create(sku=white, spec=option.spec, option=option)

    written = pages.generate_detail_pages(sku_ids=[white.id])  # what saving the new SKU asks for

    assert len(written) == 4
    html = (pages_root / "goods" / f"{black_256.id}.html").read_text()
    assert f'<a class="option" href="/goods/{white.id}.html">白色</a>' in html


def test_a_deleted_skus_page_goes_and_its_siblings_stop_offering_it(pages_root) -> None:
    _, skus = phone_spu()
    pages.generate_detail_pages(sku_ids=[sku.id for sku in skus.values()])
    white_256, black_256 = skus[("白色", "256GB")], skus[("黑色", "256GB")]
    siblings = [sku.id for sku in skus.values()]
    white_256.delete()

    pages.generate_detail_pages(sku_ids=siblings)  # what the admin's delete asks for

    assert not (pages_root / "goods" / f"{white_256.id}.html").exists()
    html = (pages_root / "goods" / f"{black_256.id}.html").read_text()
    assert '<span class="option disabled" title="该组合暂无商品">白色</span>' in html


def test_the_comment_count_is_asked_of_the_api_not_baked_in(pages_root) -> None:
    _, skus = phone_spu(colours=("黑色",), storages=("128GB",))
    (sku,) = skus.values()

    pages.generate_detail_pages(sku_ids=[sku.id])

    html = (pages_root / "goods" / f"{sku.id}.html").read_text()
    assert "累计评价 {{ commentCount }}" in html
    assert "商品评价({{ commentCount }})" in html


def test_an_option_without_a_sibling_is_shown_disabled(pages_root) -> None:
    _, skus = phone_spu(missing={("白色", "256GB")})
    black_256 = skus[("黑色", "256GB")]

    pages.generate_detail_pages(sku_ids=[black_256.id])

    html = (pages_root / "goods" / f"{black_256.id}.html").read_text()
    assert '<span class="option disabled" title="该组合暂无商品">白色</span>' in html


def test_a_detail_page_takes_a_constant_number_of_queries(django_assert_max_num_queries) -> None:
    _, small = phone_spu(colours=("黑色",), storages=("128GB",))
    with django_assert_max_num_queries(10) as small_run:  # the menu's 3 among them
        pages.generate_detail_pages(sku_ids=[sku.id for sku in small.values()])
    _, big = phone_spu(colours=("红", "橙", "黄", "绿"), storages=("64GB", "128GB", "256GB", "512GB"))

    with django_assert_max_num_queries(len(small_run.captured_queries)):
        pages.generate_detail_pages(sku_ids=[sku.id for sku in big.values()])


def test_generate_all_computes_the_menu_once(pages_root, django_assert_max_num_queries) -> None:
    phone_spu()
    stale = pages_root / "goods" / "999999.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")

    with django_assert_max_num_queries(12):  # menu 3, contents 1, SPU ids 1, one batch of 6
        written = pages.generate_all_pages()

    assert written == 4
    assert not stale.exists()
    for name in ("index.html", "list.html", "search.html"):
        assert "全部商品分类" in (pages_root / name).read_text()


def test_index_page_shows_carousel_and_floors(pages_root) -> None:
    phone_spu()
    for key, title in (("index_lbt", "双十一大促"), ("index_1f_logo", "手机通讯"), ("index_1f_goods", "华为 Mate")):
        category = ContentCategory.objects.create(name=key, key=key)
        Content.objects.create(category=category, title=title, url="/goods/1.html", image="contents/a.jpg")
    Content.objects.create(category=ContentCategory.objects.get(key="index_lbt"), title="隐藏的", url="/", status=False)

    html = pages.generate_index_page().read_text()

    assert 'alt="双十一大促"' in html
    assert "<b>1F</b> 手机通讯" in html
    assert "隐藏的" not in html
    assert "手机数码" in html  # the menu


def test_regenerate_pages_command(pages_root) -> None:
    phone_spu()
    out = io.StringIO()

    call_command("regenerate_pages", stdout=out)

    assert len(list((pages_root / "goods").glob("*.html"))) == 4
    assert "4 detail pages" in out.getvalue()


def test_the_menu_shows_only_categories_with_goods_on_sale() -> None:
    spu, _ = phone_spu(colours=("黑色",), storages=("128GB",))
    phones = spu.category3
    empty_sibling = CategoryFactory(name="老人机", parent=phones.parent)
    empty_top = CategoryFactory(name="家居")
    CategoryFactory(name="床品套件", parent=CategoryFactory(name="家纺", parent=empty_top))
    ChannelFactory(category=empty_top, url="/list.html?cat=999999")
    # a channel whose link names an empty category
    digital = phones.parent.parent
    GoodsChannel.objects.filter(category=digital).update(url=f"/list.html?cat={empty_sibling.pk}")

    menu = selectors.category_menu()

    assert [channel["name"] for group in menu for channel in group.channels] == ["手机数码"]
    assert menu[0].channels[0]["url"] == f"/list.html?cat={digital.pk}"  # its own list instead
    assert [(cat2.name, [cat3.name for cat3 in cat2.subs]) for cat2 in menu[0].sub_cats] == [("手机通讯", ["手机"])]


def test_regenerating_a_page_after_a_price_change_takes_at_most_six_queries(
    django_capture_on_commit_callbacks, django_assert_max_num_queries
) -> None:
    _, skus = phone_spu()
    sku = next(iter(skus.values()))
    pages.generate_detail_pages(sku_ids=[sku.id])  # an earlier job of the worker: the menu is cached

    with django_capture_on_commit_callbacks(execute=True):  # the operator saves a new price
        sku.price = sku.price + 100
        sku.save()
    with django_assert_max_num_queries(6):  # the SPU with its tree, SKUs, images, options of each, specs, options
        pages.generate_detail_pages(sku_ids=[sku.id])


def test_the_cached_menu_follows_a_withdrawal_and_a_new_category(pages_root, django_capture_on_commit_callbacks):
    _, skus = phone_spu(colours=("黑色",), storages=("128GB",))
    sku = next(iter(skus.values()))
    pages.generate_index_page()
    assert "手机通讯" in (pages_root / "index.html").read_text()

    with django_capture_on_commit_callbacks(execute=True):  # its only SKU leaves the shop
        sku.is_launched = False
        sku.save()
    pages.generate_index_page()
    assert "手机通讯" not in (pages_root / "index.html").read_text()

    with django_capture_on_commit_callbacks(execute=True):  # back on sale, in a new category
        moved = CategoryFactory(name="折叠屏手机", parent=sku.category.parent)
        sku.is_launched = True
        sku.category = moved
        sku.save()
    pages.generate_index_page()
    assert "折叠屏手机" in (pages_root / "index.html").read_text()


def test_pages_are_generated_while_redis_is_down(pages_root, own_redis) -> None:
    # pages do not wait for a cache: a regeneration works through a Redis outage
    phone_spu()
    own_redis.stop()

    written = pages.generate_all_pages()

    assert written == 4
    index = (pages_root / "index.html").read_text()
    assert "手机数码" in index  # the category menu, built without its cache
    assert "手机通讯" in index
