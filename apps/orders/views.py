"""Orders API (api.md §8). The work is in apps/orders/services.py."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.orders import selectors, services
from apps.orders.serializers import OrderCreatedSerializer, OrderCreateSerializer, SettlementSerializer
from meiduo_mall.utils.exceptions import ServiceError
from meiduo_mall.utils.views import first_error, shopper

IDEMPOTENCY_KEY_MAX = 64
MESSAGES = OpenApiResponse(
    response={"type": "array", "items": {"type": "string"}}, description='提示语的列表，如 ["商品库存不足"]'
)


class SettlementView(APIView):
    """O1: what the shopper is about to order."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="订单结算 (O1)", responses={200: SettlementSerializer}, tags=["orders"])
    def get(self, request: Request) -> Response:
        return Response(SettlementSerializer(selectors.order_settlement(user=shopper(request))).data)


class OrderListView(APIView):
    """O2: place an order."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="提交订单 (O2)",
        request=OrderCreateSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", str, OpenApiParameter.HEADER, description="同一个键重复提交只下一单（≤64 字符）"
            )
        ],
        responses={201: OrderCreatedSerializer, 400: MESSAGES},
        tags=["orders"],
    )
    def post(self, request: Request) -> Response:
        # Classic storefronts alert `data[0]`: every refusal is a bare list of messages.
        serializer = OrderCreateSerializer(data=request.data)
        if not serializer.is_valid():
            return Response([first_error(serializer.errors)], status=status.HTTP_400_BAD_REQUEST)
        key = request.headers.get("Idempotency-Key", "").strip() or None
        if key is not None and len(key) > IDEMPOTENCY_KEY_MAX:
            return Response([f"Idempotency-Key 最长 {IDEMPOTENCY_KEY_MAX} 个字符"], status=status.HTTP_400_BAD_REQUEST)
        try:
            order = services.order_create(
                user=shopper(request),
                address_id=serializer.validated_data["address"],
                pay_method=serializer.validated_data["pay_method"],
                idempotency_key=key,
            )
        except ServiceError as exc:
            return Response([exc.message], status=status.HTTP_400_BAD_REQUEST)
        return Response({"order_id": order.order_id}, status=status.HTTP_201_CREATED)
