"""The storefront pages the backend generates from templates/storefront/: index.html (the
category menu and the index contents), list.html and search.html (the menu around pages
the browser fills in), and goods/<sku_id>.html (one per SKU). With GENERATED_PAGES_STYLE
=classic, index.html and goods/<sku_id>.html come from templates/classic/ instead, in the
markup a classic Meiduo storefront's scripts expect (it ships its own list and search pages).

The category menu is computed once per run and handed to every page. A detail page costs
a constant number of queries: its SPU is fetched with all its SKUs, images and
specifications, and every SKU of that SPU can be rendered from that one fetch.
"""

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string

from apps.goods.models import SKU, SPU, Content, GoodsCategory, SKUImage, SKUSpecification, SPUSpecification
from apps.goods.selectors import MenuGroup, category_lineage, category_menu_cached, index_contents

# SPUs fetched per batch when every detail page is regenerated.
SPU_BATCH = 100


def pages_root() -> Path:
    return Path(settings.GENERATED_PAGES_ROOT)


def detail_page_path(sku_id: int) -> Path:
    return pages_root() / "goods" / f"{sku_id}.html"


def write_page(relative_path: str, html: str) -> Path:
    """Write atomically: the web server never serves a half-written page."""
    target = pages_root() / relative_path
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, suffix=".tmp", delete=False) as tmp:
        tmp.write(html)
    os.chmod(tmp.name, 0o644)
    os.replace(tmp.name, target)
    return target


def _menu_context(menu: list[MenuGroup] | None) -> dict[str, Any]:
    return {"categories": category_menu_cached() if menu is None else menu}


def classic_scripts() -> dict[str, list[str]]:
    """The scripts of a classic page, as the classic storefront names them: Vue and axios in
    the head, then its API host files (either may be missing), before the page's script."""
    hosts = list(settings.CLASSIC_HOST_SCRIPTS)
    return {
        "head_scripts": [settings.CLASSIC_VUE_SCRIPT, settings.CLASSIC_AXIOS_SCRIPT, *hosts],
        "optional_scripts": hosts if len(hosts) > 1 else [],
    }


def _template(name: str) -> str:
    """The page set GENERATED_PAGES_STYLE names: ours, or the classic storefronts'."""
    return f"{'classic' if settings.GENERATED_PAGES_STYLE == 'classic' else 'storefront'}/{name}"


# --- index, list, search ----------------------------------------------------------------------


# The index page's floors: content categories `index_<n>f_logo` (the floor's title and
# banner), `index_<n>f_pd` (its links) and `index_<n>f_goods` (its product tiles).
FLOORS = 3


def index_floors(contents: dict[str, list[Content]]) -> list[dict[str, Any]]:
    floors = []
    for n in range(1, FLOORS + 1):
        logo = contents.get(f"index_{n}f_logo", [])
        goods = contents.get(f"index_{n}f_goods", [])
        if not logo and not goods:
            continue
        floors.append(
            {
                "title": logo[0].title if logo else "",
                "banner": logo[0] if logo and logo[0].image else None,
                "links": contents.get(f"index_{n}f_pd", []),
                "goods": goods,
            }
        )
    return floors


def generate_index_page(*, menu: list[MenuGroup] | None = None) -> Path:
    contents = index_contents()
    context = {
        **_menu_context(menu),
        "contents": contents,
        "floors": index_floors(contents),
        "classic": classic_scripts(),
    }
    return write_page("index.html", render_to_string(_template("index.html"), context))


def generate_list_and_search_pages(*, menu: list[MenuGroup] | None = None) -> list[Path]:
    """Ours only: a classic storefront ships its own list.html and search.html, which a
    generated page would hide (the generated folder is served over the storefront's)."""
    if settings.GENERATED_PAGES_STYLE == "classic":
        return []
    context = _menu_context(menu)
    return [
        write_page("list.html", render_to_string("storefront/list.html", context)),
        write_page("search.html", render_to_string("storefront/search.html", context)),
    ]


# --- detail pages --------------------------------------------------------------------------------


def spus_for_detail_pages(spus: QuerySet[SPU]) -> QuerySet[SPU]:
    """These SPUs with everything their SKUs' pages show, in a fixed number of queries."""
    return (
        spus.select_related("category3__parent__parent")
        .prefetch_related(
            Prefetch(
                "skus",
                queryset=SKU.objects.order_by("id").prefetch_related(
                    Prefetch("images", queryset=SKUImage.objects.order_by("sequence", "id")),
                    Prefetch("specs", queryset=SKUSpecification.objects.only("id", "sku_id", "spec_id", "option_id")),
                ),
            ),
            Prefetch("specs", queryset=SPUSpecification.objects.order_by("sequence", "id").prefetch_related("options")),
        )
        .order_by("id")
    )


