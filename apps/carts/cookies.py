"""The guest's cart cookie on the way out: written with the cart, and on login merged into
the shopper's Redis cart and deleted. Used by the cart's views and by every login (the
account login, QQ and Weibo): other apps call these, never the cart's views."""

from django.conf import settings
from rest_framework.request import Request
from rest_framework.response import Response

from apps.carts import services
from apps.carts.stores import COOKIE_NAME, CookieCart
from apps.users.models import User


def set_cart_cookie(response: Response, cart: CookieCart) -> None:
    response.set_cookie(
        COOKIE_NAME,
        cart.cookie_value(),
        max_age=settings.CART_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.CART_COOKIE_SECURE,
    )


def merge_cookie_cart_on_login(request: Request, response: Response, user: User) -> Response:
    """U4 (and the QQ login and bind): the guest's cookie cart joins the shopper's Redis
    cart, and the cookie is deleted in the same response. An unreadable cookie is just
    deleted."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if raw is None:
        return response
    services.cart_merge_cookie(user=user, cookie_cart=CookieCart.from_cookie(raw).lines())
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response
