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
