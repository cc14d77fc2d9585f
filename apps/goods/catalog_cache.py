"""The catalog reads shoppers repeat most, cached until the catalog changes under them
(meiduo_mall/utils/versioned_cache.py): G1's list pages, G3's breadcrumbs, G5's comments.

Scopes, each a version that a change replaces:
* `tree`: the category tree and the channels (names, parents, links); every list page and
  breadcrumb depends on it;
* `cat:<id>`: the SKUs filed under a category or its descendants (their names, prices,
  images, comment counts, sales, launch state); a SKU's change replaces the versions of its
  third-level category and of the two above it, whose lists show it too;
* `sku:<id>`: one SKU and its comments (G5);
* `assortment`: which categories have goods on sale (the pages' category menu): SKUs added,
  deleted, launched, withdrawn or moved to another category, not their prices or sales.

What replaces them: any save or deletion of a SKU, category, channel or channel group
(signals.py); stock and sales moved by orders and comments left (orders' services call
`skus_changed_after_commit`); the admin's bulk launch and withdrawal and seed_demo's bulk
additions (goods' services). Every lookup of what a change touched reads the primary.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from apps.goods.models import SKU, GoodsCategory
from meiduo_mall.utils.db_router import primary_reads
from meiduo_mall.utils.versioned_cache import bump_after_commit, versioned, versioned_bytes

T = TypeVar("T")
TREE = "tree"
ASSORTMENT = "assortment"
# What a SKU's save changes the answers of, read before it (pre_save) and compared after.
_BEFORE = "_catalog_before"


def category_scope(category_id: int) -> str:
    return f"cat:{category_id}"


def sku_scope(sku_id: int) -> str:
    return f"sku:{sku_id}"


def cached(key: str, scopes: list[str], build: Callable[[], T]) -> T:
    """`build()`'s answer, cached under `key` until one of `scopes` changes; built from the
    primary, since everyone is served what is cached."""

    def from_primary() -> T:
        with primary_reads():
            return build()

    return versioned(f"catalog:{key}", scopes, from_primary, timeout=settings.CATALOG_CACHE_SECONDS)


def cached_bytes(key: str, scopes: list[str], build: Callable[[], bytes]) -> bytes:
    """`cached` for an answer built as bytes (a response's body), served as they are."""

    def from_primary() -> bytes:
        with primary_reads():
            return build()

    return versioned_bytes(f"catalog:{key}", scopes, from_primary, timeout=settings.CATALOG_CACHE_SECONDS)


def _lineage_scopes(rows: Iterable[tuple[int | None, ...]]) -> set[str]:
    return {category_scope(category_id) for row in rows for category_id in row if category_id is not None}


def scopes_of_categories(category_ids: Iterable[int]) -> set[str]:
    """The scopes of these categories and of their ancestors."""
    rows = GoodsCategory.objects.using(DEFAULT_DB_ALIAS).filter(pk__in=set(category_ids))
    return _lineage_scopes(rows.values_list("id", "parent_id", "parent__parent_id"))


def scopes_of_skus(sku_ids: Iterable[int]) -> set[str]:
    """The scopes of these SKUs, of their categories and of the categories above."""
    ids = set(sku_ids)
    rows = SKU.objects.using(DEFAULT_DB_ALIAS).filter(pk__in=ids)
    lineage = rows.values_list("category_id", "category__parent_id", "category__parent__parent_id")
    return {sku_scope(sku_id) for sku_id in ids} | _lineage_scopes(lineage)


def skus_changed_after_commit(sku_ids: Iterable[int], *, lineages: Iterable[tuple[int | None, ...]] = ()) -> None:
    """These SKUs changed (are still there): their answers are rebuilt after the commit.
    `lineages`, when the caller read them already (each SKU's category and the two above),
    spare the lookup."""
    ids = set(sku_ids)
    known = list(lineages)
    if ids and known:
        bump_after_commit({sku_scope(sku_id) for sku_id in ids} | _lineage_scopes(known))
    elif ids:
        bump_after_commit(lambda: scopes_of_skus(ids))


def sku_saving(sku: SKU) -> None:
    """A SKU is about to be saved: note where it is filed now and whether it is on sale."""
    row = SKU.objects.using(DEFAULT_DB_ALIAS).filter(pk=sku.pk)
    before = row.values_list("category_id", "category__parent_id", "category__parent__parent_id", "is_launched")
    setattr(sku, _BEFORE, before.first())


def sku_saved(sku: SKU, *, created: bool) -> None:
    """A SKU was saved: what showed it before (the lists of a category it left) and what shows
    it now are rebuilt after the commit; the menu too if it came, went or moved."""
    before = getattr(sku, _BEFORE, None)
    scopes = set()
    if before is not None:
        scopes |= _lineage_scopes([before[:3]])
    if created or before is None or (before[0], before[3]) != (sku.category_id, sku.is_launched):
        scopes.add(ASSORTMENT)
    bump_after_commit(lambda: scopes | scopes_of_skus([sku.pk]))


def sku_deleted(sku: SKU) -> None:
    """A SKU is being deleted: what showed it is rebuilt after the commit."""
    bump_after_commit({sku_scope(sku.pk), ASSORTMENT, *scopes_of_categories([sku.category_id])})


def skus_launched_or_withdrawn(sku_ids: Iterable[int]) -> None:
    """SKUs were put on sale or taken off in bulk: their lists and the menu are rebuilt."""
    skus_changed_after_commit(sku_ids)
    bump_after_commit([ASSORTMENT])


def tree_changed() -> None:
    """Categories or channels changed, or SKUs were added in bulk: every list, breadcrumb and
    menu is rebuilt after the commit."""
    bump_after_commit([TREE, ASSORTMENT])
