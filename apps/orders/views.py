"""Orders API (docs/api.md, orders). The work is in apps/orders/services.py."""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.orders import selectors, services
from apps.orders.models import OrderInfo
from apps.orders.serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    OrderCommentSerializer,
    OrderCreatedSerializer,
    OrderCreateSerializer,
    OrderSerializer,
    OrderStatusSerializer,
    SettlementSerializer,
    UncommentedLineSerializer,
)
from meiduo_mall.utils.exceptions import ServiceError, first_error
from meiduo_mall.utils.pagination import StandardResultsSetPagination
from meiduo_mall.utils.schema import message_schema
from meiduo_mall.utils.views import PublicAPIView, json_bytes_response, shopper, valid_or_message

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


REFUSED = message_schema()


class OrderListView(APIView):
    """O3: my orders; O2: place an order."""

    permission_classes = (IsAuthenticated,)
    pagination_class = StandardResultsSetPagination

    @extend_schema(
        summary="我的订单 (O3)",
        responses={200: OrderSerializer(many=True)},
        tags=["orders"],
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.order_list(user=shopper(request)), request, view=self) or []
        return paginator.get_paginated_response(OrderSerializer(page, many=True).data)

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
        # Classic storefronts alert `data[0]`: every refusal is a bare list of messages,
        # a body that is not JSON included.
        try:
            body = request.data
        except ParseError as error:
            return Response([str(error.detail)], status=status.HTTP_400_BAD_REQUEST)
        serializer = OrderCreateSerializer(data=body)
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


class UncommentedGoodsView(APIView):
    """O6: the lines of a received order still to comment on."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="待评价商品 (O6)", responses={200: UncommentedLineSerializer(many=True), 404: REFUSED}, tags=["orders"]
    )
    def get(self, request: Request, order_id: str) -> Response:
        lines = selectors.order_uncommented_lines(user=shopper(request), order_id=order_id)
        return Response(UncommentedLineSerializer(lines, many=True).data)


class CommentView(APIView):
    """O7: comment on a line of a received order."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="评价订单商品 (O7)",
        request=CommentCreateSerializer,
        responses={201: OrderCommentSerializer, 400: REFUSED, 404: REFUSED},
        tags=["orders"],
    )
    def post(self, request: Request, order_id: str) -> Response:
        data = valid_or_message(CommentCreateSerializer(data=request.data))
        line = services.order_comment_create(
            user=shopper(request),
            order_id=order_id,
            sku_id=data["sku"],
            comment=data["comment"],
            score=data["score"],
            is_anonymous=data["is_anonymous"],
        )
        return Response(OrderCommentSerializer(line).data, status=status.HTTP_201_CREATED)


def status_answer(order: OrderInfo) -> Response:
    return Response({"order_id": order.order_id, "status": order.status})


class CancelView(APIView):
    """O9: cancel an unpaid order (or a cash order not yet shipped); the stock comes back."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="取消订单 (O9)", request=None, responses={200: OrderStatusSerializer, 400: REFUSED, 404: REFUSED},
        tags=["orders"],
    )  # fmt: skip
    def put(self, request: Request, order_id: str) -> Response:
        return status_answer(services.order_cancel(user=shopper(request), order_id=order_id))


class ReceiptView(APIView):
    """O10: the shopper confirms a shipped order arrived."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="确认收货 (O10)", request=None, responses={200: OrderStatusSerializer, 400: REFUSED, 404: REFUSED},
        tags=["orders"],
    )  # fmt: skip
    def put(self, request: Request, order_id: str) -> Response:
        return status_answer(services.order_receipt_confirm(user=shopper(request), order_id=order_id))


# --- G5: a SKU's comments, which are commented order lines ---------------------------------------

COMMENT_COUNT_HEADER = "X-Total-Count"


class SKUCommentListView(PublicAPIView):
    """G5: the newest comments on a SKU, and (X-Total-Count) how many it has had: the detail
    page shows that count live, not as it was when the page was generated."""

    @extend_schema(
        summary="商品评价 (G5)",
        parameters=[
            OpenApiParameter(
                COMMENT_COUNT_HEADER, int, OpenApiParameter.HEADER, response=[200], description="该商品的评价总数"
            )
        ],
        responses=CommentSerializer(many=True),
        tags=["goods"],
    )
    def get(self, request: Request, sku_id: int) -> HttpResponse:
        comments, total = selectors.sku_comments_json(sku_id=sku_id)  # the body as sent, cached
        return json_bytes_response(comments, headers={COMMENT_COUNT_HEADER: str(total)})
