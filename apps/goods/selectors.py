"""Reads of the catalog. Each fetches its related rows up front, so a page's query count
does not grow with its rows."""

import re
from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

from django.conf import settings
from django.db.models import Q, QuerySet
from django_redis import get_redis_connection

from apps.goods import catalog_cache
from apps.goods.models import SKU, Content, GoodsCategory, GoodsChannel
from meiduo_mall.utils.exceptions import NotFoundError
from meiduo_mall.utils.outages import REDIS_ERRORS
from meiduo_mall.utils.versioned_cache import as_json, expiring_bytes, split_count, with_count

# G1's orderings; ties are broken by id so pages never overlap.
SKU_ORDERINGS = ("create_time", "-create_time", "price", "-price", "sales", "-sales")
DEFAULT_SKU_ORDERING = "-create_time"
# The columns a SKU card (list, hot, history, search) shows.
SKU_CARD_FIELDS = ("id", "name", "price", "default_image", "comments")


# --- categories and the menu ------------------------------------------------------------------


@dataclass
class MenuCategory:
    id: int
    name: str
    subs: list["MenuCategory"] = field(default_factory=list)


@dataclass
class MenuGroup:
    """One line of the category menu: its channels (top-level categories, with links) and
    the second-level categories under them, each with its third-level ones."""

    channels: list[dict[str, Any]] = field(default_factory=list)
    sub_cats: list[MenuCategory] = field(default_factory=list)


LIST_URL = re.compile(r"/list\.html\?cat=(\d+)")


def category_menu() -> list[MenuGroup]:
    """The category menu of the storefront pages, in three queries whatever its size. It
    shows only categories with goods on sale, so that no link of it leads to an empty list:
    a channel whose link names an empty category links its own (non-empty) list instead."""
    channels = list(
        GoodsChannel.objects.select_related("group", "category").order_by(
            "group__sequence", "group_id", "sequence", "id"
        )
    )
    children: dict[int, list[GoodsCategory]] = {}
    parent_of: dict[int, int] = {}
    for category in GoodsCategory.objects.filter(parent__isnull=False).order_by("sequence", "id"):
        assert category.parent_id is not None
        children.setdefault(category.parent_id, []).append(category)
        parent_of[category.id] = category.parent_id
    stocked = set(SKU.objects.filter(is_launched=True).values_list("category_id", flat=True).distinct())
    with_goods = stocked | {parent_of[c] for c in stocked if c in parent_of}
    with_goods |= {parent_of[c] for c in with_goods if c in parent_of}

    groups: dict[int, MenuGroup] = {}
    for channel in channels:
        sub_cats = [
            MenuCategory(cat2.id, cat2.name, [MenuCategory(c.id, c.name) for c in children[cat2.id] if c.id in stocked])
            for cat2 in children.get(channel.category_id, [])
            if cat2.id in with_goods
        ]
        if not sub_cats:
            continue
        url = channel.url
        named = LIST_URL.fullmatch(url)
        if named and int(named.group(1)) not in with_goods:
            url = f"/list.html?cat={channel.category_id}"
        group = groups.setdefault(channel.group_id, MenuGroup())
        group.channels.append({"id": channel.category_id, "name": channel.category.name, "url": url})
        group.sub_cats.extend(sub_cats)
    return list(groups.values())


def category_menu_cached() -> list[MenuGroup]:
    """The category menu, cached until the tree or the assortment changes (catalog_cache.py):
    a page regenerated after a price or stock change does not build it again. Pages are
    generated while Redis is down too: the menu is then built afresh."""
    scopes = [catalog_cache.TREE, catalog_cache.ASSORTMENT]
    try:
        groups = catalog_cache.cached("menu", scopes, lambda: [asdict(group) for group in category_menu()])
    except REDIS_ERRORS:
        return category_menu()
    return [MenuGroup(group["channels"], [_menu_category(cat2) for cat2 in group["sub_cats"]]) for group in groups]


def _menu_category(fields: dict[str, Any]) -> MenuCategory:
    return MenuCategory(fields["id"], fields["name"], [_menu_category(sub) for sub in fields["subs"]])


def in_category(category: GoodsCategory) -> Q:
    """SKUs filed under `category`, or under its descendants for a first- or second-level
    one (SKUs hang on the third level): a list of 手机数码 shows every phone and camera."""
    if category.parent is None:
        return Q(category__parent__parent_id=category.id)
    if category.parent.parent_id is None:
        return Q(category__parent_id=category.id)
    return Q(category_id=category.id)


def category_get(*, category_id: int) -> GoodsCategory:
    """A category with its parents (two levels up), or NotFoundError."""
    category = GoodsCategory.objects.select_related("parent__parent").filter(pk=category_id).first()
    if category is None:
        raise NotFoundError("商品分类不存在")
    return category


def category_lineage(category: GoodsCategory) -> list[GoodsCategory]:
    """[cat1, cat2, cat3] down to `category` (shorter for a higher-level category)."""
    lineage = [category]
    while lineage[0].parent is not None and len(lineage) < 3:
        lineage.insert(0, lineage[0].parent)
    return lineage


def category_breadcrumb_json(*, category_id: int) -> bytes:
    """G3's answer: `{"cat1": {"url", "category": {"id", "name"}}, "cat2", "cat3"}`, missing
    levels ""; cached as sent until the category tree changes."""
    return catalog_cache.cached_bytes(
        f"breadcrumb:{category_id}", [catalog_cache.TREE], lambda: as_json(_category_breadcrumb(category_id))
    )


