"""A local stand-in of Alipay's page-pay gateway, for `make run` and the browser tests
(mounted at /standins/alipay/ only with ENABLE_LOCAL_STANDINS, which production refuses).

It speaks the protocol: it checks the app's RSA2 signature on the request, shows the order
with a Pay button, then signs the return parameters with "Alipay's" private key, posts the
asynchronous notification to the request's notify_url and sends the browser to its
return_url. The keys are the local ones (apps/payment/keys.py)."""

import base64
import json
import logging
import secrets
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from Cryptodome.Hash import SHA256
from Cryptodome.PublicKey import RSA
from Cryptodome.Signature import pkcs1_15
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from apps.payment.keys import LocalKeys, local_keys

logger = logging.getLogger(__name__)

NOTIFY_TIMEOUT_SECONDS = 10


def _keys() -> LocalKeys:
    if settings.ALIPAY_LOCAL_KEYS_DIR is None:
        raise ImproperlyConfigured("The Alipay stand-in needs ALIPAY_LOCAL_KEYS_DIR.")
    return local_keys(settings.ALIPAY_LOCAL_KEYS_DIR)


def _message(params: dict[str, str], *, without: tuple[str, ...]) -> bytes:
    return "&".join(f"{key}={value}" for key, value in sorted(params.items()) if key not in without).encode()


def _app_signature_ok(params: dict[str, str]) -> bool:
    """Alipay checks a request's signature over every parameter but `sign`."""
    try:
        key = RSA.import_key(_keys().app_public)
        pkcs1_15.new(key).verify(SHA256.new(_message(params, without=("sign",))), base64.b64decode(params["sign"]))
    except (KeyError, ValueError, TypeError):
        return False
    return True


def alipay_sign(params: dict[str, str]) -> dict[str, str]:
    """Alipay's answer signed as Alipay signs it: over every parameter but `sign` and
    `sign_type`, with its private key."""
    key = RSA.import_key(_keys().alipay_private)
    signature = pkcs1_15.new(key).sign(SHA256.new(_message(params, without=("sign", "sign_type"))))
    return {**params, "sign": base64.b64encode(signature).decode(), "sign_type": "RSA2"}


def _answer(params: dict[str, str], biz: dict[str, Any], trade_no: str, **extra: str) -> dict[str, str]:
    return alipay_sign(
        {
            "app_id": params["app_id"],
            "auth_app_id": params["app_id"],
            "charset": "utf-8",
            "out_trade_no": biz["out_trade_no"],
            "seller_id": "2088000000000000",
            "timestamp": timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
            "total_amount": biz["total_amount"],
            "trade_no": trade_no,
            "version": "1.0",
            **extra,
        }
    )


def _notify(url: str, params: dict[str, str]) -> None:
    body = urllib.parse.urlencode(params).encode()
    try:
        with urllib.request.urlopen(url, data=body, timeout=NOTIFY_TIMEOUT_SECONDS) as response:  # noqa: S310
            answer = response.read().decode()
    except (urllib.error.URLError, OSError) as exc:
        logger.warning("Alipay stand-in could not notify %s: %s", url, exc)
        return
    logger.info("Alipay stand-in notified %s: %s", url, answer)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def gateway(request: HttpRequest) -> HttpResponse:
    source = request.GET if request.method == "GET" else request.POST
    params = {key: source.get(key, "") for key in source if key != "csrfmiddlewaretoken"}
    if params.get("method") != "alipay.trade.page.pay" or not _app_signature_ok(params):
        return render(
            request, "standins/alipay.html", {"error": "签名验证失败：请求不是由本商城的应用私钥签名的。"}, status=400
        )
    try:
        biz = json.loads(params["biz_content"])
    except (KeyError, ValueError):
        return render(request, "standins/alipay.html", {"error": "biz_content 格式错误。"}, status=400)
    if request.method == "GET":
        # As Alipay's cashier: a way back to the shop without paying (the order stays unpaid).
        back = urllib.parse.urljoin(params.get("return_url", ""), "/user_center_order.html")
        return render(request, "standins/alipay.html", {"params": params, "biz": biz, "back_url": back})

    trade_no = f"{timezone.localtime():%Y%m%d}2200{secrets.randbelow(10**12):012d}"
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")
    if params.get("notify_url"):
        notice = {"notify_type": "trade_status_sync", "notify_time": now, "notify_id": secrets.token_hex(16),
                  "trade_status": "TRADE_SUCCESS", "gmt_payment": now}  # fmt: skip
        _notify(params["notify_url"], _answer(params, biz, trade_no, **notice))
    returned = _answer(params, biz, trade_no, method="alipay.trade.page.pay.return")
    return HttpResponseRedirect(f"{params['return_url']}?{urllib.parse.urlencode(returned)}")


urlpatterns = [path("gateway/", gateway, name="alipay-standin-gateway")]
