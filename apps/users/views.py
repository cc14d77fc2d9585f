"""Accounts API (docs/api.md, users). Views parse input and shape output; the work is
in apps/users/services.py."""

from collections.abc import Sequence
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import ValidationError
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from apps.users import services
from apps.users.models import Address, User
from apps.users.selectors import address_get, address_list
from apps.users.serializers import (
    LOGIN,
    AddressSerializer,
    AddressTitleSerializer,
    EmailSerializer,
    LoginSerializer,
    PasswordChangeSerializer,
    PasswordResetSerializer,
    RefreshSerializer,
    UserDetailSerializer,
    UserRegisterSerializer,
    login_answer,
)
from apps.users.signals import shopper_logged_in
from apps.verifications.serializers import CAPTCHA_PARAMETERS, captcha_check
from apps.verifications.services import SmsCodeInvalidError
from meiduo_mall.utils.authentication import token_matches_password
from meiduo_mall.utils.exceptions import ServiceError, ThrottledError
from meiduo_mall.utils.ratelimit import client_ip
from meiduo_mall.utils.schema import error_schema, message_schema
from meiduo_mall.utils.views import PublicAPIView, shopper, valid_or_message

OK = message_schema()
ERROR = error_schema()
ID = inline_serializer("UserId", fields={"id": serializers.IntegerField()})


# --- §3 Registration and login -----------------------------------------------------------------------------


class UsernameCountView(PublicAPIView):
    """U1"""

    @extend_schema(
        responses={
            200: inline_serializer(
                "UsernameCount", {"username": serializers.CharField(), "count": serializers.IntegerField()}
            ),
            429: OK,
        }
    )
    def get(self, request: Request, username: str) -> Response:
        services.availability_check_allow(client_ip=client_ip(request))
        return Response({"username": username, "count": User.objects.filter(username=username).count()})


class MobileCountView(PublicAPIView):
    """U2"""

    @extend_schema(
        responses={
            200: inline_serializer(
                "MobileCount", {"mobile": serializers.CharField(), "count": serializers.IntegerField()}
            ),
            429: OK,
        }
    )
    def get(self, request: Request, mobile: str) -> Response:
        services.availability_check_allow(client_ip=client_ip(request))
        return Response({"mobile": mobile, "count": User.objects.filter(mobile=mobile).count()})