def _category_breadcrumb(category_id: int) -> dict[str, Any]:
    lineage = category_lineage(category_get(category_id=category_id))
    top = lineage[0]
    channel = GoodsChannel.objects.filter(category=top).only("url").first()
    breadcrumb: dict[str, Any] = {
        "cat1": {"url": channel.url if channel else "", "category": {"id": top.id, "name": top.name}},
        "cat2": "",
        "cat3": "",
    }
    for level, category in zip(("cat2", "cat3"), lineage[1:], strict=False):
        breadcrumb[level] = {"id": category.id, "name": category.name}
    return breadcrumb


# --- SKU cards --------------------------------------------------------------------------------


def sku_list_for_category(*, category_id: int, ordering: str = DEFAULT_SKU_ORDERING) -> QuerySet[SKU]:
    """G1: the launched SKUs of a category (of its descendants for a higher level), ordered
    in the database."""
    if ordering not in SKU_ORDERINGS:
        raise ValueError(f"unknown ordering {ordering!r}")
    category = category_get(category_id=category_id)
    tie_breaker = "-id" if ordering.startswith("-") else "id"
    return (
        SKU.objects.filter(in_category(category), is_launched=True)
        .only(*SKU_CARD_FIELDS)
        .order_by(ordering, tie_breaker)
    )


def sku_list_page_json(*, category_id: int, ordering: str, number: int, size: int) -> tuple[int, bytes]:
    """G1's page `number` (from 1) of `size` cards as JSON, with the number of SKUs in the list;
    cached as sent until the category's SKUs or the tree change. A page beyond the last is []."""

    def build() -> bytes:
        skus = sku_list_for_category(category_id=category_id, ordering=ordering)
        count = skus.count()
        start = (number - 1) * size
        cards = [sku_card(sku) for sku in skus[start : start + size]] if start < count else []
        return with_count(count, as_json(cards))

    key = f"list:{category_id}:{ordering}:{number}:{size}"
    scopes = [catalog_cache.TREE, catalog_cache.category_scope(category_id)]
    return split_count(catalog_cache.cached_bytes(key, scopes, build))


def sku_card(sku: SKU) -> dict[str, Any]:
    """A SKU card as the API answers it (the price a string with two decimals, as DRF writes
    decimals): cached cards are served as they are, without a serializer."""
    return {
        "id": sku.id,
        "name": sku.name,
        "price": f"{sku.price:.2f}",
        "default_image_url": sku.default_image_url,
        "comments": sku.comments,
    }


def hot_sku_list_json(*, category_id: int) -> bytes:
    """G2's answer: the best sellers of a category (as G1, descendants included), cached as sent
    for HOT_SKUS_CACHE_SECONDS."""

    def build() -> bytes:
        category = category_get(category_id=category_id)
        skus = SKU.objects.filter(in_category(category), is_launched=True).only(*SKU_CARD_FIELDS)
        return as_json([sku_card(sku) for sku in skus.order_by("-sales", "id")[: settings.HOT_SKUS_COUNT]])

    return expiring_bytes(f"goods:hot_skus:{category_id}", build, timeout=settings.HOT_SKUS_CACHE_SECONDS)


def sku_cards_in_order(sku_ids: list[int]) -> list[dict[str, Any]]:
    """Cards for the given SKUs in the given order, in one query; unknown ids are left out."""
    skus = SKU.objects.only(*SKU_CARD_FIELDS).in_bulk(sku_ids)
    return [sku_card(skus[sku_id]) for sku_id in sku_ids if sku_id in skus]


class SaleState(TypedDict):
    is_launched: bool
    stock: int


def sku_sale_state(*, sku_id: int) -> SaleState | None:
    """Whether the SKU is on sale and its stock (None: no such SKU), for the cart's checks:
    cached until the SKU changes (its saves, orders and cancellations bump its scope), so a
    cart change reads Redis, not the database."""

    def build() -> SaleState | None:
        row = SKU.objects.filter(pk=sku_id).values("is_launched", "stock").first()
        return None if row is None else {"is_launched": row["is_launched"], "stock": row["stock"]}

    return catalog_cache.cached(f"sale_state:{sku_id}", [catalog_cache.sku_scope(sku_id)], build)


def sku_is_launched(*, sku_id: int) -> bool:
    return SKU.objects.filter(pk=sku_id, is_launched=True).exists()


# --- browse history ---------------------------------------------------------------


def history_key(user_id: int) -> str:
    return f"history:{user_id}"


def browse_history(*, user_id: int) -> list[dict[str, Any]]:
    """C5: the SKUs the shopper looked at, newest first, in one query."""
    sku_ids = [int(raw) for raw in get_redis_connection("default").lrange(history_key(user_id), 0, -1)]
    return sku_cards_in_order(sku_ids)


# --- the index page -----------------------------------------------------------------------------


def index_contents() -> dict[str, list[Content]]:
    """Shown contents of the index page by their category's key, in one query."""
    contents: dict[str, list[Content]] = {}
    for content in Content.objects.filter(status=True).select_related("category").order_by("sequence", "id"):
        contents.setdefault(content.category.key, []).append(content)
    return contents
