"""Who actually texts the verification code, chosen by SMS_BACKEND.

`console` logs the code (development: whoever runs `make run` reads it from the worker's
output). `ronglian` calls Ronglian Cloud Communication's (容联云通讯) template SMS API:

    POST {RONGLIAN_BASE_URL}/2013-12-26/Accounts/{AccountSid}/SMS/TemplateSMS?sig={SigParameter}
    SigParameter  = upper(MD5(AccountSid + AuthToken + timestamp)), timestamp yyyyMMddHHmmss
    Authorization = base64(AccountSid + ":" + timestamp)
    body          = {"to", "appId", "templateId", "datas": [code, minutes]}
    answer        = {"statusCode": "000000", ...} on success
"""

import base64
import hashlib
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import requests
from django.conf import settings

logger = logging.getLogger("meiduo_mall.sms")

RONGLIAN_TIMEOUT_SECONDS = 5
RONGLIAN_OK = "000000"


class SmsSendError(Exception):
    """The provider could not be reached or refused the message; worth retrying."""


def ronglian_signature(account_sid: str, auth_token: str, timestamp: str) -> str:
    return hashlib.md5(f"{account_sid}{auth_token}{timestamp}".encode()).hexdigest().upper()  # noqa: S324 (Ronglian's protocol)


def send_with_console(mobile: str, code: str, minutes: int) -> None:
    logger.warning("SMS to %s: 您的美多商城验证码是 %s，%d 分钟内有效。", mobile, code, minutes)


def send_with_ronglian(mobile: str, code: str, minutes: int) -> None:
    sid, token = settings.RONGLIAN_ACCOUNT_SID, settings.RONGLIAN_AUTH_TOKEN
    timestamp = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d%H%M%S")
    url = f"{settings.RONGLIAN_BASE_URL.rstrip('/')}/2013-12-26/Accounts/{sid}/SMS/TemplateSMS"
    try:
        response = requests.post(
            url,
            params={"sig": ronglian_signature(sid, token, timestamp)},
            json={
                "to": mobile,
                "appId": settings.RONGLIAN_APP_ID,
                "templateId": settings.RONGLIAN_TEMPLATE_ID,
                "datas": [code, str(minutes)],
            },
            headers={
                "Accept": "application/json",
                "Content-Type": "application/json;charset=utf-8",
                "Authorization": base64.b64encode(f"{sid}:{timestamp}".encode()).decode(),
            },
            timeout=RONGLIAN_TIMEOUT_SECONDS,
        )
        answer = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise SmsSendError(f"Ronglian unreachable or answered garbage: {exc!r}") from exc
    status = str(answer.get("statusCode", "")) if isinstance(answer, dict) else ""
    if status != RONGLIAN_OK:
        raise SmsSendError(f"Ronglian refused the SMS to {mobile}: HTTP {response.status_code}, {answer!r}")


def send_sms(mobile: str, code: str, minutes: int) -> None:
    if settings.SMS_BACKEND == "ronglian":
        send_with_ronglian(mobile, code, minutes)
    else:
        send_with_console(mobile, code, minutes)
