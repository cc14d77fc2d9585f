"""Browser tests: headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) loads
the storefront from a static server on 127.0.0.2:8080, which calls the API served by
pytest-django's live server on 127.0.0.2:8000 (see --liveserver in pyproject.toml)."""

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django_redis import get_redis_connection
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from apps.goods import pages
from apps.users.models import User
from apps.users.services import login_tokens
from scripts.serve_storefront import STOREFRONT_ROOT, serve_in_thread

# Playwright's sync API keeps an event loop in this thread; the ORM calls our fixtures make
# between browser steps are still synchronous, one at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STOREFRONT_HOST, STOREFRONT_PORT = "127.0.0.2", 8080


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def storefront_url(django_db_setup, django_db_blocker) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The storefront, with the pages the backend generates (GENERATED_PAGES_ROOT) served over
    front_end_pc/. The index, list and search pages are generated here from the (empty) test
    catalog; tests that add goods regenerate what they show."""
    if not (STOREFRONT_ROOT / "mall" / "vendor" / "vue.esm-browser.prod.js").exists():
        pytest.fail("front_end_pc/mall/vendor is empty: run `npm ci` in front_end_pc (make test does).")
    with django_db_blocker.unblock():
        pages.generate_index_page()
        pages.generate_list_and_search_pages()
    server = serve_in_thread(STOREFRONT_HOST, STOREFRONT_PORT, generated=Path(settings.GENERATED_PAGES_ROOT))
    yield f"http://{STOREFRONT_HOST}:{STOREFRONT_PORT}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def published_pages(live_server) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """For tests that generate catalog pages (and index goods for search): afterwards the
    storefront is back to the empty catalog's pages and the search index is empty."""
    yield
    call_command("clear_index", interactive=False, verbosity=0)
    pages.generate_index_page(menu=[])
    pages.generate_list_and_search_pages(menu=[])
    shutil.rmtree(Path(settings.GENERATED_PAGES_ROOT) / "goods", ignore_errors=True)


def _redis_text(key: str, timeout: float = 10) -> str:
    redis = get_redis_connection("default")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = redis.get(key)
        if value:
            return value.decode()
        time.sleep(0.05)
    raise AssertionError(f"{key} never appeared in Redis")


def read_captcha(page: Page) -> str:
    """What the shopper reads off the captcha image."""
    src = page.locator("img.captcha-img").get_attribute("src")
    image_code_id = urlsplit(src).path.rstrip("/").rsplit("/", 1)[-1]
    return _redis_text(f"verify:image:{image_code_id}")


def read_sms(mobile: str) -> str:
    """What the shopper reads off their phone."""
    return _redis_text(f"verify:sms:{mobile}")


def log_in_as(page: Page, storefront_url: str, user: User) -> None:
    """The shopper logged in with "remember me", as the login page leaves the browser."""
    page.goto(f"{storefront_url}/index.html")
    token = login_tokens(user=user).access
    page.evaluate(
        "([token, id, name]) => { localStorage.setItem('token', token); localStorage.setItem('user_id', id);"
        " localStorage.setItem('username', name); }",
        [token, str(user.pk), user.username],
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, storefront_url: str) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """A fresh browser tab. The test fails if the page throws a JavaScript error."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: _console_error(msg, errors))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


# Chromium logs every 4xx answer as "Failed to load resource"; a 400 for a wrong captcha is
# an answer the page shows the shopper, not a fault. 5xx answers still fail the test.
_HANDLED_ANSWER = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")


def _console_error(message: ConsoleMessage, errors: list[str]) -> None:
    # A request a test aborts on purpose (page.route(...).abort()) is logged as
    # net::ERR_FAILED. Anything else that fails, a CORS refusal say, logs its own error.
    if message.type == "error" and "net::ERR_FAILED" not in message.text and not _HANDLED_ANSWER.search(message.text):
        errors.append(message.text)
