from django.apps import AppConfig


class CartsConfig(AppConfig):
    name = "apps.carts"
    label = "carts"
    verbose_name = "购物车"

    def ready(self) -> None:
        from apps.carts import cookies  # noqa: F401 - connects the login signal's receiver
