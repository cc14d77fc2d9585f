"""GET /limits/ [new]: the limits the backend enforces that the storefront shows or applies
before it asks (how long until another SMS code, how many of one SKU a cart line holds, the
order statuses' names), read from the settings and models that enforce them, so that no
storefront retypes them and none drifts when an operator changes a setting."""

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.orders.models import OrderInfo
from meiduo_mall.utils.pagination import StandardResultsSetPagination
from meiduo_mall.utils.views import PublicAPIView

# They change only with a deployment or an operator's setting: browsers may keep them a while.
MAX_AGE_SECONDS = 300

LIMITS = inline_serializer(
    "Limits",
    {
        "sms_resend_seconds": serializers.IntegerField(help_text="another code for the same mobile after this long"),
        "sms_code_seconds": serializers.IntegerField(help_text="how long a texted code stays valid"),
        "cart_max_line_count": serializers.IntegerField(help_text="the most of one SKU a cart line holds"),
        "cart_max_lines": serializers.IntegerField(help_text="the most lines a cart holds"),
        "page_size_max": serializers.IntegerField(help_text="the largest page_size a list serves"),
        "order_statuses": serializers.DictField(child=serializers.CharField(), help_text="status number → name"),
    },
)


def limits() -> dict[str, object]:
    return {
        "sms_resend_seconds": settings.SMS_RESEND_SECONDS,
        "sms_code_seconds": settings.SMS_CODE_SECONDS,
        "cart_max_line_count": settings.CART_MAX_LINE_COUNT,
        "cart_max_lines": settings.CART_MAX_LINES,
        "page_size_max": StandardResultsSetPagination.max_page_size,
        "order_statuses": {str(value): str(label) for value, label in OrderInfo.Status.choices},
    }


class LimitsView(PublicAPIView):
    @extend_schema(summary="商城的限制 (for storefronts)", responses={200: LIMITS}, tags=["storefront"])
    def get(self, request: Request) -> Response:
        return Response(limits(), headers={"Cache-Control": f"public, max-age={MAX_AGE_SECONDS}"})
