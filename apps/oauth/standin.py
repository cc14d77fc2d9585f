"""A local stand-in of QQ's and Weibo's OAuth 2.0 servers, for `make run` and the tests
(mounted at /standins/oauth/ only with ENABLE_LOCAL_STANDINS, which production refuses).

Each speaks its provider's protocol: an authorize page with "authorize as test user N"
buttons that send the browser to the redirect URI with a single-use code, and the token
and identity endpoints the backend calls. Test user N always has the same openid / uid, so
a second login as N finds the binding of the first."""

import hashlib
import json
import secrets
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

TEST_USERS = (1, 2, 3)
CODE_SECONDS = 600


def qq_openid(n: int) -> str:
    return hashlib.md5(f"meiduo-standin-qq-{n}".encode(), usedforsecurity=False).hexdigest().upper()


def sina_uid(n: int) -> str:
    return str(5_000_000_000 + n)


def _issue(kind: str, provider: str, n: int) -> str:
    value = secrets.token_hex(16)
    cache.set(f"standin:oauth:{provider}:{kind}:{value}", n, CODE_SECONDS)
    return value


def _redeem(kind: str, provider: str, value: str, *, once: bool) -> int | None:
    key = f"standin:oauth:{provider}:{kind}:{value}"
    n = cache.get(key)
    if once:
        cache.delete(key)
    return n


def _authorize_page(request: HttpRequest, provider: str, client_id: str, name: str) -> HttpResponse:
    params = request.GET
    if params.get("client_id") != client_id or not params.get("redirect_uri"):
        return render(
            request, "standins/oauth.html", {"name": name, "error": "client_id 或 redirect_uri 有误"}, status=400
        )
    choices = []
    for n in TEST_USERS:
        query = urlencode({"code": _issue("code", provider, n), "state": params.get("state", "")})
        choices.append({"n": n, "url": f"{params['redirect_uri']}?{query}"})
    return render(request, "standins/oauth.html", {"name": name, "choices": choices})


# --- QQ -------------------------------------------------------------------------------------------


def _qq_answer(request: HttpRequest, data: dict[str, Any], *, form: bool = False) -> HttpResponse:
    """QQ answers JSON with fmt=json; otherwise the token comes form-encoded and the rest
    (errors included) JSONP-wrapped."""
    if request.GET.get("fmt") == "json":
        return JsonResponse(data)
    if form and "error" not in data:
        return HttpResponse(urlencode(data), content_type="text/plain")
    return HttpResponse(f"callback( {json.dumps(data)} );\n", content_type="text/plain")


@require_GET
def qq_authorize(request: HttpRequest) -> HttpResponse:
    return _authorize_page(request, "qq", settings.QQ_CLIENT_ID, "QQ")


@require_GET
def qq_token(request: HttpRequest) -> HttpResponse:
    params = request.GET
    if params.get("client_id") != settings.QQ_CLIENT_ID or params.get("client_secret") != settings.QQ_CLIENT_SECRET:
        return _qq_answer(request, {"error": 100016, "error_description": "access token check failed"})
    n = _redeem("code", "qq", params.get("code", ""), once=True)
    if n is None:
        return _qq_answer(request, {"error": 100019, "error_description": "code to access token error"})
    token = {"access_token": _issue("token", "qq", n), "expires_in": "7776000", "refresh_token": secrets.token_hex(16)}
    return _qq_answer(request, token, form=True)


@require_GET
def qq_me(request: HttpRequest) -> HttpResponse:
    n = _redeem("token", "qq", request.GET.get("access_token", ""), once=False)
    if n is None:
        return _qq_answer(request, {"error": 100016, "error_description": "access token check failed"})
    return _qq_answer(request, {"client_id": settings.QQ_CLIENT_ID, "openid": qq_openid(n)})


# --- Weibo ----------------------------------------------------------------------------------------


@require_GET
def sina_authorize(request: HttpRequest) -> HttpResponse:
    return _authorize_page(request, "sina", settings.SINA_CLIENT_ID, "微博")


@csrf_exempt
@require_POST
def sina_token(request: HttpRequest) -> HttpResponse:
    params = request.POST
    if params.get("client_id") != settings.SINA_CLIENT_ID or params.get("client_secret") != settings.SINA_CLIENT_SECRET:
        return JsonResponse({"error": "invalid_client", "error_code": 21324}, status=400)
    n = _redeem("code", "sina", params.get("code", ""), once=True)
    if n is None:
        return JsonResponse({"error": "invalid_grant", "error_code": 21325}, status=400)
    return JsonResponse({"access_token": _issue("token", "sina", n), "expires_in": 157679999, "uid": sina_uid(n)})


@csrf_exempt
@require_POST
def sina_token_info(request: HttpRequest) -> HttpResponse:
    n = _redeem("token", "sina", request.POST.get("access_token", ""), once=False)
    if n is None:
        return JsonResponse({"error": "invalid_access_token", "error_code": 21332}, status=400)
    return JsonResponse({"uid": int(sina_uid(n)), "appkey": settings.SINA_CLIENT_ID, "expire_in": 157679999})


urlpatterns = [
    path("qq/oauth2.0/authorize", qq_authorize, name="qq-standin-authorize"),
    path("qq/oauth2.0/token", qq_token, name="qq-standin-token"),
    path("qq/oauth2.0/me", qq_me, name="qq-standin-me"),
    path("sina/oauth2/authorize", sina_authorize, name="sina-standin-authorize"),
    path("sina/oauth2/access_token", sina_token, name="sina-standin-token"),
    path("sina/oauth2/get_token_info", sina_token_info, name="sina-standin-token-info"),
]
