"""Authentication of the API's JWTs, without a database query.

Every token of an account (access and refresh alike) carries the account's password stamp
(User.password_stamp), and is refused once the password changed: a shopper's change, an SMS
reset, an operator setting it. A stolen token dies with the password. A deactivated or
deleted account's tokens are refused too. This, rather than simplejwt's blacklist app: the
blacklist only knows refresh tokens (an access token would live on for its day), needs a row
per issued token and a sweep.

What a token is checked against, the account's current stamp and whether it is active, is
kept in Redis (`auth:<user id>`), so a request authenticates with one Redis read and no
query; the user row is read only if the view asks for more than the id. Every save of a
user drops the entry at once and writes it after the commit (apps/users/signals.py); a
missing entry (new, expired, evicted) is read from the database and added only if still
missing, so it never overwrites a newer one. With Redis down, the database answers.
"""

import contextlib
import hmac
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.functional import SimpleLazyObject
from django_redis import get_redis_connection
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from meiduo_mall.utils.outages import REDIS_ERRORS

logger = logging.getLogger(__name__)

PASSWORD_STAMP_CLAIM = "pwd"  # noqa: S105 - the name of a claim, not a password
LOGGED_OUT = "登录已失效，请重新登录"
GONE = "-"  # the entry of a deleted account


def auth_key(user_id: int) -> str:
    return f"auth:{user_id}"


def auth_entry(user: Any) -> str:
    """What a token of `user` is checked against: its password stamp, and 1 if active."""
    return f"{user.password_stamp}:{int(user.is_active)}"


def token_matches_password(token: Token, user: Any) -> bool:
    """Whether `token` was issued for the account's current password."""
    return hmac.compare_digest(str(token.get(PASSWORD_STAMP_CLAIM, "")), user.password_stamp)


def auth_entry_replace(user: Any, *, deleted: bool = False) -> None:
    """The account was saved or deleted: its entry is dropped now, so no request reads the
    old one from Redis any more, and written after the commit (apps/users/signals.py). A
    request reading the entry from the database meanwhile may add the old one back: the write
    after the commit replaces it."""
    user_id, entry = user.pk, GONE if deleted else auth_entry(user)
    key = auth_key(user_id)

    def write() -> None:
        try:
            get_redis_connection("default").set(key, entry, ex=settings.AUTH_ENTRY_SECONDS)
        except REDIS_ERRORS as error:
            logger.warning("The authentication entry of user %s was not updated: %r", user_id, error)

    try:
        get_redis_connection("default").delete(key)
    except REDIS_ERRORS as error:
        logger.warning("The authentication entry of user %s was not dropped: %r", user_id, error)
    transaction.on_commit(write)


def auth_entry_read(user_id: int) -> tuple[str, Any]:
    """The account's entry, and the user if it had to be read: from Redis, else from the
    database (and then added to Redis, unless a save wrote a newer one meanwhile)."""
    try:
        redis = get_redis_connection("default")
        cached = redis.get(auth_key(user_id))
    except REDIS_ERRORS:
        redis, cached = None, None
    if cached is not None:
        return cached.decode(), None
    user = get_user_model().objects.filter(pk=user_id).first()
    entry = GONE if user is None else auth_entry(user)
    if redis is not None:
        with contextlib.suppress(*REDIS_ERRORS):
            redis.set(auth_key(user_id), entry, ex=settings.AUTH_ENTRY_SECONDS, nx=True)
    return entry, user


class TokenUser(SimpleLazyObject):
    """The authenticated account: its id at once, the rest read from the database the first
    time a view asks for it (unless authenticating read it already)."""

    def __init__(self, user_id: int, user: Any = None) -> None:
        super().__init__(lambda: get_user_model().objects.get(pk=user_id))
        if user is not None:
            self._wrapped = user
        self.__dict__.update(pk=user_id, id=user_id, is_authenticated=True, is_anonymous=False)

    def __bool__(self) -> bool:
        return True


class MeiduoJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication, refusing tokens of a changed password, an inactive or a
    deleted account; without a query."""

    def get_user(self, validated_token: Token) -> Any:
        try:
            user_id = int(validated_token[api_settings.USER_ID_CLAIM])
        except (KeyError, TypeError, ValueError):
            raise InvalidToken("Token contained no recognizable user identification") from None
        entry, user = auth_entry_read(user_id)
        if entry == GONE:
            raise AuthenticationFailed("User not found", code="user_not_found")
        stamp, _, active = entry.partition(":")
        if active != "1":
            raise AuthenticationFailed("User is inactive", code="user_inactive")
        if not hmac.compare_digest(str(validated_token.get(PASSWORD_STAMP_CLAIM, "")), stamp):
            raise AuthenticationFailed(LOGGED_OUT, code="password_changed")
        return TokenUser(user_id, user)


class GuestOrJWTAuthentication(MeiduoJWTAuthentication):
    """A valid JWT logs the shopper in; anything else (no header, the classic storefronts'
    literal `JWT undefined`, an expired, forged or revoked token, a deactivated user) is a
    guest, never a 401 (docs/api.md, conventions)."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            return super().authenticate(request)
        except (InvalidToken, AuthenticationFailed):
            return None
