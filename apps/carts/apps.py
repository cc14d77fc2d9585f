from django.apps import AppConfig


class CartsConfig(AppConfig):
    name = "apps.carts"
    label = "carts"
    verbose_name = "购物车"
