from django.apps import AppConfig


class PaymentConfig(AppConfig):
    name = "apps.payment"
    label = "payment"
    verbose_name = "支付"
