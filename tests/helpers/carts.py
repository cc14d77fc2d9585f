"""Carts as a test sets them up: a guest's genuine cookie, a shopper's Redis cart."""

from rest_framework.test import APIClient

from apps.carts.stores import COOKIE_NAME, CookieCart, Line, RedisCart
from apps.goods.models import SKU
from apps.users.models import User


def cookie_with(lines: dict[int, Line]) -> str:
    """A genuine guest cart cookie holding these lines."""
    cart = CookieCart()
    for sku_id, line in lines.items():
        cart.put(sku_id, line)
    return cart.cookie_value()


def cookie_lines(client: APIClient) -> dict[int, Line]:
    """What the guest's `cart` cookie now holds."""
    return CookieCart.from_cookie(client.cookies[COOKIE_NAME].value).lines()


def fill_cart(user: User, lines: dict[SKU, int], *, unselected: tuple[SKU, ...] = ()) -> None:
    cart = RedisCart(user.pk)
    for sku, count in lines.items():
        cart.put(sku.pk, Line(count, sku not in unselected))
