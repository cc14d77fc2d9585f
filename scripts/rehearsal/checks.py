"""What the production rehearsal checks, through nginx only (and the front proxy before it),
on the stack of scripts/rehearsal/stack.py. Each check raises AssertionError on failure."""

import http.client
import json
import re
import shlex
import ssl
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page, Response, expect, sync_playwright

from scripts.rehearsal.stack import (
    API_HOST,
    FRONT_PROXY_ADDRESS,
    SHOPPER_NAME,
    VENV_BIN,
    WWW_HOST,
    Stack,
    interpolate,
    main_paths,
)

CHROMIUM = "/usr/bin/chromium"
Check = Callable[[Stack], None]


# --- HTTP as a browser behind the front proxy, or as the front proxy itself ---------------


def fetch(stack: Stack, url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET `url` (https://www|api.meiduo.site:<port>/...) through the TLS front proxy."""
    parts = urlsplit(url)
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the rehearsal's own certificate
    connection = http.client.HTTPSConnection(FRONT_PROXY_ADDRESS, stack.ports["front"], timeout=30, context=context)
    return _get(connection, parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""), headers)


def fetch_from(
    stack: Stack, source: str, host: str, path: str, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    """GET straight from nginx, connecting from the address `source` (a front proxy or not)."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.ports["nginx"], timeout=30, source_address=(source, 0))
    return _get(connection, host, path, headers)


def _get(
    connection: http.client.HTTPConnection, host: str, path: str, headers: dict[str, str] | None
) -> tuple[int, dict[str, str], bytes]:
    try:
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# --- the checks -----------------------------------------------------------------------------


def check_compose_healthchecks(stack: Stack) -> None:
    """Every healthcheck of docker-compose.yml, run as written; only `localhost` and its port
    become the rehearsal's address (and `python` the venv's)."""
    _, primary_port, replica_port = main_paths()
    local: dict[str, dict[str, Any]] = {
        "nginx": {"http://localhost/": f"http://127.0.0.1:{stack.ports['nginx']}/"},
        "web": {"localhost:8000": f"127.0.0.1:{stack.ports['web']}", "python": str(VENV_BIN / "python")},
        "mysql-primary": {"--host=localhost": ["--host=127.0.0.1", f"--port={primary_port}"]},
        "mysql-replica": {"--host=localhost": ["--host=127.0.0.1", f"--port={replica_port}"]},
        "redis": {"redis-cli": ["redis-cli", "-p", str(stack.ports["redis"])]},
        "fdfs-tracker": {"localhost/22122": f"127.0.0.1/{stack.ports['fdfs-tracker']}"},
        "fdfs-storage": {"localhost/23000": f"127.0.0.1/{stack.ports['fdfs-storage']}"},
    }
    not_rehearsed = {"elasticsearch"}  # no Elasticsearch here (scripts/rehearsal/stack.py)
    with_checks = {name for name, service in stack.compose["services"].items() if "healthcheck" in service}
    assert with_checks - not_rehearsed == set(local), f"healthchecks not rehearsed: {with_checks - set(local)}"
    failures = []
    for service, changes in local.items():
        written = stack.compose["services"][service]["healthcheck"]["test"]
        kind, *test = [interpolate(part, stack.variables) for part in written]
        if kind == "CMD-SHELL":
            argv = ["sh", "-c", _replace_in(test[0], changes)]
        else:
            argv = []
            for part in test:
                change = changes.get(part)
                argv += change if isinstance(change, list) else [change] if change else [_replace_in(part, changes)]
        env = {**stack.app_env} if service == "web" else {"PATH": stack.app_env["PATH"]}
        result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=30, check=False)
        if result.returncode != 0:
            failures.append(f"{service}: {shlex.join(argv)} → {result.returncode} {result.stdout}{result.stderr}")
    assert not failures, "\n".join(failures)


def _replace_in(text: str, changes: dict[str, Any]) -> str:
    for old, new in changes.items():
        if isinstance(new, str):
            text = text.replace(old, new)
    return text


def check_index_is_served_at_the_root(stack: Stack) -> None:
    status, headers, body = fetch(stack, f"{stack.www}/")
    assert status == 200, f"{stack.www}/ answered {status}"
    assert "text/html" in headers.get("content-type", "")
    assert "美多商城" in body.decode(), "/ is not the generated index page"


def check_missing_pages_get_the_storefront_404_and_icons_exist(stack: Stack) -> None:
    status, headers, body = fetch(stack, f"{stack.www}/goods/99999.html")
    assert status == 404, f"a missing detail page answered {status}"
    assert "页面不存在" in body.decode(), "a missing page is not the storefront's 404 page"
    for host in (stack.www, stack.api):
        url = f"{host}/favicon.ico"
        status, headers, _ = fetch(stack, url)
        if status == 302:  # the API's points at its static icon
            url = urljoin(url, headers["location"])
            status, headers, _ = fetch(stack, url)
        assert status == 200, f"{url} answered {status}"
        assert headers.get("content-type", "").startswith("image/"), headers


def check_health(stack: Stack) -> None:
    status, _, body = fetch(stack, f"{stack.api}/health/")
    assert status == 200, body
    report = _json(body)
    assert (report["database"], report["redis"], report["replica"]) == ("ok", "ok", "ok"), report


def check_plain_http_is_redirected_to_https(stack: Stack) -> None:
    status, headers, _ = fetch_from(stack, "127.0.0.1", API_HOST, "/health/", {})
    assert status == 301, status
    assert headers["location"] == f"https://{API_HOST}/health/", headers["location"]


def check_an_image_url(stack: Stack) -> None:
    index = fetch(stack, f"{stack.www}/")[2].decode()
    urls = re.findall(rf"{re.escape(stack.www)}/group1/M00/[^\"' )]+", index)
    assert urls, "the index page names no FastDFS image"
    status, headers, body = fetch(stack, urls[0])
    assert status == 200, f"{urls[0]} answered {status}"
    assert headers.get("content-type", "").startswith("image/"), headers
    assert body[:2] == b"\xff\xd8", "not a JPEG"


def check_shopper_address_reaches_the_throttles(stack: Stack) -> None:
    """A shopper named by the trusted front proxy is throttled as themselves: after the limit
    (IMAGE_CODES_PER_IP_PER_MINUTE=5 here) they wait, another shopper does not; a client that
    is not the front proxy cannot choose its address with the header."""

    def captcha(source: str, shopper: str) -> int:
        return fetch_from(stack, source, API_HOST, f"/image_codes/{uuid.uuid4()}/",
                          {"X-Forwarded-For": shopper, "X-Forwarded-Proto": "https"})[0]  # fmt: skip

    first = [captcha(FRONT_PROXY_ADDRESS, "203.0.113.7") for _ in range(6)]
    assert first == [200] * 5 + [429], first
    assert captcha(FRONT_PROXY_ADDRESS, "203.0.113.8") == 200
    # not the front proxy: its header is ignored, so changing it changes nothing
    forged = [captcha("127.0.0.4", f"198.51.100.{n}") for n in range(6)]
    assert forged == [200] * 5 + [429], forged
    web_log = (stack.logs / "web.log").read_text(errors="replace")
    assert re.search(r'^203\.0\.113\.7 "GET /image_codes/', web_log, re.MULTILINE), "gunicorn never saw 203.0.113.7"
    assert "198.51.100." not in web_log
    assert re.search(r'^127\.0\.0\.4 "GET /image_codes/', web_log, re.MULTILINE)


@contextmanager
def browser_page(stack: Stack) -> Iterator[tuple[Page, list[str], list[Response]]]:
    """Chromium resolving the shop's hosts to the front proxy; errors and answers recorded."""
    rules = f"MAP {WWW_HOST} {FRONT_PROXY_ADDRESS}, MAP {API_HOST} {FRONT_PROXY_ADDRESS}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[f"--host-resolver-rules={rules}", "--ignore-certificate-errors", "--disable-gpu", "--disable-quic",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, ignore_https_errors=True)
        context.set_default_timeout(20_000)
        page = context.new_page()
        errors: list[str] = []
        answers: list[Response] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("response", lambda response: answers.append(response))
        try:
            yield page, errors, answers
        finally:
            browser.close()


def check_admin_and_docs_load_every_asset(stack: Stack) -> None:
    with browser_page(stack) as (page, errors, answers):
        for path in ("/admin/login/", "/docs/"):
            answers.clear()
            page.goto(f"{stack.api}{path}")
            page.wait_for_load_state("networkidle")
            assets = [a for a in answers if a.request.resource_type in ("stylesheet", "script")]
            kinds = {a.request.resource_type for a in assets}
            assert kinds == {"stylesheet", "script"}, f"{path} loaded no CSS or no JavaScript: {kinds}"
            broken = [f"{a.status} {a.url}" for a in answers if a.status != 200]
            assert not broken, f"{path}: {broken}"
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("美多商城")
        assert not errors, errors


def check_shopper_journey(stack: Stack) -> None:
    """index → list → detail → add to cart → log in → place an order → my orders."""
    password = stack.app_env["REHEARSAL_SHOPPER_PASSWORD"]
    with browser_page(stack) as (page, errors, answers):
        page.goto(f"{stack.www}/")
        page.locator(".menu-group", has_text="手机").first.hover()
        page.locator(".group-panel").get_by_role("link", name="手机", exact=True).click()
        page.wait_for_url("**/list.html?cat=*")
        expect(page.locator(".goods-grid .goods-card").first).to_be_visible()

        page.locator(".goods-grid .goods-card").first.click()
        page.wait_for_url("**/goods/*.html")
        name = page.locator(".sku-name").inner_text()
        page.get_by_role("button", name="加入购物车").click()
        expect(page.locator(".buy-note.added")).to_be_visible()

        page.goto(f"{stack.www}/cart.html")
        expect(page.locator(".cart-line")).to_have_count(1)  # the guest's (Secure) cart cookie
        page.get_by_role("button", name="去结算").click()
        page.wait_for_url("**/login.html?next=*")
        page.fill("#username", SHOPPER_NAME)
        page.fill("#password", password)
        page.get_by_role("button", name="登 录").click()
        page.wait_for_url("**/place_order.html")  # on to checkout
        expect(page.locator(".order-line", has_text=name)).to_have_count(1)  # merged on login
        expect(page.locator(".address-choice.chosen")).to_contain_text("王小美")
        page.get_by_label("货到付款").check()
        page.get_by_role("button", name="提交订单").click()
        page.wait_for_url("**/order_success.html?*")
        order_id = page.locator(".order-id").inner_text()

        page.goto(f"{stack.www}/user_center_order.html")
        card = page.locator(f".order-card[data-order-id='{order_id}']")
        expect(card).to_contain_text(name)
        expect(card.locator(".status")).to_have_text("待发货")

        images = [a for a in answers if a.request.resource_type == "image" and "/group1/" in a.url]
        assert images, "no product image came from FastDFS"
        broken = [f"{a.status} {a.url}" for a in answers if a.status >= 400]
        assert not broken, broken
        assert not errors, errors


SECRETS_SENT = {
    "www": ["/oauth_callback.html?code=rehearsal-code-1&state=rehearsal-state-2"],
    "api": ["/sms_codes/?access_token=rehearsal-token-3",
            "/emails/verification/?token=rehearsal-token-5"],
}  # fmt: skip


def check_no_secret_reaches_a_log(stack: Stack) -> None:
    """OAuth codes and states, tokens: sent as shoppers' browsers send them, through the
    front proxy; then no log of the stack (nginx, gunicorn, workers) holds one."""
    for host, paths in SECRETS_SENT.items():
        for path in paths:
            fetch(stack, f"{stack.www if host == 'www' else stack.api}{path}")
    time.sleep(1)  # log lines flushed
    written = "".join(log.read_text(errors="replace") for log in sorted(stack.logs.glob("*.log")))
    leaked = [
        secret for secret in re.findall(r"rehearsal-(?:code|state|token)-\d", str(SECRETS_SENT)) if secret in written
    ]
    assert not leaked, f"in the logs: {leaked}"
    assert "/oauth_callback.html" in written  # the requests were logged, without their secrets


def check_no_server_errors_in_the_logs(stack: Stack) -> None:
    assert not stack.dead(), f"processes exited: {stack.dead()}"
    found = []
    for log in sorted(stack.logs.glob("*.log")):
        for number, line in enumerate(log.read_text(errors="replace").splitlines(), start=1):
            if re.search(r'" 5\d\d \d', line) or "Traceback" in line or "Internal Server Error" in line:
                found.append(f"{log.name}:{number}: {line[:300]}")
    assert not found, "\n".join(found[:20])


def _json(body: bytes) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(body)
    return report


CHECKS: list[Check] = [
    check_compose_healthchecks,
    check_index_is_served_at_the_root,
    check_missing_pages_get_the_storefront_404_and_icons_exist,
    check_health,
    check_plain_http_is_redirected_to_https,
    check_an_image_url,
    check_admin_and_docs_load_every_asset,
    check_shopper_journey,
    check_shopper_address_reaches_the_throttles,
    check_no_secret_reaches_a_log,
    check_no_server_errors_in_the_logs,
]
