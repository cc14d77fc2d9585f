from typing import TYPE_CHECKING

from rest_framework import serializers

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

SKU_ID_MAX = 2**31 - 1  # the largest id the SKU table holds

Messages = dict[str, "str | _StrPromise"]

COUNT_ERRORS: Messages = {
    "min_value": "商品数量至少为 1",
    "invalid": "商品数量必须是整数",
    "required": "请填写商品数量",
}
SKU_ERRORS: Messages = {
    "min_value": "商品不存在",
    "max_value": "商品不存在",
    "invalid": "商品编号必须是整数",
    "required": "请指定商品",
}
SELECTED_ERRORS: Messages = {"invalid": "勾选状态必须是 true 或 false", "required": "请指定勾选状态"}


class CartAddSerializer(serializers.Serializer):
    """K2. Storefronts may send numbers as strings (`"sku_id": "3"`)."""

    sku_id = serializers.IntegerField(min_value=1, max_value=SKU_ID_MAX, error_messages=SKU_ERRORS)
    count = serializers.IntegerField(min_value=1, error_messages=COUNT_ERRORS)
    selected = serializers.BooleanField(default=True, error_messages=SELECTED_ERRORS)


class CartUpdateSerializer(serializers.Serializer):
    """K3: the absolute count; without `selected` the line keeps its flag."""

    sku_id = serializers.IntegerField(min_value=1, max_value=SKU_ID_MAX, error_messages=SKU_ERRORS)
    count = serializers.IntegerField(min_value=1, error_messages=COUNT_ERRORS)
    selected = serializers.BooleanField(required=False, error_messages=SELECTED_ERRORS)


class CartLineAnswerSerializer(serializers.Serializer):
    sku_id = serializers.IntegerField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class CartRemoveSerializer(serializers.Serializer):
    sku_id = serializers.IntegerField(min_value=1, max_value=SKU_ID_MAX, error_messages=SKU_ERRORS)


class RequiredBooleanField(serializers.BooleanField):
    """A boolean that must be sent. DRF reads a boolean missing from form data as False
    (an unticked checkbox); here it is a 400 like in JSON: an empty PUT deselects nothing."""

    default_empty_html = serializers.empty


class CartSelectionSerializer(serializers.Serializer):
    selected = RequiredBooleanField(error_messages=SELECTED_ERRORS)


class CartLineSerializer(serializers.Serializer):
    """K1: a line of the cart."""

    id = serializers.IntegerField()
    count = serializers.IntegerField()
    name = serializers.CharField()
    default_image_url = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2)
    selected = serializers.BooleanField()
