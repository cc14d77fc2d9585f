"""{% load descriptions %} … {{ spu.desc_detail|description }}: a product description as
HTML, cleaned to the safe subset (apps/goods/descriptions.py)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from apps.goods.descriptions import description_clean

register = template.Library()


@register.filter
def description(html: str) -> SafeString:
    return mark_safe(description_clean(html or ""))  # noqa: S308 - cleaned by nh3 just above