class UserCreateView(PublicAPIView):
    """U3: register, and be logged in at once."""

    @extend_schema(
        request=UserRegisterSerializer,
        responses={
            201: inline_serializer(
                "Registered",
                {
                    "id": serializers.IntegerField(),
                    "user_id": serializers.IntegerField(),
                    "username": serializers.CharField(),
                    "mobile": serializers.CharField(),
                    "token": serializers.CharField(),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        serializer = UserRegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            user = services.user_register(
                username=data["username"], password=data["password"], mobile=data["mobile"], sms_code=data["sms_code"]
            )
        except SmsCodeInvalidError as exc:
            raise ValidationError({"non_field_errors": [exc.message]}) from exc
        login = services.login_tokens(user=user)
        return Response(
            {
                "id": user.pk,
                "user_id": user.pk,
                "username": user.username,
                "mobile": user.mobile,
                "token": login.access,
            },
            status=status.HTTP_201_CREATED,
        )


class LoginView(PublicAPIView):
    """U4: log in with username or mobile."""

    @extend_schema(request=LoginSerializer, responses={200: LOGIN, 429: OK})
    def post(self, request: Request) -> Response:
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = services.user_login(
                account=serializer.validated_data["username"],
                password=serializer.validated_data["password"],
                client_ip=client_ip(request),
            )
        except ThrottledError:
            raise
        except ServiceError as exc:
            raise ValidationError({"non_field_errors": [exc.message]}) from exc
        shopper_logged_in.send(sender=type(self), request=request, user=user)  # the cart merges the guest's
        return Response(login_answer(services.login_tokens(user=user)))


class RefreshView(PublicAPIView):
    """U5: a new access token for a refresh token."""

    @extend_schema(
        request=RefreshSerializer,
        responses={200: inline_serializer("Refreshed", {"token": serializers.CharField()}), 401: OK},
    )
    def post(self, request: Request) -> Response:
        serializer = RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            refresh = RefreshToken(serializer.validated_data["refresh"])
        except TokenError:
            return Response({"message": "登录已过期，请重新登录"}, status=status.HTTP_401_UNAUTHORIZED)
        user = User.objects.filter(pk=refresh.get("user_id"), is_active=True).first()
        if user is None or not token_matches_password(refresh, user):
            return Response({"message": "登录已过期，请重新登录"}, status=status.HTTP_401_UNAUTHORIZED)
        return Response({"token": str(refresh.access_token)})


# --- §5 Password reset and change ------------------------------------------------------------------------------


class PasswordResetStartView(PublicAPIView):
    """F1: after the captcha, the account's masked mobile and a token for V3."""

    @extend_schema(
        parameters=CAPTCHA_PARAMETERS,
        responses={
            200: inline_serializer(
                "ResetStarted", {"mobile": serializers.CharField(), "access_token": serializers.CharField()}
            ),
            400: ERROR,
            404: OK,
        },
    )
    def get(self, request: Request, account: str) -> Response:
        # The captcha is required here: without it, anyone could learn every account's mobile.
        if not ("text" in request.query_params and "image_code_id" in request.query_params):
            raise ServiceError("请输入图片验证码")
        captcha_check(request.query_params)
        mobile, token = services.password_reset_start(account=account)
        return Response({"mobile": mobile, "access_token": token})


class PasswordResetVerifyView(PublicAPIView):
    """F3: the SMS code for a token that lets F4 set the password."""

    @extend_schema(
        parameters=[OpenApiParameter("sms_code", str, required=True)],
        responses={
            200: inline_serializer(
                "ResetVerified", {"user_id": serializers.IntegerField(), "access_token": serializers.CharField()}
            ),
            400: ERROR,
            404: OK,
        },
    )
    def get(self, request: Request, account: str) -> Response:
        sms_code = request.query_params.get("sms_code", "")
        if not sms_code:
            raise ServiceError("请输入短信验证码")
        user_id, token = services.password_reset_verify(account=account, sms_code=sms_code)
        return Response({"user_id": user_id, "access_token": token})


class UserPasswordView(APIView):
    """F4 (POST, no login, an F3 token) and P1 (PUT, logged in, the old password)."""

    def get_authenticators(self) -> list[BaseAuthentication]:
        # F4 is for someone who cannot log in: a stale token in their browser must not matter.
        if getattr(self.request, "method", None) == "POST":
            return []
        return super().get_authenticators()

    def get_permissions(self) -> Sequence[Any]:
        return [] if getattr(self.request, "method", None) == "POST" else [IsAuthenticated()]

    @extend_schema(request=PasswordResetSerializer, responses={200: ID, 400: ERROR}, auth=[])
    def post(self, request: Request, user_id: int) -> Response:
        data = valid_or_message(PasswordResetSerializer(data=request.data))
        user = services.user_password_reset(
            user_id=user_id, access_token=data["access_token"], password=data["password"]
        )
        return Response({"id": user.pk})

    @extend_schema(request=PasswordChangeSerializer, responses={200: ID, 400: ERROR, 403: OK})
    def put(self, request: Request, user_id: int) -> Response:
        if request.user.pk != user_id:
            return Response({"message": "无权修改其他用户的密码"}, status=status.HTTP_403_FORBIDDEN)
        data = valid_or_message(PasswordChangeSerializer(data=request.data, context={"user": request.user}))
        user = services.user_password_change(
            user=shopper(request),
            old_password=data["old_password"],
            password=data["password"],
            client_ip=client_ip(request),
        )
        return Response({"id": user.pk})


# --- §6 User centre ----------------------------------------------------------------------------------------


class UserDetailView(APIView):
    """C1"""

    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=UserDetailSerializer)
    def get(self, request: Request) -> Response:
        return Response(UserDetailSerializer(request.user).data)


class EmailView(APIView):
    """C2: set the e-mail address and mail a verification link."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        request=EmailSerializer,
        responses={
            200: inline_serializer("EmailSet", {"id": serializers.IntegerField(), "email": serializers.EmailField()}),
            429: OK,
        },
    )
    def put(self, request: Request) -> Response:
        serializer = EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_email_set(user=shopper(request), email=serializer.validated_data["email"])
        return Response({"id": user.pk, "email": user.email})


class EmailVerifyView(PublicAPIView):
    """C3: the link from the mail."""

    @extend_schema(parameters=[OpenApiParameter("token", str, required=True)], responses={200: OK, 400: ERROR})
    def get(self, request: Request) -> Response:
        token = request.query_params.get("token")
        if not token:
            raise ServiceError("缺少token参数")
        services.user_email_verify(token=token)
        return Response({"message": "OK"})


class AddressListView(APIView):
    """A1 (list) and A2 (create)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        responses=inline_serializer(
            "AddressBook",
            {
                "user_id": serializers.IntegerField(),
                "default_address_id": serializers.IntegerField(allow_null=True),
                "limit": serializers.IntegerField(),
                "addresses": AddressSerializer(many=True),
            },
        )
    )
    def get(self, request: Request) -> Response:
        user = shopper(request)
        addresses = address_list(user=user)
        return Response(
            {
                "user_id": user.pk,
                "default_address_id": user.default_address_id,
                "limit": Address.MAX_LIVE_PER_USER,
                "addresses": AddressSerializer(addresses, many=True).data,
            }
        )

    @extend_schema(request=AddressSerializer, responses={201: AddressSerializer, 400: ERROR})
    def post(self, request: Request) -> Response:
        serializer = AddressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = services.address_create(user=shopper(request), fields=serializer.address_fields())
        return Response(AddressSerializer(address).data, status=status.HTTP_201_CREATED)


class AddressDetailView(APIView):
    """A3 (edit) and A4 (delete)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(request=AddressSerializer, responses={200: AddressSerializer, 404: OK})
    def put(self, request: Request, address_id: int) -> Response:
        address = address_get(user=shopper(request), address_id=address_id)  # 404 before 400
        serializer = AddressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = services.address_update(address=address, fields=serializer.address_fields())
        return Response(AddressSerializer(address).data)

    @extend_schema(responses={204: None, 404: OK})
    def delete(self, request: Request, address_id: int) -> Response:
        services.address_delete(address=address_get(user=shopper(request), address_id=address_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AddressDefaultView(APIView):
    """A5"""

    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={200: OK, 404: OK})
    def put(self, request: Request, address_id: int) -> Response:
        services.address_set_default(address=address_get(user=shopper(request), address_id=address_id))
        return Response({"message": "OK"})


class AddressTitleView(APIView):
    """A6"""

    permission_classes = (IsAuthenticated,)

    @extend_schema(request=AddressTitleSerializer, responses={200: AddressTitleSerializer, 404: OK})
    def put(self, request: Request, address_id: int) -> Response:
        address = address_get(user=shopper(request), address_id=address_id)
        serializer = AddressTitleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = services.address_set_title(address=address, title=serializer.validated_data["title"])
        return Response({"title": address.title})
