"""A local stand-in for Ronglian Cloud Communication's template SMS API. It checks what the
real service checks (account, SigParameter, Authorization, body) and records what it accepted."""

import base64
import hashlib
import json
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.standins.http import HTTPStandIn

ACCOUNT_SID = "8aaf0708standinaccountsid0000001"
AUTH_TOKEN = "standinauthtoken00000000000000ab"
APP_ID = "8aaf0708standinappid00000000001"
TEMPLATE_ID = "1"


@dataclass
class RonglianStandIn(HTTPStandIn):
    messages: list[dict[str, Any]] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    # Answer this many accepted-looking requests with a provider error first (to test retries).
    fail_next: int = 0

    def codes_for(self, mobile: str) -> list[str]:
        return [m["datas"][0] for m in self.messages if m["to"] == mobile]

    def _refuse(self, reason: str) -> tuple[int, dict[str, Any]]:
        self.refusals.append(reason)
        return 200, {"statusCode": "160031", "statusMsg": reason}

    def answer(self, path: str, headers: Message, body: bytes) -> tuple[int, dict[str, Any]]:
        url = urlsplit(path)
        if url.path != f"/2013-12-26/Accounts/{ACCOUNT_SID}/SMS/TemplateSMS":
            return 404, {"statusCode": "111111", "statusMsg": f"unknown path {url.path}"}
        try:
            sid, timestamp = base64.b64decode(headers.get("Authorization", "")).decode().split(":")
        except ValueError:
            return self._refuse("bad Authorization header")
        expected = hashlib.md5(f"{ACCOUNT_SID}{AUTH_TOKEN}{timestamp}".encode()).hexdigest().upper()  # noqa: S324
        if sid != ACCOUNT_SID or parse_qs(url.query).get("sig") != [expected] or len(timestamp) != 14:
            return self._refuse("signature mismatch")
        if not headers.get("Content-Type", "").startswith("application/json"):
            return self._refuse("not JSON")
        message = json.loads(body)
        if message.get("appId") != APP_ID or message.get("templateId") != TEMPLATE_ID:
            return self._refuse("unknown app or template")
        if not isinstance(message.get("datas"), list) or not message.get("to"):
            return self._refuse("bad body")
        if self.fail_next > 0:
            self.fail_next -= 1
            return 200, {"statusCode": "172001", "statusMsg": "网络错误"}
        self.messages.append(message)
        return 200, {"statusCode": "000000", "templateSMS": {"smsMessageSid": f"sid{len(self.messages)}"}}
