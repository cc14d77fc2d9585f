"""Authentication of the API's JWTs.

Every token of an account (access and refresh alike) carries the account's password stamp
(User.password_stamp), and is refused once the password changed: a shopper's change, an SMS
reset, an operator setting it. A stolen token dies with the password. This, rather than
simplejwt's blacklist app: the blacklist only knows refresh tokens (an access token would live
on for its day), needs a row per issued token and a sweep; the stamp costs nothing, because
the user row is read for every authenticated request anyway. A deactivated account's tokens
are refused too (simplejwt checks is_active).
"""

import hmac
from typing import Any

from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.tokens import Token

PASSWORD_STAMP_CLAIM = "pwd"  # noqa: S105 - the name of a claim, not a password
LOGGED_OUT = "登录已失效，请重新登录"


def token_matches_password(token: Token, user: Any) -> bool:
    """Whether `token` was issued for the account's current password."""
    return hmac.compare_digest(str(token.get(PASSWORD_STAMP_CLAIM, "")), user.password_stamp)


class MeiduoJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication, refusing tokens issued before the password changed."""

    def get_user(self, validated_token: Token) -> Any:
        user = super().get_user(validated_token)
        if not token_matches_password(validated_token, user):
            raise AuthenticationFailed(LOGGED_OUT, code="password_changed")
        return user


class GuestOrJWTAuthentication(MeiduoJWTAuthentication):
    """A valid JWT logs the shopper in; anything else (no header, the classic storefronts'
    literal `JWT undefined`, an expired, forged or revoked token, a deactivated user) is a
    guest, never a 401 (api.md §1, cart calls)."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            return super().authenticate(request)
        except (InvalidToken, AuthenticationFailed):
            return None
