from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from apps.verifications import services
from meiduo_mall.utils.views import valid_or_message

# The optional captcha in the query of the steps that text a code or show a masked mobile.
CAPTCHA_PARAMETERS = [
    OpenApiParameter("text", str, description="图片验证码 (variant A)"),
    OpenApiParameter("image_code_id", str, description="图片验证码的 uuid (variant A)"),
]


class CaptchaSerializer(serializers.Serializer):
    """The optional captcha answer of a step (`text` and `image_code_id`): checked when both
    parts are sent."""

    text = serializers.CharField(max_length=10, required=False)
    image_code_id = serializers.UUIDField(required=False, error_messages={"invalid": "图片验证码编号有误"})


def captcha_check(query: Mapping[str, Any]) -> None:
    """The captcha a step was sent with (in its query), checked if given: variant A of the
    storefronts sends `text` and `image_code_id`, variant B neither. A 400 with a message
    when it is wrong, half given or malformed."""
    data = valid_or_message(CaptchaSerializer(data=query))
    uuid = data.get("image_code_id")
    services.optional_image_code_check(uuid=None if uuid is None else str(uuid), text=data.get("text"))
