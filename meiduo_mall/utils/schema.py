"""OpenAPI details drf-spectacular cannot guess. Imported by meiduo_mall/urls.py."""

import functools
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
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


@functools.cache
def error_schema() -> serializers.Serializer:
    """A 400's body: `{"message": "..."}` from our own checks, DRF's field errors
    (`{"<field>": ["..."]}`, `non_field_errors`) from serializers, or both (docs/api.md, conventions)."""
    return inline_serializer(
        "Error",
        fields={
            "message": serializers.CharField(required=False),
            "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
        },
    )


class MeiduoAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, plus the errors an operation can answer whatever its
    view says, unless the view documents them itself:

    * 400 `Error` when it takes a body or query parameters;
    * 401 when it authenticates (a missing, expired, forged or revoked token);
    * 404 when its path names an object, or it is paginated (a page past the last);
    * 429 when it has DRF throttles (limits inside services are documented by their views);
    * 503 `{"message"}` always: the database, Redis, the broker or search is down.

    Paginated views (`pagination_class`) are documented with their envelope."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, (body, description) in self._implied_errors().items():
            if code not in responses:
                responses[code] = {**self._get_response_for_code(body, code), "description": description}
        return responses

    def _implied_errors(self) -> dict[str, tuple[serializers.Serializer, str]]:
        parameters = self._get_parameters()
        takes_query = any(parameter["in"] == "query" for parameter in parameters)
        names_object = any(parameter["in"] == "path" for parameter in parameters)
        paginated = getattr(self.view, "pagination_class", None) is not None and self._is_list_view()
        # A token is checked (a bad one is a 401) where the operation's security lists
        # jwtAuth; the cart's jwtAuthOrGuest treats a bad token as a guest.
        authenticates = any(JWTScheme.name in requirement for requirement in self.get_auth() or [])
        errors: dict[str, tuple[serializers.Serializer, str]] = {}
        if takes_query or self._get_request_body() is not None:
            errors["400"] = (error_schema(), "请求参数有误")
        if authenticates:
            errors["401"] = (message_schema(), "未登录，或登录已失效（令牌过期、伪造或密码已更改）")
        if names_object or paginated:
            errors["404"] = (message_schema(), "对象不存在或不属于当前用户" if names_object else "页码超出范围")
        if self.view.get_throttles():
            errors["429"] = (message_schema(), "请求过于频繁")
        errors["503"] = (message_schema(), "数据库、Redis、任务队列或搜索服务暂时无法访问（带 Retry-After）")
        return errors