@dataclass
class SpecChoice:
    value: str
    sku_id: int | None  # the sibling SKU with this option (None: no such SKU on sale)
    active: bool


def spec_switcher(spu: SPU, sku: SKU) -> list[dict[str, Any]]:
    """For each specification of the SPU, its options, each linking to the SKU that has this
    option and the current SKU's options for every other specification."""
    specs = list(spu.specs.all())
    spec_ids = [spec.id for spec in specs]

    def options_of(candidate: SKU) -> tuple[int | None, ...]:
        chosen = {row.spec_id: row.option_id for row in candidate.specs.all()}
        return tuple(chosen.get(spec_id) for spec_id in spec_ids)

    by_options = {options_of(sibling): sibling.id for sibling in spu.skus.all() if sibling.is_launched}
    by_options[options_of(sku)] = sku.id  # the page's own SKU, even when it is off sale
    current = options_of(sku)
    switcher = []
    for position, spec in enumerate(specs):
        choices = []
        for option in spec.options.all():
            wanted = (*current[:position], option.id, *current[position + 1 :])
            choices.append(SpecChoice(option.value, by_options.get(wanted), option.id == current[position]))
        switcher.append({"name": spec.name, "options": choices})
    return switcher


def breadcrumb(category: GoodsCategory, menu: list[MenuGroup]) -> list[dict[str, Any]]:
    urls = {channel["id"]: channel["url"] for group in menu for channel in group.channels}
    lineage = category_lineage(category)
    crumbs = [{"id": cat.id, "name": cat.name, "url": f"/list.html?cat={cat.id}"} for cat in lineage]
    if crumbs and urls.get(lineage[0].id):
        crumbs[0]["url"] = urls[lineage[0].id]
    return crumbs


def render_detail_page(spu: SPU, sku: SKU, menu: list[MenuGroup]) -> str:
    images = [image.image.url for image in sku.images.all()]
    if sku.default_image and sku.default_image.url not in images:
        images.insert(0, sku.default_image.url)
    context = {
        **_menu_context(menu),
        "sku": sku,
        "spu": spu,
        "images": images,
        "specs": spec_switcher(spu, sku),
        "breadcrumb": breadcrumb(spu.category3, menu),
        "classic": classic_scripts(),
    }
    return render_to_string(_template("detail.html"), context)


def generate_detail_pages(*, sku_ids: Iterable[int], menu: list[MenuGroup] | None = None) -> list[Path]:
    """Regenerate the pages of these SKUs and of every other SKU of their SPUs (each page's
    specification switcher links its siblings: a SKU added, withdrawn or given other options
    changes them all); a SKU that no longer exists loses its page."""
    wanted = set(sku_ids)
    menu = category_menu_cached() if menu is None else menu
    written = []
    for spu in spus_for_detail_pages(SPU.objects.filter(skus__in=wanted).distinct()):
        for sku in spu.skus.all():
            written.append(write_page(f"goods/{sku.id}.html", render_detail_page(spu, sku, menu)))
            wanted.discard(sku.id)
    for gone in wanted:
        detail_page_path(gone).unlink(missing_ok=True)
    return written


def _spu_batches() -> Iterator[list[int]]:
    ids = list(SPU.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), SPU_BATCH):
        yield ids[start : start + SPU_BATCH]


def generate_all_pages(*, progress: Callable[[int], None] | None = None) -> int:
    """Every generated page; `progress(n)` is told of each n detail pages written. Pages of
    SKUs that no longer exist are removed. Returns the number of detail pages."""
    menu = category_menu_cached()
    generate_index_page(menu=menu)
    generate_list_and_search_pages(menu=menu)
    written: set[str] = set()
    for batch in _spu_batches():
        count = 0
        for spu in spus_for_detail_pages(SPU.objects.filter(pk__in=batch)):
            for sku in spu.skus.all():
                write_page(f"goods/{sku.id}.html", render_detail_page(spu, sku, menu))
                written.add(f"{sku.id}.html")
                count += 1
        if progress:
            progress(count)
    goods_dir = pages_root() / "goods"
    if goods_dir.exists():
        for stale in goods_dir.glob("*.html"):
            if stale.name not in written:
                stale.unlink()
    return len(written)


def detail_page_count() -> int:
    return SKU.objects.count()
