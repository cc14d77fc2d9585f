"""Formats more than one app checks."""

from django.core.validators import RegexValidator

# A mainland China mobile number.
MOBILE_PATTERN = r"^1[3-9]\d{9}$"

mobile_validator = RegexValidator(MOBILE_PATTERN, "请输入正确的手机号码")
