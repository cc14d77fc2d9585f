"""Authentication for endpoints that serve guests and shoppers alike."""

from typing import Any

from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken


class GuestOrJWTAuthentication(JWTAuthentication):
    """A valid JWT logs the shopper in; anything else (no header, the classic storefronts'
    literal `JWT undefined`, an expired or forged token, a deactivated user) is a guest,
    never a 401 (api.md §1, cart calls)."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            return super().authenticate(request)
        except (InvalidToken, AuthenticationFailed):
            return None
