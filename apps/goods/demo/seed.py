"""Building the demo mall (`manage.py seed_demo`). Every step looks rows up by their natural
key before creating them, so running it again creates nothing twice and keeps what
operators changed (prices, stock, contents)."""

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from apps.goods import catalog_cache
from apps.goods.demo import catalog, images
from apps.goods.models import (
    SKU,
    SPU,
    Brand,
    Content,
    ContentCategory,
    GoodsCategory,
    GoodsChannel,
    GoodsChannelGroup,
    SKUImage,
    SKUSpecification,
    SpecificationOption,
    SPUSpecification,
)

Progress = Callable[[int], None]
GREY = (200, 203, 208)
BULK_SPU_PREFIX = "美多优选 测试商品"
BULK_SKUS_PER_SPU = 10


@dataclass
class SeedResult:
    categories: int = 0
    spus: int = 0
    skus: int = 0
    images: int = 0
    contents: int = 0


def _noop(_: int) -> None:
    pass


def save_picture(name: str, draw: Callable[[], bytes]) -> tuple[str, bool]:
    """The stored name of a demo picture, drawn and saved unless the storage has it.

    Only local storage can tell: FastDFS names each upload itself, so callers draw a picture
    only for rows they create and reuse the stored names of rows that exist."""
    if default_storage.exists(name):
        return name, False
    return default_storage.save(name, ContentFile(draw())), True


@transaction.atomic
def menu_seed(result: SeedResult) -> dict[tuple[str, str, str], GoodsCategory]:
    """Channel groups, channels and the three-level categories; returns the third level by path."""
    leaves: dict[tuple[str, str, str], GoodsCategory] = {}
    for group_sequence, (group_name, tops) in enumerate(catalog.MENU, start=1):
        group, _ = GoodsChannelGroup.objects.get_or_create(name=group_name, defaults={"sequence": group_sequence})
        for top_sequence, (top_name, seconds) in enumerate(tops, start=1):
            top, created = GoodsCategory.objects.get_or_create(
                name=top_name, parent=None, defaults={"sequence": top_sequence}
            )
            result.categories += created
            first_leaf: GoodsCategory | None = None
            for second_sequence, (second_name, thirds) in enumerate(seconds.items(), start=1):
                second, created = GoodsCategory.objects.get_or_create(
                    name=second_name, parent=top, defaults={"sequence": second_sequence}
                )
                result.categories += created
                for third_sequence, third_name in enumerate(thirds, start=1):
                    third, created = GoodsCategory.objects.get_or_create(
                        name=third_name, parent=second, defaults={"sequence": third_sequence}
                    )
                    result.categories += created
                    leaves[(top_name, second_name, third_name)] = third
                    first_leaf = first_leaf or third
            assert first_leaf is not None
            GoodsChannel.objects.get_or_create(
                category=top,
                defaults={"group": group, "sequence": top_sequence, "url": f"/list.html?cat={first_leaf.id}"},
            )
    return leaves


def _colour_of(product: catalog.Product, chosen: tuple[catalog.Option, ...]) -> images.RGB:
    for option in chosen:
        if option.rgb is not None:
            return option.rgb
    return GREY


def parents(cat3: GoodsCategory) -> tuple[GoodsCategory, GoodsCategory]:
    """(level 1, level 2) above a third-level category."""
    cat2 = cat3.parent
    if cat2 is None or cat2.parent is None:
        raise ValueError(f"{cat3} is not a third-level category")
    return cat2.parent, cat2


def _price(value: int) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def _description(product: catalog.Product) -> tuple[str, str, str]:
    features = "".join(f"<li>{feature}</li>" for feature in product.features)
    detail = f"<h3>{product.name}</h3><p>{product.caption}</p><ul>{features}</ul>"
    pack = f"<p>主机 × 1，说明书 × 1，保修卡 × 1</p><p>品牌：{product.brand}</p>"
    service = (
        "<p>本商品支持七天无理由退货，质量问题 15 天内换货，全国联保一年。</p><p>发票：电子普通发票，随货寄出。</p>"
    )
    return detail, pack, service


