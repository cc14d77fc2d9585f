"""The demo mall as `make run` leaves it (seed_demo with its pages), crawled: every link of the
generated storefront (the index's menu, header, footer, quick links and floors, every list
page and every detail page) leads to a page that exists, and every category it links has
goods. A shopper never lands on a 404 or on an empty list."""

import io
import re
from collections import deque
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.core.management import call_command
from playwright.sync_api import Page, expect

from apps.goods.models import SKU

pytestmark = [pytest.mark.usefixtures("areas"), pytest.mark.django_db(transaction=True)]

API = "http://127.0.0.2:8000"
# Links written into the HTML; not Vue's bindings (`:href="line.url"`), which the API fills.
HREF = re.compile(r'(?<![:\w-])href="([^"#{]+)"')
GENERATED = re.compile(r"^/(index\.html|list\.html|search\.html|goods/\d+\.html)?$")


@pytest.fixture
def demo_mall(published_pages: None, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())


def category_sku_ids(category_id: int) -> list[int]:
    """Every SKU a list page of the category shows (G1, page after page)."""
    ids: list[int] = []
    url: str | None = f"{API}/categories/{category_id}/skus/?page_size=20"
    while url:
        answer = requests.get(url, timeout=10)
        assert answer.status_code == 200, f"/list.html?cat={category_id}: G1 answered {answer.status_code}"
        body = answer.json()
        ids += [sku["id"] for sku in body["results"]]
        url = body["next"]
    return ids


def test_no_link_of_the_demo_storefront_leads_to_a_missing_page_or_an_empty_list(
    page: Page, storefront_url: str, demo_mall: None
):
    # the links the shopper sees on the index, the header's and footer's included (drawn by Vue)
    page.goto(f"{storefront_url}/index.html")
    expect(page.locator(".site-footer")).to_be_visible()
    seeds = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")

    seen: set[str] = set()
    queue = deque(seeds)
    empty: list[str] = []
    missing: list[str] = []
    lists = details = 0
    while queue:
        href = queue.popleft()
        url = urlsplit(urljoin(f"{storefront_url}/index.html", href))
        if f"{url.scheme}://{url.netloc}" != storefront_url or href.startswith(("javascript:", "mailto:")):
            continue
        target = url.path + (f"?{url.query}" if url.query else "")
        if target in seen:
            continue
        seen.add(target)
        answer = requests.get(f"{storefront_url}{target}", timeout=10)
        if answer.status_code != 200:
            missing.append(f"{target} ({answer.status_code})")
            continue
        if url.path == "/list.html" and "cat" in parse_qs(url.query):
            lists += 1
            sku_ids = category_sku_ids(int(parse_qs(url.query)["cat"][0]))
            if not sku_ids:
                empty.append(target)
            queue.extend(f"/goods/{sku_id}.html" for sku_id in sku_ids)  # the list's cards
        if GENERATED.match(url.path):
            details += url.path.startswith("/goods/")
            queue.extend(HREF.findall(answer.text))

    assert not missing, f"links to pages that do not exist: {missing}"
    assert not empty, f"links to empty categories: {empty}"
    # and the crawl went everywhere: every menu category and every SKU of the demo
    assert lists >= 15
    assert details >= SKU.objects.filter(is_launched=True).count()
