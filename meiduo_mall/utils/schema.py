"""OpenAPI details drf-spectacular cannot guess. Imported by meiduo_mall/urls.py."""

import functools
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers


class JWTScheme(OpenApiAuthenticationExtension):
    """Both `JWT <token>` (classic storefronts) and `Bearer <token>` are accepted; the
    docs page sends `Bearer`, which OpenAPI can describe."""

    target_class = "meiduo_mall.utils.authentication.MeiduoJWTAuthentication"
    name = "jwtAuth"
    priority = 1

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return build_bearer_security_scheme_object(
            header_name="HTTP_AUTHORIZATION",
            token_prefix="Bearer",  # noqa: S106 (a header word, not a secret)
            bearer_format="JWT",
        )


class GuestOrJWTScheme(JWTScheme):
    """The cart's authentication: the same token, optional (the views allow anyone, so
    the schema lists "no token" beside it)."""

    target_class = "meiduo_mall.utils.authentication.GuestOrJWTAuthentication"
    name = "jwtAuthOrGuest"


@functools.cache
def message_schema(name: str = "Message") -> serializers.Serializer:
    """`{"message": "..."}`, the body of OK answers and of most errors (one component per
    name, however many views use it)."""
    return inline_serializer(name, fields={"message": serializers.CharField()})
