"""Signed, expiring tokens handed to the storefront (password reset steps, e-mail links,
third-party login). Each use has its own `purpose`, which salts the signature, so a token
made for one step is refused at every other one."""

from typing import Any

from django.conf import settings
from itsdangerous import BadData, URLSafeTimedSerializer


class BadTokenError(Exception):
    """The token is malformed, tampered with, expired, or made for another purpose."""


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.SECRET_KEY, salt=f"meiduo.{purpose}")


def token_make(*, purpose: str, payload: dict[str, Any]) -> str:
    return _serializer(purpose).dumps(payload)


def token_read(*, purpose: str, token: str, max_age: int) -> dict[str, Any]:
    """The payload of a token made by `token_make` for this `purpose` at most `max_age`
    seconds ago. Raises BadTokenError otherwise."""
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except BadData as exc:
        raise BadTokenError(str(exc)) from exc
    if not isinstance(payload, dict):
        raise BadTokenError("payload is not an object")
    return payload
