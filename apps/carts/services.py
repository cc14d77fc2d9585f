"""Writes of the cart (docs/api.md, carts: K2–K5 and the merge on login). Every service takes the
cart's store, a guest's cookie or a shopper's Redis cart (apps/carts/stores.py)."""

from django.conf import settings
from django_redis import get_redis_connection

from apps.carts.stores import FULL, CartStore, Line, LineChange, Lines, counts_key, selected_key
from apps.goods.selectors import sku_sale_state
from meiduo_mall.utils.exceptions import ServiceError


class CartError(ServiceError):
    """A refused cart change. Storefronts read either `message` or `non_field_errors`
    (docs/api.md K2), so the body carries both."""

    def __init__(self, message: str) -> None:
        super().__init__(message, fields={"non_field_errors": [message]})


def _change(cart: CartStore, *, sku_id: int, count: int, add: bool, selected: bool | None) -> Line:
    """Apply a K2/K3 change: the line may hold up to the SKU's stock (and the per-line
    maximum) if the SKU is on sale; a new line needs room in the cart. The SKU's state is
    read from the catalog cache (no query while the SKU is unchanged)."""
    sku = sku_sale_state(sku_id=sku_id)
    on_sale = sku is not None and sku["is_launched"] and sku["stock"] > 0
    allowed = min(sku["stock"], settings.CART_MAX_LINE_COUNT) if sku is not None and on_sale else 0
    change = LineChange(sku_id, count, add, selected, allowed, settings.CART_MAX_LINES)
    line = cart.change_line(change)
    if isinstance(line, Line):
        return line
    if line.reason == FULL:
        raise CartError(f"购物车最多放 {settings.CART_MAX_LINES} 种商品，请先结算或删除一些")
    if sku is None or not sku["is_launched"]:
        raise CartError("商品不存在或已下架")
    if sku["stock"] <= 0:
        raise CartError("该商品已售罄")
    if line.total > sku["stock"]:
        raise CartError(f"库存不足，该商品最多可购买 {sku['stock']} 件")
    raise CartError(f"每件商品最多购买 {settings.CART_MAX_LINE_COUNT} 件")


def cart_add(*, cart: CartStore, sku_id: int, count: int, selected: bool = True) -> Line:
    """K2: add `count` of the SKU to its line (a new line if there is none). Two adds at
    once (two tabs) both count."""
    return _change(cart, sku_id=sku_id, count=count, add=True, selected=selected)


def cart_update(*, cart: CartStore, sku_id: int, count: int, selected: bool | None = None) -> Line:
    """K3: set the line's count (and its selected flag, kept as it was if not given)."""
    return _change(cart, sku_id=sku_id, count=count, add=False, selected=selected)


def cart_remove(*, cart: CartStore, sku_id: int) -> None:
    """K4: drop the line; a line that is not there is already gone."""
    cart.remove(sku_id)


def cart_select_all(*, cart: CartStore, selected: bool) -> None:
    """K5: select or deselect every line."""
    cart.select_all(selected)


def cart_merge_cookie(*, user_id: int, cookie_cart: Lines) -> None:
    """On login (U4, Q2, Q3): each line of the guest's cookie replaces the shopper's line
    for that SKU, count and selected flag alike; the shopper's other lines stay. One
    pipeline, so the merge is applied whole."""
    if not cookie_cart:
        return
    counts, selected = counts_key(user_id), selected_key(user_id)
    pipeline = get_redis_connection("default").pipeline()
    pipeline.hset(counts, mapping={sku_id: line.count for sku_id, line in cookie_cart.items()})
    chosen = [sku_id for sku_id, line in cookie_cart.items() if line.selected]
    dropped = [sku_id for sku_id, line in cookie_cart.items() if not line.selected]
    if chosen:
        pipeline.sadd(selected, *chosen)
    if dropped:
        pipeline.srem(selected, *dropped)
    pipeline.execute()


def cart_remove_ordered(*, user_id: int, sku_ids: list[int]) -> None:
    """After an order is placed: its SKUs leave the shopper's cart, in one pipeline."""
    if not sku_ids:
        return
    pipeline = get_redis_connection("default").pipeline()
    pipeline.hdel(counts_key(user_id), *sku_ids)
    pipeline.srem(selected_key(user_id), *sku_ids)
    pipeline.execute()
