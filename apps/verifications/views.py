"""Verification codes API (docs/api.md, verifications): captcha images and SMS codes. The work is in
apps/verifications/services.py."""

import re

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from apps.verifications import services
from apps.verifications.serializers import CAPTCHA_PARAMETERS, captcha_check
from meiduo_mall.utils.exceptions import ServiceError, ThrottledError
from meiduo_mall.utils.ratelimit import client_ip
from meiduo_mall.utils.schema import error_schema, message_schema
from meiduo_mall.utils.validators import MOBILE_PATTERN
from meiduo_mall.utils.views import PublicAPIView

OK = message_schema()
ERROR = error_schema()


class ImageCodeView(PublicAPIView):
    """V1: a captcha image for the storefront's uuid."""

    @extend_schema(responses={(200, "image/png"): bytes})
    def get(self, request: Request, uuid: str) -> HttpResponse:
        image = services.image_code_create(uuid=str(uuid), client_ip=client_ip(request))
        response = HttpResponse(image, content_type="image/png")
        response["Cache-Control"] = "no-store"
        return response


class SmsCodeView(PublicAPIView):
    """V2: text a code to a mobile (registration, third-party binding)."""

    @extend_schema(parameters=CAPTCHA_PARAMETERS, responses={200: OK, 400: ERROR, 429: OK})
    def get(self, request: Request, mobile: str) -> Response:
        if not re.fullmatch(MOBILE_PATTERN, mobile):
            raise ServiceError("请输入正确的手机号码")
        captcha_check(request.query_params)
        services.sms_code_send(mobile=mobile, client_ip=client_ip(request))
        return Response({"message": "OK"})


class SmsCodeByTokenView(PublicAPIView):
    """V3: text a code to the mobile behind an F1 token (password reset)."""

    @extend_schema(
        operation_id="sms_codes_by_token",
        parameters=[OpenApiParameter("access_token", str, required=True)],
        responses={200: OK, 400: ERROR, 429: OK},
    )
    def get(self, request: Request) -> Response:
        token = request.query_params.get("access_token")
        if not token:
            raise ServiceError("缺少access_token参数")
        try:
            services.sms_code_send_by_token(access_token=token, client_ip=client_ip(request))
        except services.SmsTooFrequentError as exc:
            raise ThrottledError(exc.message, retry_after=exc.retry_after) from exc
        return Response({"message": "OK"})
