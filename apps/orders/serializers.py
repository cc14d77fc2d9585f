from rest_framework import serializers

from apps.orders.models import OrderInfo
from apps.orders.services import ADDRESS_INVALID


class SettlementSKUSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    default_image_url = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2)
    count = serializers.IntegerField()


class SettlementSerializer(serializers.Serializer):
    """O1."""

    freight = serializers.DecimalField(max_digits=10, decimal_places=2)
    skus = SettlementSKUSerializer(many=True)


class OrderCreateSerializer(serializers.Serializer):
    """O2. Numbers may come as strings (`"pay_method": "2"`)."""

    address = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": "请选择收货地址",
            "invalid": ADDRESS_INVALID,
            "min_value": ADDRESS_INVALID,
            "max_value": ADDRESS_INVALID,
        },
    )
    pay_method = serializers.ChoiceField(
        choices=OrderInfo.PayMethod.choices,
        error_messages={"required": "请选择支付方式", "invalid_choice": "支付方式无效"},
    )


class OrderCreatedSerializer(serializers.Serializer):
    order_id = serializers.CharField()


class OrderSKUSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    default_image_url = serializers.CharField()


class OrderLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = OrderSKUSerializer()
    count = serializers.IntegerField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2)


class OrderSerializer(serializers.Serializer):
    """O3: an order in "my orders"."""

    order_id = serializers.CharField()
    create_time = serializers.DateTimeField()
    total_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    freight = serializers.DecimalField(max_digits=10, decimal_places=2)
    status = serializers.IntegerField()
    pay_method = serializers.IntegerField()
    skus = OrderLineSerializer(many=True, source="lines.all")  # the order lines, named as the contract names them


class UncommentedLineSerializer(serializers.Serializer):
    """O6: `id` is the SKU's; variant A reads `sku.*`, variant B the flat copies."""

    id = serializers.IntegerField(source="sku_id")
    sku = OrderSKUSerializer()
    name = serializers.CharField(source="sku.name")
    default_image_url = serializers.CharField(source="sku.default_image_url")
    count = serializers.IntegerField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2)


class CommentCreateSerializer(serializers.Serializer):
    """O7. `order` repeats the path's order id (classic storefronts send it); `sku` is the SKU id."""

    order = serializers.CharField(required=False)
    sku = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, error_messages={"required": "请指定要评价的商品", "invalid": "商品编号有误"}
    )
    comment = serializers.CharField(
        min_length=5,
        max_length=500,
        trim_whitespace=True,
        error_messages={"required": "请填写评价内容", "blank": "请填写评价内容", "min_length": "评价内容至少 5 个字",
                        "max_length": "评价内容最多 500 个字"},
    )  # fmt: skip
    score = serializers.IntegerField(
        min_value=0, max_value=5, error_messages={"required": "请打分", "min_value": "评分为 0–5 分",
                                                  "max_value": "评分为 0–5 分", "invalid": "评分为 0–5 分"}
    )  # fmt: skip
    is_anonymous = serializers.BooleanField(default=False)


class OrderCommentSerializer(serializers.Serializer):
    sku = serializers.IntegerField(source="sku_id")
    comment = serializers.CharField()
    score = serializers.IntegerField()
    is_anonymous = serializers.BooleanField()


class OrderStatusSerializer(serializers.Serializer):
    """O9, O10."""

    order_id = serializers.CharField()
    status = serializers.IntegerField()


class CommentSerializer(serializers.Serializer):
    """G5: a comment as the goods page shows it."""

    score = serializers.IntegerField()
    comment = serializers.CharField()
    username = serializers.CharField()
