from collections.abc import Sequence

from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.views import APIView


class PublicAPIView(APIView):
    """Base for endpoints anyone may call. No authentication at all: a stale or bogus
    `Authorization` header (storefronts send `JWT undefined`) must not turn a public
    page into a 401, and a public answer must not cost a user lookup."""

    authentication_classes: Sequence[type[BaseAuthentication]] = ()
    permission_classes: Sequence[type[BasePermission]] = (AllowAny,)
