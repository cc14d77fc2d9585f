from django.apps import AppConfig


class GoodsConfig(AppConfig):
    name = "apps.goods"
    label = "goods"
    verbose_name = "商品"

    def ready(self) -> None:
        from apps.goods import signals  # noqa: F401 - connects the catalog cache's receivers
