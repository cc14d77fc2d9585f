"""Logging in with QQ or Weibo as a shopper would, on the local provider stand-in."""

import re
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from rest_framework.test import APIClient


def code_for(provider: str, test_user: int, next_: str = "/", *, client: APIClient) -> dict[str, str]:
    """What the provider's redirect brings back (code and state) after "authorize as test user
    N", the login having been started (Q1) by `client`, which keeps the state's cookie."""
    login_url = client.get(f"/oauth/{provider}/authorization/", {"next": next_}).json()["login_url"]
    url = urlsplit(login_url)
    page = Client().get(f"{url.path}?{url.query}").content.decode()
    links = re.findall(r'href="([^"]+)">以测试用户 (\d) 授权', page)
    href = next(link for link, n in links if int(n) == test_user).replace("&amp;", "&")
    query = parse_qs(urlsplit(href).query)
    return {"code": query["code"][0], "state": query["state"][0]}
