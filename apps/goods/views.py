"""Catalog API (docs/api.md, goods: G1–G4, and users' C4–C5; G5, the comments, is an orders view). The reads
are in apps/goods/selectors.py."""

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from haystack.query import SearchQuerySet
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.goods import selectors, services
from apps.goods.models import SKU
from apps.goods.serializers import (
    BreadcrumbSerializer,
    BrowseHistorySerializer,
    SearchQuerySerializer,
    SKUCardSerializer,
    SKUListQuerySerializer,
    SKUSearchResultSerializer,
)
from meiduo_mall.utils.pagination import SearchResultsPagination, StandardResultsSetPagination
from meiduo_mall.utils.schema import message_schema
from meiduo_mall.utils.views import PublicAPIView, json_bytes_response, shopper, valid_or_message

NOT_FOUND = message_schema()


class SKUListView(PublicAPIView):
    """G1: a category's launched SKUs, ordered and paginated in the database, each page cached
    until the category's SKUs change."""

    pagination_class = StandardResultsSetPagination

    @extend_schema(
        summary="分类商品列表 (G1)",
        parameters=[OpenApiParameter("ordering", str, enum=selectors.SKU_ORDERINGS)],
        responses={200: SKUCardSerializer(many=True), 400: NOT_FOUND, 404: NOT_FOUND},
        tags=["goods"],
    )
    def get(self, request: Request, category_id: int) -> HttpResponse:
        ordering = request.query_params.get("ordering", selectors.DEFAULT_SKU_ORDERING)
        if ordering not in selectors.SKU_ORDERINGS:  # the serializer only to word the refusal
            valid_or_message(SKUListQuerySerializer(data=request.query_params))

        def fetch(number: int, size: int) -> tuple[int, bytes]:
            # the cards as sent (selectors.sku_card), cached
            return selectors.sku_list_page_json(category_id=category_id, ordering=ordering, number=number, size=size)

        return self.pagination_class().fetched_page_response(request, fetch)


class HotSKUListView(PublicAPIView):
    """G2: a category's best sellers (cached)."""

    @extend_schema(
        summary="热销商品 (G2)", responses={200: SKUCardSerializer(many=True), 404: NOT_FOUND}, tags=["goods"]
    )
    def get(self, request: Request, category_id: int) -> HttpResponse:
        return json_bytes_response(selectors.hot_sku_list_json(category_id=category_id))  # as sent, cached


class CategoryView(PublicAPIView):
    """G3: the breadcrumb of a category."""

    @extend_schema(summary="分类面包屑 (G3)", responses={200: BreadcrumbSerializer, 404: NOT_FOUND}, tags=["goods"])
    def get(self, request: Request, category_id: int) -> HttpResponse:
        return json_bytes_response(selectors.category_breadcrumb_json(category_id=category_id))


class SKUSearchView(PublicAPIView):
    """G4: SKUs whose name or caption has the words searched for (Chinese segmentation)."""

    pagination_class = SearchResultsPagination

    @extend_schema(
        summary="商品搜索 (G4)",
        parameters=[OpenApiParameter("text", str, required=True)],
        responses={200: SKUSearchResultSerializer(many=True), 400: NOT_FOUND},
        tags=["goods"],
    )
    def get(self, request: Request) -> Response:
        query = valid_or_message(SearchQuerySerializer(data=request.query_params))
        results = SearchQuerySet().models(SKU).auto_query(query["text"])
        paginator = self.pagination_class()
        page: list[Any] = paginator.paginate_queryset(results, request, view=self) or []
        texts = {int(result.pk): result.text for result in page}
        cards = selectors.sku_cards_in_order(list(texts))
        found: list[dict[str, Any]] = [{**card, "text": texts[card["id"]]} for card in cards]
        return paginator.get_paginated_response(SKUSearchResultSerializer(found, many=True).data)


class BrowseHistoryView(APIView):
    """C4 (record a SKU the shopper looked at) and C5 (the last few, newest first)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="记录浏览历史 (C4)",
        request=BrowseHistorySerializer,
        responses={201: BrowseHistorySerializer, 400: NOT_FOUND},
        tags=["user centre"],
    )
    def post(self, request: Request) -> Response:
        data = valid_or_message(BrowseHistorySerializer(data=request.data))
        services.history_record(user_id=shopper(request).id, sku_id=data["sku_id"])
        return Response({"sku_id": data["sku_id"]}, status=status.HTTP_201_CREATED)

    @extend_schema(summary="浏览历史 (C5)", responses=SKUCardSerializer(many=True), tags=["user centre"])
    def get(self, request: Request) -> Response:
        return Response(SKUCardSerializer(selectors.browse_history(user_id=shopper(request).id), many=True).data)