def product_seed(
    product: catalog.Product, leaves: dict[tuple[str, str, str], GoodsCategory], result: SeedResult
) -> None:
    brand, _ = Brand.objects.get_or_create(name=product.brand, defaults={"first_letter": product.letter})
    cat3 = leaves[product.category]
    cat1, cat2 = parents(cat3)
    detail, pack, service = _description(product)
    spu, created = SPU.objects.get_or_create(
        name=product.name,
        defaults={"brand": brand, "category1": cat1, "category2": cat2, "category3": cat3,
                  "desc_detail": detail, "desc_pack": pack, "desc_service": service},
    )  # fmt: skip
    result.spus += created
    spec_rows: list[tuple[SPUSpecification, dict[str, SpecificationOption]]] = []
    for spec_sequence, (spec_name, options) in enumerate(product.specs, start=1):
        spec, _ = SPUSpecification.objects.get_or_create(spu=spu, name=spec_name, defaults={"sequence": spec_sequence})
        rows = {}
        for option_sequence, option in enumerate(options, start=1):
            rows[option.value], _ = SpecificationOption.objects.get_or_create(
                spec=spec, value=option.value, defaults={"sequence": option_sequence}
            )
        spec_rows.append((spec, rows))

    rng = random.Random(product.name)  # noqa: S311 - demo figures, the same on every run
    combinations = [
        (" ".join([product.name, *(option.value for option in chosen)]), chosen)
        for chosen in itertools.product(*(options for _, options in product.specs))
    ]
    # The SKUs of one colour share their pictures: those of SKUs made by an earlier run are
    # reused, so a second run uploads nothing (on FastDFS too, which cannot be asked by name).
    existing = {sku.name: sku for sku in SKU.objects.filter(spu=spu).prefetch_related("images")}
    pictures_of: dict[images.RGB, list[str]] = {}
    for name, chosen in combinations:
        if name in existing:
            images_of_sku = sorted(existing[name].images.all(), key=lambda image: image.sequence)
            stored = [image.image.name for image in images_of_sku if image.image.name]
            if stored:
                pictures_of.setdefault(_colour_of(product, chosen), stored)
    for name, chosen in combinations:
        rng_draws = (rng.randint(20, 500), rng.randint(0, 3000))  # drawn for every SKU: same figures each run
        if name in existing:
            continue
        price = product.price + sum(option.delta for option in chosen)
        colour = _colour_of(product, chosen)
        if colour not in pictures_of:
            colour_key = "-".join(map(str, colour))
            pictures_of[colour] = []
            for view in range(3):
                stored_name, drawn = save_picture(
                    f"goods/demo/{spu.id}-{colour_key}-{view}.jpg",
                    partial(images.product_image, shape=product.shape, colour=colour, label=product.label, view=view),
                )
                pictures_of[colour].append(stored_name)
                result.images += drawn
        pictures = pictures_of[colour]
        sku, created = SKU.objects.get_or_create(
            spu=spu,
            name=name,
            defaults={
                "caption": product.caption,
                "category": cat3,
                "price": _price(price),
                "cost_price": _price(int(price * 0.8)),
                "market_price": _price((int(price * 1.12) // 100 + 1) * 100 - 1),
                "stock": rng_draws[0],
                "sales": rng_draws[1],
                "default_image": pictures[0],
            },
        )
        result.skus += created
        if created:
            SKUImage.objects.bulk_create(
                SKUImage(sku=sku, image=picture, sequence=n) for n, picture in enumerate(pictures)
            )
            SKUSpecification.objects.bulk_create(
                SKUSpecification(sku=sku, spec=spec, option=rows[option.value])
                for (spec, rows), option in zip(spec_rows, chosen, strict=True)
            )


@transaction.atomic
def contents_seed(result: SeedResult) -> None:
    def category(key: str, name: str) -> ContentCategory:
        return ContentCategory.objects.get_or_create(key=key, defaults={"name": name})[0]

    def add(
        cat: ContentCategory, title: str, url: str, sequence: int, image: Callable[[], str] | str = "", text: str = ""
    ) -> None:
        """One content, made once; a picture (a callable saving it) is stored only then."""
        if Content.objects.filter(category=cat, title=title).exists():
            return
        picture = image() if callable(image) else image
        Content.objects.create(category=cat, title=title, url=url, image=picture, text=text, sequence=sequence)
        result.contents += 1

    def picture(name: str, draw: Callable[[], bytes]) -> Callable[[], str]:
        return lambda: save_picture(name, draw)[0]

    first_sku = {spu_name: sku_id for sku_id, spu_name in SKU.objects.order_by("-id").values_list("id", "spu__name")}
    shapes = {product.name: product for product in catalog.PRODUCTS}

    carousel = category("index_lbt", "轮播图")
    palette = [(80, 125, 115), (60, 90, 150), (150, 110, 80), (120, 70, 120)]
    for n, (title, spu_name) in enumerate(catalog.CAROUSEL, start=1):
        banner = picture(
            f"contents/demo/banner-{n}.jpg",
            partial(images.banner_image, title=title, colour=palette[(n - 1) % 4], shape=shapes[spu_name].shape),
        )
        add(carousel, title, f"/goods/{first_sku[spu_name]}.html", n, banner)

    news = category("index_kx", "快讯")
    for n, title in enumerate(catalog.NEWS, start=1):
        add(news, title, "/index.html", n)
    side = category("index_ytgg", "页头广告")
    side_picture = picture(
        "contents/demo/side-1.jpg",
        lambda: images.banner_image(title="新人专享", colour=(200, 80, 70), shape="box", width=400, height=400),
    )
    add(side, "新人专享 领 50 元券", "/register.html", 1, side_picture)

    for floor, (title, spu_names) in enumerate(catalog.FLOORS, start=1):
        add(category(f"index_{floor}f_logo", f"{floor}楼标题"), title, "/index.html", 1)
        links = category(f"index_{floor}f_pd", f"{floor}楼频道")
        goods = category(f"index_{floor}f_goods", f"{floor}楼商品")
        for n, spu_name in enumerate(spu_names, start=1):
            sku = SKU.objects.filter(pk=first_sku[spu_name]).only("default_image", "price").get()
            if n <= 4:
                add(links, shapes[spu_name].label, f"/goods/{sku.id}.html", n)
            add(goods, spu_name, f"/goods/{sku.id}.html", n, sku.default_image.name or "", f"¥{sku.price}")


def bulk_skus_seed(*, target: int, leaves: list[GoodsCategory], progress: Progress, result: SeedResult) -> None:
    """More SKUs, ten per SPU, until the catalog has `target` SKUs (for benchmarks)."""
    missing = target - SKU.objects.count()
    if missing <= 0:
        return
    brand, _ = Brand.objects.get_or_create(name="美多优选", defaults={"first_letter": "M"})
    picture = SKU.objects.exclude(default_image="").values_list("default_image", flat=True).first() or ""
    number = SPU.objects.filter(name__startswith=BULK_SPU_PREFIX).count()
    while missing > 0:
        with transaction.atomic():
            number += 1
            cat3 = leaves[number % len(leaves)]
            cat1, cat2 = parents(cat3)
            spu = SPU.objects.create(
                name=f"{BULK_SPU_PREFIX} {number:05d}", brand=brand, category1=cat1, category2=cat2, category3=cat3,
                desc_detail=f"<p>批量生成的测试商品 {number}</p>",
            )  # fmt: skip
            spec = SPUSpecification.objects.create(spu=spu, name="型号")
            count = min(BULK_SKUS_PER_SPU, missing)
            options = SpecificationOption.objects.bulk_create(
                SpecificationOption(spec=spec, value=f"型号 {n}", sequence=n) for n in range(1, count + 1)
            )
            rng = random.Random(number)  # noqa: S311 - demo figures
            prices = [rng.randint(10, 9000) for _ in range(count)]
            skus = SKU.objects.bulk_create(
                SKU(spu=spu, category=cat3, name=f"{spu.name} 型号 {n}", caption="批量生成的测试商品",
                    price=_price(price), cost_price=_price(int(price * 0.8)), market_price=_price(price + 10),
                    stock=rng.randint(0, 1000), sales=rng.randint(0, 5000), default_image=picture)
                for n, price in enumerate(prices, start=1)
            )  # fmt: skip
            SKUSpecification.objects.bulk_create(
                SKUSpecification(sku=sku, spec=spec, option=option) for sku, option in zip(skus, options, strict=True)
            )
        missing -= count
        result.spus += 1
        result.skus += count
        progress(count)


def demo_products_count() -> int:
    return len(catalog.PRODUCTS)


def demo_seed(*, extra_skus_to: int = 0, progress: Progress = _noop, bulk_progress: Progress = _noop) -> SeedResult:
    """The demo catalog and index contents; `progress(1)` after each product. With
    `extra_skus_to`, generated SKUs are added until the catalog has that many."""
    result = SeedResult()
    leaves = menu_seed(result)
    for product in catalog.PRODUCTS:
        with transaction.atomic():
            product_seed(product, leaves, result)
        progress(1)
    contents_seed(result)
    if extra_skus_to:
        bulk_skus_seed(target=extra_skus_to, leaves=list(leaves.values()), progress=bulk_progress, result=result)
        catalog_cache.tree_changed()  # bulk additions send no signals: every cached list is rebuilt
    return result
