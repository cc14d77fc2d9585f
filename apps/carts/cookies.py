"""The guest's cart cookie on the way out: written with the cart by the cart's views, and,
when a shopper logs in (users' `shopper_logged_in`, sent by the account, QQ and Weibo
logins), merged into the shopper's Redis cart and deleted from the login's answer by
GuestCartMergeMiddleware. The logins know nothing of carts."""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from rest_framework.response import Response

from apps.carts import services
from apps.carts.stores import COOKIE_NAME, CookieCart
from apps.users.signals import shopper_logged_in
from meiduo_mall.utils.outages import OUTAGE_ERRORS

logger = logging.getLogger(__name__)
# Set on the request by a login, read by the middleware once the answer is made.
MERGE_FOR = "_cart_merge_for_user_id"


def set_cart_cookie(response: Response, cart: CookieCart) -> None:
    response.set_cookie(
        COOKIE_NAME,
        cart.cookie_value(),
        max_age=settings.CART_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.CART_COOKIE_SECURE,
    )


@receiver(shopper_logged_in, dispatch_uid="carts_merge_the_guest_cart")
def guest_cart_to_merge(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Note whose cart the guest's cookie joins (the middleware merges once the login answered)."""
    setattr(getattr(request, "_request", request), MERGE_FOR, user.pk)  # the HttpRequest under DRF's


class GuestCartMergeMiddleware:
    """U4, Q2, Q3: after a login answered, the guest's cookie cart joins the shopper's Redis
    cart and the cookie is deleted in the same answer (an unreadable cookie is just deleted).
    If Redis is down the login still stands: the cookie stays, for the next login to merge."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user_id = getattr(request, MERGE_FOR, None)
        raw = request.COOKIES.get(COOKIE_NAME)
        if user_id is None or raw is None or response.status_code >= 400:
            return response
        try:
            services.cart_merge_cookie(user_id=user_id, cookie_cart=CookieCart.from_cookie(raw).lines())
        except OUTAGE_ERRORS as error:
            logger.warning("Guest cart not merged on login (kept for the next one): %r", error)
            return response
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return response
