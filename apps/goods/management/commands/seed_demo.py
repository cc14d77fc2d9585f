import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from apps.goods.demo.seed import demo_products_count, demo_seed
from apps.goods.models import SKU
from apps.users.models import User

DEFAULT_ADMIN = "admin"
DEFAULT_ADMIN_MOBILE = "13000000000"
# Development only: `make run` prints these. Set DEMO_ADMIN_PASSWORD for another one.
DEFAULT_ADMIN_PASSWORD = "meiduo-admin-2026"  # noqa: S105 - a development default, printed on purpose


class Command(BaseCommand):
    help = (
        "Fill the mall with a demo catalog (categories, ~30 products, ~130 SKUs with drawn images), index "
        "contents and an operator account; then generate the pages and the search index. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skus", type=int, default=0, metavar="N", help="add generated SKUs until there are N (benchmarks)"
        )
        parser.add_argument("--no-pages", action="store_true", help="skip generating the pages and the search index")

    def handle(self, *args: Any, **options: Any) -> None:
        bars = {"disable": None, "leave": False}
        with (
            tqdm(total=demo_products_count(), desc="Demo products", unit="product", **bars) as products,
            tqdm(
                total=max(options["skus"] - SKU.objects.count(), 0), desc="Generated SKUs", unit="sku", **bars
            ) as bulk,
        ):
            result = demo_seed(extra_skus_to=options["skus"], progress=products.update, bulk_progress=bulk.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalog ready: {result.categories} categories, {result.spus} SPUs, {result.skus} SKUs, "
                f"{result.images} pictures and {result.contents} index contents added "
                f"({SKU.objects.count()} SKUs in all)."
            )
        )
        self._operator()
        if not options["no_pages"]:
            call_command("regenerate_pages", stdout=self.stdout)
            call_command("rebuild_index", interactive=False, verbosity=0)
            self.stdout.write("Search index rebuilt.")

    def _operator(self) -> None:
        if User.objects.filter(username=DEFAULT_ADMIN).exists():
            self.stdout.write(f"Operator account {DEFAULT_ADMIN!r} exists; its password is unchanged.")
            return
        User.objects.create_superuser(
            username=DEFAULT_ADMIN,
            email="admin@meiduo.site",
            mobile=DEFAULT_ADMIN_MOBILE,
            password=os.environ.get("DEMO_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD),
        )
        self.stdout.write(self.style.SUCCESS(f"Operator account {DEFAULT_ADMIN!r} created."))
