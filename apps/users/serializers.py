import re
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.areas.models import Area
from apps.users.models import Address, User
from apps.users.services import AddressFields, Login
from meiduo_mall.utils.validators import MOBILE_PATTERN

USERNAME_PATTERN = r"^\w{5,20}$"


class MobileField(serializers.RegexField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(MOBILE_PATTERN, error_messages={"invalid": "请输入正确的手机号码"}, **kwargs)


class PasswordField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            min_length=8,
            max_length=20,
            trim_whitespace=False,
            write_only=True,
            error_messages={"min_length": "密码长度为8-20个字符", "max_length": "密码长度为8-20个字符"},
            **kwargs,
        )


class NewPasswordSerializer(serializers.Serializer):
    """`password` and `password2`, matching and acceptable to Django's password validators."""

    password = PasswordField()
    password2 = PasswordField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["password"] != attrs["password2"]:
            raise serializers.ValidationError({"password2": "两次输入的密码不一致"})
        user = self.context.get("user") or User(username=attrs.get("username", ""), mobile=attrs.get("mobile", ""))
        try:
            password_validation.validate_password(attrs["password"], user)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from exc
        return attrs


class UserRegisterSerializer(NewPasswordSerializer):
    username = serializers.RegexField(USERNAME_PATTERN, error_messages={"invalid": "用户名为5-20个字母、数字或下划线"})
    mobile = MobileField()
    sms_code = serializers.CharField(max_length=6)
    allow = serializers.BooleanField()

    def validate_username(self, value: str) -> str:
        if value.isdigit():
            raise serializers.ValidationError("用户名不能是纯数字")
        if User.objects.filter(username=value).exists():
            raise serializers.ValidationError("用户名已存在")
        return value

    def validate_mobile(self, value: str) -> str:
        if User.objects.filter(mobile=value).exists():
            raise serializers.ValidationError("该手机号已注册")
        return value

    def validate_allow(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError("请同意用户协议")
        return value


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class PasswordResetSerializer(NewPasswordSerializer):
    access_token = serializers.CharField()


class PasswordChangeSerializer(NewPasswordSerializer):
    old_password = serializers.CharField(max_length=128, trim_whitespace=False)


class UserDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "mobile", "email", "email_active"]


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, error_messages={"invalid": "请输入正确的邮箱地址"})


class AddressSerializer(serializers.ModelSerializer):
    """An address as A1–A3 show it, with region names; on input, region ids that must nest."""

    province = serializers.CharField(source="province.name", read_only=True)
    city = serializers.CharField(source="city.name", read_only=True)
    district = serializers.CharField(source="district.name", read_only=True)
    province_id = serializers.IntegerField()
    city_id = serializers.IntegerField()
    district_id = serializers.IntegerField()
    mobile = MobileField()
    title = serializers.CharField(max_length=20, required=False, allow_blank=True)
    tel = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True, default="")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, allow_null=True, default="")

    class Meta:
        model = Address
        fields = [
            "id", "title", "receiver", "province", "city", "district",
            "province_id", "city_id", "district_id", "place", "mobile", "tel", "email",
        ]  # fmt: skip

    def validate_tel(self, value: str | None) -> str:
        value = (value or "").strip()
        if value and not re.fullmatch(r"[\d\-+() ]{5,20}", value):
            raise serializers.ValidationError("请输入正确的固定电话")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        ids = {attrs["province_id"], attrs["city_id"], attrs["district_id"]}
        areas = Area.objects.in_bulk(ids)
        province, city, district = (areas.get(attrs[f"{level}_id"]) for level in ("province", "city", "district"))
        if province is None or province.parent_id is not None:
            raise serializers.ValidationError({"province_id": "请选择正确的省份"})
        if city is None or city.parent_id != province.pk:
            raise serializers.ValidationError({"city_id": "所选城市不属于所选省份"})
        if district is None or district.parent_id != city.pk:
            raise serializers.ValidationError({"district_id": "所选区县不属于所选城市"})
        attrs.update(province=province, city=city, district=district)
        return attrs

    def address_fields(self) -> AddressFields:
        data = self.validated_data
        return AddressFields(
            receiver=data["receiver"],
            province=data["province"],
            city=data["city"],
            district=data["district"],
            place=data["place"],
            mobile=data["mobile"],
            title=data.get("title") or "",
            tel=data.get("tel") or "",
            email=data.get("email") or "",
        )


class AddressTitleSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=20)


# --- the answer of every login (the account's, QQ's and Weibo's) ---------------------------------

LOGIN = inline_serializer(
    "Login",
    fields={
        "token": serializers.CharField(),
        "refresh": serializers.CharField(),
        "user_id": serializers.IntegerField(),
        "username": serializers.CharField(),
    },
)


def login_answer(login: Login) -> dict[str, Any]:
    return {"token": login.access, "refresh": login.refresh, "user_id": login.user.pk, "username": login.user.username}
