import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from apps.areas.models import Area
from apps.goods.demo.seed import demo_products_count, demo_seed
from apps.goods.models import SKU
from apps.users.models import User
from apps.users.services import AddressFields, address_create
from meiduo_mall.utils.progress import progress_bar

DEFAULT_ADMIN = "admin"
DEFAULT_ADMIN_MOBILE = "13000000000"
# Development only: `make run` prints these. Set DEMO_ADMIN_PASSWORD for another one.
DEFAULT_ADMIN_PASSWORD = "meiduo-admin-2026"  # noqa: S105 - a development default, printed on purpose
# A shopper with a delivery address, to try checkout without registering first.
DEMO_SHOPPER = "demo_shopper"
DEMO_SHOPPER_MOBILE = "13800000001"
DEMO_SHOPPER_PASSWORD = "meiduo-shopper-2026"  # noqa: S105 - a development default, printed on purpose
# 北京市 北京市 东城区 (manage.py load_areas)
DEMO_ADDRESS_AREAS = (110000, 110100, 110101)


class Command(BaseCommand):
    help = (
        "Fill the mall with a demo catalog (categories, ~30 products, ~130 SKUs with drawn images), index "
        "contents, an operator account and a shopper with an address; then generate the pages and the search "
        "index. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skus", type=int, default=0, metavar="N", help="add generated SKUs until there are N (benchmarks)"
        )
        parser.add_argument("--no-pages", action="store_true", help="skip generating the pages and the search index")

    def handle(self, *args: Any, **options: Any) -> None:
        to_generate = max(options["skus"] - SKU.objects.count(), 0)
        with (
            progress_bar(self, total=demo_products_count(), desc="Demo products", unit="product") as products,
            # No bar at all when there is nothing to generate (not a stray "Generated SKUs: 0sku").
            progress_bar(self, total=to_generate, desc="Generated SKUs", unit="sku", shown=bool(to_generate)) as bulk,
        ):
            result = demo_seed(extra_skus_to=options["skus"], progress=products.update, bulk_progress=bulk.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalog ready: {result.categories} categories, {result.spus} SPUs, {result.skus} SKUs, "
                f"{result.images} pictures and {result.contents} index contents added "
                f"({SKU.objects.count()} SKUs in all)."
            )
        )
        if settings.DEMO_ACCOUNTS:
            self._operator()
            self._shopper()
        else:
            self.stdout.write(
                self.style.WARNING(
                    "No demo accounts in production (their passwords are published): make the operator with "
                    "`manage.py createsuperuser`."
                )
            )
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

    def _shopper(self) -> None:
        if User.objects.filter(username=DEMO_SHOPPER).exists():
            self.stdout.write(f"Demo shopper {DEMO_SHOPPER!r} exists; unchanged.")
            return
        areas = Area.objects.in_bulk(DEMO_ADDRESS_AREAS)
        if len(areas) < len(DEMO_ADDRESS_AREAS):
            self.stdout.write(self.style.WARNING("No areas loaded: run `manage.py load_areas` first for the shopper."))
            return
        shopper = User.objects.create_user(
            username=DEMO_SHOPPER,
            mobile=DEMO_SHOPPER_MOBILE,
            password=os.environ.get("DEMO_SHOPPER_PASSWORD", DEMO_SHOPPER_PASSWORD),
        )
        province, city, district = (areas[area_id] for area_id in DEMO_ADDRESS_AREAS)
        address_create(
            user=shopper,
            fields=AddressFields(
                receiver="王小美",
                province=province,
                city=city,
                district=district,
                place="东直门南大街 1 号",
                mobile=DEMO_SHOPPER_MOBILE,
                title="家",
            ),
        )
        self.stdout.write(self.style.SUCCESS(f"Demo shopper {DEMO_SHOPPER!r} created, with a delivery address."))
