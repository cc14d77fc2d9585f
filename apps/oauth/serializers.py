from rest_framework import serializers

from apps.users.serializers import MobileField, PasswordField


class BindSerializer(serializers.Serializer):
    """Q3 (and Weibo's): bind the identity in `access_token` to the account of `mobile`."""

    access_token = serializers.CharField(
        error_messages={"required": "授权信息缺失，请重新登录", "blank": "授权信息缺失，请重新登录"}
    )
    mobile = MobileField()
    password = PasswordField()
    sms_code = serializers.CharField(
        max_length=6, error_messages={"required": "请填写短信验证码", "blank": "请填写短信验证码"}
    )
