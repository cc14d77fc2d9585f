"""The OAuth 2.0 providers: QQ (QQ 互联) and Weibo. Each knows its authorize URL and how to
turn the code the browser brings back into the provider's id of the person (QQ's openid,
Weibo's uid). The HTTP, the timeouts and the error handling are shared."""

import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
JSONP = re.compile(r"^\s*callback\(\s*(?P<body>\{.*\})\s*\);?\s*$", re.DOTALL)


class ProviderError(Exception):
    """The provider could not be reached, or refused the code."""


def parse_answer(text: str) -> dict[str, Any]:
    """A provider's answer in any of the forms QQ uses: JSON, JSONP `callback( {...} );`, or
    form-encoded `access_token=...&expires_in=...`."""
    match = JSONP.match(text)
    body = match.group("body") if match else text.strip()
    if body.startswith("{"):
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ProviderError(f"unreadable answer: {text[:200]!r}") from exc
        if not isinstance(data, dict):
            raise ProviderError(f"unexpected answer: {text[:200]!r}")
        return data
    return dict(parse_qsl(body))


@dataclass(frozen=True)
class Provider:
    key: str  # "qq" or "sina": the URL segment and the token purpose
    name: str  # what the shopper reads in messages
    base_url: str
    client_id: str
    client_secret: str
    redirect_uri: str

    def _call(self, method: str, path: str, **params: str) -> dict[str, Any]:
        url = f"{self.base_url}{path}"
        try:
            if method == "GET":
                response = requests.get(url, params=params, timeout=TIMEOUT_SECONDS)
            else:
                response = requests.post(url, data=params, timeout=TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise ProviderError(f"{url} unreachable: {exc}") from exc
        data = parse_answer(response.text)
        if response.status_code >= 400 or "error" in data or "error_code" in data:
            raise ProviderError(f"{url} answered {response.status_code}: {response.text[:200]!r}")
        return data

    def authorize_url(self, state: str) -> str:
        raise NotImplementedError

    def identity(self, code: str) -> str:
        """The provider's id of the person who authorized with `code`."""
        raise NotImplementedError


class QQProvider(Provider):
    def authorize_url(self, state: str) -> str:
        query = {"response_type": "code", "client_id": self.client_id, "redirect_uri": self.redirect_uri,
                 "state": state, "scope": "get_user_info"}  # fmt: skip
        return f"{self.base_url}/oauth2.0/authorize?{urlencode(query)}"

    def identity(self, code: str) -> str:
        token = self._call(
            "GET", "/oauth2.0/token", grant_type="authorization_code", client_id=self.client_id,
            client_secret=self.client_secret, code=code, redirect_uri=self.redirect_uri, fmt="json",
        )  # fmt: skip
        if not token.get("access_token"):
            raise ProviderError(f"no access_token in {token!r}")
        me = self._call("GET", "/oauth2.0/me", access_token=token["access_token"], fmt="json")
        if not me.get("openid"):
            raise ProviderError(f"no openid in {me!r}")
        return str(me["openid"])


class SinaProvider(Provider):
    def authorize_url(self, state: str) -> str:
        query = {"client_id": self.client_id, "redirect_uri": self.redirect_uri, "state": state,
                 "response_type": "code"}  # fmt: skip
        return f"{self.base_url}/oauth2/authorize?{urlencode(query)}"

    def identity(self, code: str) -> str:
        token = self._call(
            "POST", "/oauth2/access_token", client_id=self.client_id, client_secret=self.client_secret,
            grant_type="authorization_code", code=code, redirect_uri=self.redirect_uri,
        )  # fmt: skip
        if token.get("uid"):
            return str(token["uid"])
        if not token.get("access_token"):
            raise ProviderError(f"no access_token in {token!r}")
        info = self._call("POST", "/oauth2/get_token_info", access_token=token["access_token"])
        if not info.get("uid"):
            raise ProviderError(f"no uid in {info!r}")
        return str(info["uid"])


def provider_get(key: str) -> Provider:
    """The provider named in the URL; settings are read each time (tests change them)."""
    if key == "qq":
        return QQProvider(
            key="qq", name="QQ", base_url=settings.QQ_API_BASE_URL, client_id=settings.QQ_CLIENT_ID,
            client_secret=settings.QQ_CLIENT_SECRET,
            redirect_uri=settings.QQ_REDIRECT_URI or f"{settings.STOREFRONT_URL}/oauth_callback.html",
        )  # fmt: skip
    if key == "sina":
        return SinaProvider(
            key="sina", name="微博", base_url=settings.SINA_API_BASE_URL, client_id=settings.SINA_CLIENT_ID,
            client_secret=settings.SINA_CLIENT_SECRET,
            redirect_uri=settings.SINA_REDIRECT_URI or f"{settings.STOREFRONT_URL}/sina_callback.html",
        )  # fmt: skip
    raise KeyError(key)
