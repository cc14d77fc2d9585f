"""Alipay page pay (python-alipay-sdk, RSA2): the URL a shopper is sent to (O4), and the
verification of what Alipay sends back, by the browser (O5) or by its servers (O8)."""

import binascii
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from alipay import AliPay
from alipay.exceptions import AliPayException
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from apps.orders.models import OrderInfo
from apps.orders.services import payment_record
from apps.payment.keys import local_keys
from meiduo_mall.utils.exceptions import ServiceError

logger = logging.getLogger(__name__)

PAID_STATUSES = {"TRADE_SUCCESS", "TRADE_FINISHED"}


class AlipayRefusedError(Exception):
    """What claims to come from Alipay does not verify: signature, app id or amount."""


@dataclass(frozen=True)
class AlipayKeys:
    app_private: str
    alipay_public: str


def alipay_keys() -> AlipayKeys:
    if settings.ALIPAY_APP_PRIVATE_KEY and settings.ALIPAY_PUBLIC_KEY:
        return AlipayKeys(settings.ALIPAY_APP_PRIVATE_KEY, settings.ALIPAY_PUBLIC_KEY)
    if settings.ENABLE_LOCAL_STANDINS and settings.ALIPAY_LOCAL_KEYS_DIR:
        keys = local_keys(settings.ALIPAY_LOCAL_KEYS_DIR)
        return AlipayKeys(keys.app_private, keys.alipay_public)
    raise ImproperlyConfigured("Set ALIPAY_APP_PRIVATE_KEY and ALIPAY_PUBLIC_KEY (see .env.example).")


def alipay_client() -> AliPay:
    keys = alipay_keys()
    return AliPay(
        appid=settings.ALIPAY_APP_ID,
        app_private_key_string=keys.app_private,
        alipay_public_key_string=keys.alipay_public,
        sign_type="RSA2",
    )


def notify_url() -> str:
    return settings.ALIPAY_NOTIFY_URL or f"{settings.API_URL}/payment/alipay/notify/"


def page_pay_url(order: OrderInfo) -> str:
    """O4: the gateway URL, signed with the app's key, that pays this order (with freight)
    and brings the shopper back to the storefront's pay_success.html."""
    query = alipay_client().api_alipay_trade_page_pay(
        subject=f"美多商城订单 {order.order_id}",
        out_trade_no=order.order_id,
        total_amount=str(order.total_amount + order.freight),
        return_url=f"{settings.STOREFRONT_URL}/pay_success.html",
        notify_url=notify_url(),
    )
    separator = "&" if "?" in settings.ALIPAY_GATEWAY_URL else "?"
    return f"{settings.ALIPAY_GATEWAY_URL}{separator}{query}"


def _verified(params: dict[str, str]) -> dict[str, str]:
    """The parameters, if Alipay's signature over them verifies and they are for our app."""
    data = dict(params)
    signature = data.pop("sign", "")
    try:
        genuine = bool(signature) and alipay_client().verify(data, signature)
    except (AliPayException, binascii.Error, ValueError):
        genuine = False
    if not genuine:
        raise AlipayRefusedError("bad signature")
    if params.get("app_id") != settings.ALIPAY_APP_ID:
        raise AlipayRefusedError(f"app id {params.get('app_id')!r} is not ours")
    return params


def _record(params: dict[str, str]) -> str:
    try:
        amount = Decimal(params.get("total_amount", ""))
    except InvalidOperation as exc:
        raise AlipayRefusedError("amount is not a number") from exc
    try:
        payment = payment_record(
            order_id=params.get("out_trade_no", ""), trade_id=params.get("trade_no", ""), amount=amount
        )
    except ServiceError as exc:
        raise AlipayRefusedError(exc.message) from exc
    return payment.trade_id


def payment_return_verify(params: dict[str, str]) -> str:
    """O5: the parameters Alipay put on the shopper's way back. Returns the trade id."""
    return _record(_verified(params))


def payment_notify_verify(params: dict[str, str]) -> str | None:
    """O8: Alipay's asynchronous notification. Returns the trade id of a payment, None for a
    verified notice of something else (a trade waiting or closed), which changes nothing."""
    _verified(params)
    if params.get("trade_status") not in PAID_STATUSES:
        logger.info("Alipay notice for %s: %s", params.get("out_trade_no"), params.get("trade_status"))
        return None
    return _record(params)
