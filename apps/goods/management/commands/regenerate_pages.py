from typing import Any

from django.core.management.base import BaseCommand

from apps.goods import pages
from meiduo_mall.utils.progress import progress_bar


class Command(BaseCommand):
    help = "Regenerate index.html, list.html, search.html and every goods/<sku_id>.html (GENERATED_PAGES_ROOT)."

    def handle(self, *args: Any, **options: Any) -> None:
        with progress_bar(self, total=pages.detail_page_count(), desc="Pages", unit="page") as bar:
            written = pages.generate_all_pages(progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated index.html, list.html, search.html and {written} detail pages in {pages.pages_root()}."
            )
        )
