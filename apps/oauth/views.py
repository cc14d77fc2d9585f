"""Third-party login API (docs/api.md, oauth: Q1–Q3 for QQ; the same three calls for Weibo under
/oauth/sina/). The provider is the URL's segment."""

import re

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.oauth import services
from apps.oauth.providers import Provider, provider_get
from apps.oauth.serializers import BindSerializer
from apps.users.serializers import LOGIN, login_answer
from apps.users.signals import shopper_logged_in
from meiduo_mall.utils.schema import message_schema
from meiduo_mall.utils.views import PublicAPIView, valid_or_message

MESSAGE = message_schema()
LOGIN_URL = inline_serializer(
    "OAuthLoginURL", {"login_url": serializers.URLField(), "oauth_url": serializers.URLField()}
)
LOGIN_OR_TOKEN = inline_serializer(
    "OAuthLoginOrToken",
    {
        "token": serializers.CharField(required=False),
        "refresh": serializers.CharField(required=False),
        "user_id": serializers.IntegerField(required=False),
        "username": serializers.CharField(required=False),
        "access_token": serializers.CharField(required=False, help_text="未绑定时返回：用于绑定的签名令牌（600 秒）"),
        "next": serializers.CharField(required=False, help_text="登录后回到的页面（来自 state）"),
    },
)


def same_site_path(next_: str) -> str:
    """`next_` if it is a path on the storefront's own site, else "/": what the state brings
    back is followed by the callback page, so it must never lead away (browsers drop tabs and
    newlines and read "\\" as "/", so "/\t/evil.example" would be "//evil.example")."""
    cleaned = re.sub(r"[\x00-\x1f\x7f]", "", next_).replace("\\", "/")
    if not cleaned.startswith("/") or cleaned.startswith("//"):
        return "/"
    return next_


def _provider(name: str) -> Provider:
    try:
        return provider_get(name)
    except KeyError as exc:
        raise Http404 from exc


class AuthorizationURLView(PublicAPIView):
    """Q1: where the storefront sends the shopper to log in with QQ (or Weibo)."""

    @extend_schema(
        summary="第三方登录地址 (Q1)",
        parameters=[OpenApiParameter("next", str, description="登录后回到的页面 (variant B)"),
                    OpenApiParameter("state", str, description="同 next (variant A)")],
        responses={200: LOGIN_URL},
        tags=["oauth"],
    )  # fmt: skip
    def get(self, request: Request, provider: str) -> Response:
        found = _provider(provider)
        next_ = same_site_path(request.query_params.get("next") or request.query_params.get("state") or "/")
        if not settings.OAUTH_STATE_REQUIRED:  # classic storefronts: the path itself is the state
            url = found.authorize_url(next_)
            return Response({"login_url": url, "oauth_url": url})
        start = services.oauth_state_make(provider=found, next_=next_)
        url = found.authorize_url(start.state)
        response = Response({"login_url": url, "oauth_url": url})
        response.set_cookie(
            services.STATE_COOKIE, start.nonce, max_age=services.STATE_SECONDS, path="/oauth/", httponly=True,
            secure=settings.DJANGO_SECURE, samesite="Lax",
        )  # fmt: skip
        return response


class OAuthUserView(PublicAPIView):
    """Q2: the code from the provider's redirect; Q3: bind the identity to an account."""

    @extend_schema(
        summary="第三方登录回调 (Q2)",
        parameters=[
            OpenApiParameter("code", str, required=True),
            OpenApiParameter("state", str, description="Q1 给出的 state（OAUTH_STATE_REQUIRED 时必填）"),
        ],
        responses={200: LOGIN_OR_TOKEN, 400: MESSAGE, 503: MESSAGE},
        tags=["oauth"],
    )
    def get(self, request: Request, provider: str) -> Response:
        found = _provider(provider)
        code = request.query_params.get("code", "").strip()
        if not code:
            return Response({"message": "缺少授权码 code"}, status=400)
        next_: dict[str, str] = {}
        if settings.OAUTH_STATE_REQUIRED:
            next_["next"] = services.oauth_state_check(
                provider=found,
                state=request.query_params.get("state", ""),
                nonce=request.COOKIES.get(services.STATE_COOKIE, ""),
            )
        outcome = services.oauth_login(provider=found, code=code)
        if outcome.login is None:
            response = Response({"access_token": outcome.access_token, **next_})
        else:
            shopper_logged_in.send(sender=type(self), request=request, user=outcome.login.user)
            response = Response({**login_answer(outcome.login), **next_})
        response.delete_cookie(services.STATE_COOKIE, path="/oauth/")
        return response

    @extend_schema(
        summary="绑定第三方账号 (Q3)", request=BindSerializer, responses={200: LOGIN, 400: MESSAGE}, tags=["oauth"]
    )
    def post(self, request: Request, provider: str) -> Response:
        found = _provider(provider)
        data = valid_or_message(BindSerializer(data=request.data))
        login = services.oauth_bind(
            provider=found,
            access_token=data["access_token"],
            mobile=data["mobile"],
            password=data["password"],
            sms_code=data["sms_code"],
        )
        shopper_logged_in.send(sender=type(self), request=request, user=login.user)
        return Response(login_answer(login))
