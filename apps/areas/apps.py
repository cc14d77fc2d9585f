from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "apps.areas"
    label = "areas"
    verbose_name = "省市区"
