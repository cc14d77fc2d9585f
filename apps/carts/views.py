"""Cart API (docs/api.md, carts: K1–K5). A guest's cart is the signed `cart` cookie, a logged-in
shopper's is in Redis (apps/carts/stores.py); the same services serve both."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.carts import selectors, services
from apps.carts.cookies import set_cart_cookie
from apps.carts.serializers import (
    CartAddSerializer,
    CartLineAnswerSerializer,
    CartLineSerializer,
    CartRemoveSerializer,
    CartSelectionSerializer,
    CartUpdateSerializer,
)
from apps.carts.stores import COOKIE_NAME, CartStore, CookieCart, Line, RedisCart
from meiduo_mall.utils.authentication import GuestOrJWTAuthentication
from meiduo_mall.utils.schema import message_schema
from meiduo_mall.utils.views import valid_or_message

REFUSED = message_schema()


class CartAPIView(APIView):
    """Guests and shoppers alike: an invalid token (`JWT undefined`) means a guest."""

    authentication_classes = (GuestOrJWTAuthentication,)
    permission_classes = (AllowAny,)

    def cart(self, request: Request) -> CartStore:
        if request.user.is_authenticated:
            return RedisCart(request.user.pk)
        return CookieCart.from_cookie(request.COOKIES.get(COOKIE_NAME))

    def answer(self, cart: CartStore, data: object = None, code: int = status.HTTP_200_OK) -> Response:
        response = Response(data, status=code)
        if isinstance(cart, CookieCart) and cart.needs_writing:
            set_cart_cookie(response, cart)
        return response


def line_answer(sku_id: int, line: Line) -> dict[str, object]:
    return {"sku_id": sku_id, "count": line.count, "selected": line.selected}


class CartView(CartAPIView):
    """K1–K4."""

    @extend_schema(summary="购物车 (K1)", responses={200: CartLineSerializer(many=True)}, tags=["cart"])
    def get(self, request: Request) -> Response:
        cart = self.cart(request)
        lines = selectors.cart_line_list(lines=cart.lines())
        return self.answer(cart, CartLineSerializer(lines, many=True).data)

    @extend_schema(
        summary="加入购物车 (K2)",
        request=CartAddSerializer,
        responses={201: CartLineAnswerSerializer, 400: REFUSED},
        tags=["cart"],
    )
    def post(self, request: Request) -> Response:
        data = valid_or_message(CartAddSerializer(data=request.data))
        cart = self.cart(request)
        line = services.cart_add(cart=cart, sku_id=data["sku_id"], count=data["count"], selected=data["selected"])
        return self.answer(cart, line_answer(data["sku_id"], line), status.HTTP_201_CREATED)

    @extend_schema(
        summary="修改购物车 (K3)",
        request=CartUpdateSerializer,
        responses={200: CartLineAnswerSerializer, 400: REFUSED},
        tags=["cart"],
    )
    def put(self, request: Request) -> Response:
        data = valid_or_message(CartUpdateSerializer(data=request.data))
        cart = self.cart(request)
        line = services.cart_update(
            cart=cart, sku_id=data["sku_id"], count=data["count"], selected=data.get("selected")
        )
        return self.answer(cart, line_answer(data["sku_id"], line))

    @extend_schema(
        summary="删除购物车商品 (K4)",
        request=CartRemoveSerializer,
        responses={204: OpenApiResponse(description="已删除"), 400: REFUSED},
        tags=["cart"],
    )
    def delete(self, request: Request) -> Response:
        data = valid_or_message(CartRemoveSerializer(data=request.data))
        cart = self.cart(request)
        services.cart_remove(cart=cart, sku_id=data["sku_id"])
        return self.answer(cart, code=status.HTTP_204_NO_CONTENT)


class CartSelectionView(CartAPIView):
    """K5."""

    @extend_schema(
        summary="全选 / 全不选 (K5)",
        request=CartSelectionSerializer,
        responses={200: message_schema(), 400: REFUSED},
        tags=["cart"],
    )
    def put(self, request: Request) -> Response:
        data = valid_or_message(CartSelectionSerializer(data=request.data))
        cart = self.cart(request)
        services.cart_select_all(cart=cart, selected=data["selected"])
        return self.answer(cart, {"message": "OK"})
