from django.core.validators import RegexValidator

MOBILE_PATTERN = r"^1[3-9]\d{9}$"

mobile_validator = RegexValidator(MOBILE_PATTERN, "请输入正确的手机号码")
