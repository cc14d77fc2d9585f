from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django.http import HttpResponse
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

if TYPE_CHECKING:
    from apps.users.models import User


class PublicAPIView(APIView):
    """Base for endpoints anyone may call. No authentication at all: a stale or bogus
    `Authorization` header (storefronts send `JWT undefined`) must not turn a public
    page into a 401, and a public answer must not cost a user lookup."""

    authentication_classes: Sequence[type[BaseAuthentication]] = ()
    permission_classes: Sequence[type[BasePermission]] = (AllowAny,)


def json_bytes_response(body: bytes, headers: dict[str, str] | None = None) -> HttpResponse:
    """A 200 whose JSON was built (and cached) as bytes, sent as it is: the same body and
    content type DRF's JSON renderer gives, without decoding and encoding it again."""
    return HttpResponse(body, content_type="application/json", headers=headers)


def valid_or_message(serializer: Serializer) -> dict[str, Any]:
    """Validated data, or a 400 `{"message", <field errors>}` (the exception handler adds the
    message to every validation error: docs/api.md, conventions)."""
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def shopper(request: Request) -> "User":
    """The logged-in user of a view that requires IsAuthenticated."""
    return cast("User", request.user)
