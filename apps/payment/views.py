"""Payment API (docs/api.md, payment: O4, O5, O8)."""

import logging

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.orders.selectors import order_payable
from apps.payment import alipay
from meiduo_mall.utils.schema import message_schema
from meiduo_mall.utils.views import PublicAPIView, shopper

logger = logging.getLogger(__name__)

MESSAGE = message_schema()


class PaymentURLView(APIView):
    """O4: where to pay an unpaid Alipay order."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="支付宝支付地址 (O4)",
        responses={200: inline_serializer("AlipayURL", {"alipay_url": serializers.URLField()}), 400: MESSAGE},
        tags=["payment"],
    )
    def get(self, request: Request, order_id: str) -> Response:
        order = order_payable(user=shopper(request), order_id=order_id)
        if order is None:
            return Response({"message": "订单信息有误"}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"alipay_url": alipay.page_pay_url(order)})


class PaymentStatusView(PublicAPIView):
    """O5: the storefront's pay_success.html passes on the parameters Alipay returned with."""

    @extend_schema(
        summary="支付结果 (O5)",
        request=None,
        responses={200: inline_serializer("TradeId", {"trade_id": serializers.CharField()}), 403: MESSAGE},
        tags=["payment"],
    )
    def put(self, request: Request) -> Response:
        params = {key: request.query_params.get(key, "") for key in request.query_params}
        try:
            trade_id = alipay.payment_return_verify(params)
        except alipay.AlipayRefusedError as exc:
            logger.warning("Refused an Alipay return for %s: %s", params.get("out_trade_no"), exc)
            return Response({"message": "非法请求"}, status=status.HTTP_403_FORBIDDEN)
        return Response({"trade_id": trade_id})


class AlipayNotifyView(PublicAPIView):
    """O8: Alipay's servers tell us of a payment; they retry until we answer `success`."""

    @extend_schema(
        summary="支付宝异步通知 (O8)",
        request=None,
        responses={200: OpenApiResponse(description="纯文本 success 或 failure")},
        tags=["payment"],
    )
    def post(self, request: Request) -> HttpResponse:
        params = {key: request.POST.get(key, "") for key in request.POST}
        try:
            alipay.payment_notify_verify(params)
        except alipay.AlipayRefusedError as exc:
            logger.warning("Refused an Alipay notification for %s: %s", params.get("out_trade_no"), exc)
            return HttpResponse("failure", content_type="text/plain")
        return HttpResponse("success", content_type="text/plain")
