from typing import Any

from rest_framework import serializers
from rest_framework.fields import empty

from apps.goods.selectors import SKU_ORDERINGS


class SKUCardSerializer(serializers.Serializer):
    """A SKU as lists, hot SKUs, search results and the browse history show it."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2)
    default_image_url = serializers.CharField()
    comments = serializers.IntegerField()


class SKUSearchResultSerializer(SKUCardSerializer):
    """A search hit: the card's fields and the indexed text, flat, and the card again as
    `object`, the nested shape some classic storefronts read (`results[i].object.name`)."""

    text = serializers.CharField()
    object = SKUCardSerializer(source="*")


class GivenChoiceField(serializers.ChoiceField):
    """A choice that, when the parameter is given, must be one of the choices: DRF would take
    an empty `?ordering=` for "not given" and silently use the default."""

    def get_value(self, dictionary: Any) -> Any:
        return dictionary.get(self.field_name, empty)


class SKUListQuerySerializer(serializers.Serializer):
    ordering = GivenChoiceField(
        SKU_ORDERINGS,
        required=False,
        default="-create_time",
        error_messages={"invalid_choice": "排序方式只能是 " + "、".join(SKU_ORDERINGS)},
    )


class SearchQuerySerializer(serializers.Serializer):
    text = serializers.CharField(max_length=50, trim_whitespace=True, error_messages={"blank": "请输入搜索关键词"})


class BreadcrumbSerializer(serializers.Serializer):
    cat1 = serializers.JSONField()
    cat2 = serializers.JSONField()
    cat3 = serializers.JSONField()


class BrowseHistorySerializer(serializers.Serializer):
    sku_id = serializers.IntegerField(min_value=1, error_messages={"invalid": "sku_id 必须是商品编号"})
