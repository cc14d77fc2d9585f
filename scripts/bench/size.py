"""Every scenario of `make bench` on a catalog of one size; run by scripts/bench/__main__.py as

    python -m scripts.bench.size 10000 --out var/bench/10000.json

in a process of its own, configured like the web tier (production settings, the bench's
database for that size), which writes the figures as JSON for the table.
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

from scripts.bench import stack, wrk
from scripts.bench.ceiling import FLOOR_ANSWER_KEY

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10000
os.environ.update(stack.environment(SIZE))

import django  # noqa: E402 - configured by the environment above

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_redis import get_redis_connection  # noqa: E402
from rest_framework_simplejwt.settings import api_settings as jwt_settings  # noqa: E402

from apps.areas.models import Area  # noqa: E402
from apps.carts.stores import Line, RedisCart  # noqa: E402
from apps.goods import pages  # noqa: E402
from apps.goods.models import SKU  # noqa: E402
from apps.orders import services as orders  # noqa: E402
from apps.orders.models import OrderGoods  # noqa: E402
from apps.users.models import Address, User  # noqa: E402
from apps.users.services import login_tokens  # noqa: E402

BUYERS = 200
SOLO_ORDERS = 30
HOT_STOCK = 100
COMMENTS = 30
SEARCH_TEXT = "手机"


def say(text: str) -> None:
    print(f"[bench {SIZE}] {text}", flush=True)


# --- the catalog -----------------------------------------------------------------------------------


def prepare_database() -> None:
    """The bench's database for this size: created, migrated and seeded once, then reused."""
    name = stack.database_name(SIZE)
    call_command("migrate", "--noinput", verbosity=0)
    if not Area.objects.exists():
        call_command("load_areas", verbosity=0)
    if SKU.objects.count() < SIZE:
        say(f"seeding {SIZE} SKUs into {name} (once; later runs reuse it)")
        call_command("seed_demo", "--skus", str(SIZE), "--no-pages")


def create_database() -> None:
    """CREATE DATABASE before Django connects to it (the server's default database)."""
    import MySQLdb

    server = MySQLdb.connect(host="127.0.0.1", port=stack.DB_PORT, user="meiduo", password="meiduo")  # noqa: S106
    try:
        name = stack.database_name(SIZE)
        charset = "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        server.cursor().execute(f"CREATE DATABASE IF NOT EXISTS `{name}` {charset}")
    finally:
        server.close()


def rebuild_index_seconds() -> float:
    started = time.perf_counter()
    call_command("rebuild_index", "--noinput", verbosity=0)
    return time.perf_counter() - started


def buyers() -> list[User]:
    """BUYERS shoppers, each with an address (made once)."""
    made = list(User.objects.filter(username__startswith="bench_buyer_").order_by("id"))
    if len(made) < BUYERS:
        province = Area.objects.filter(parent=None).order_by("id")[0]
        city = Area.objects.filter(parent=province).order_by("id")[0]
        district = Area.objects.filter(parent=city).order_by("id")[0]
        for number in range(len(made), BUYERS):
            user = User.objects.create_user(f"bench_buyer_{number}", password=None, mobile=f"139{number:08d}")
            Address.objects.create(
                user=user, title="家", receiver=f"买家{number}", province=province, city=city, district=district,
                place="测试路 1 号", mobile=f"139{number:08d}",
            )  # fmt: skip
        made = list(User.objects.filter(username__startswith="bench_buyer_").order_by("id"))
    return made


def biggest_category() -> int:
    row = (
        SKU.objects.filter(is_launched=True).values("category").annotate(n=Count("id")).order_by("-n", "category")
    ).first()
    assert row, "the catalog has no SKU on sale"
    return int(row["category"])


def commented_sku(users: list[User]) -> SKU:
    """A SKU with COMMENTS comments, left by buyers through the order services (made once)."""
    sku = SKU.objects.filter(is_launched=True).order_by("id").first()
    assert sku is not None
    commented = OrderGoods.objects.filter(sku=sku, is_commented=True).count()
    for user in users[commented:COMMENTS]:
        sku.refresh_from_db()
        sku.stock += 10
        sku.save()  # as an operator restocks: the stock gate reads it again
        address = user.addresses.first()
        assert address is not None
        RedisCart(user.pk).put(sku.pk, Line(1, True))
        order = orders.order_create(user=user, address_id=address.pk, pay_method=1)
        orders.orders_mark_shipped(order_ids=[order.order_id])
        orders.order_receipt_confirm(user=user, order_id=order.order_id)
        orders.order_comment_create(
            user=user, order_id=order.order_id, sku_id=sku.pk, comment=f"第 {user.pk} 位买家：很好用，推荐。",
            score=5, is_anonymous=False,
        )  # fmt: skip
    return sku


# --- the scenarios -----------------------------------------------------------------------------------


def ratio_figures(ratio: wrk.Ratio) -> dict[str, Any]:
    return {
        "ratio_median": ratio.median,
        "ratio_min": min(ratio.ratios),
        "ratio_max": max(ratio.ratios),
        "rps": ratio.product_rps,
        "ceiling_rps": ratio.ceiling_rps,
        "p50_ms": ratio.product_p("50"),
        "p99_ms": ratio.product_p("99"),
        "errors": ratio.errors,
        # CPU milliseconds per request: the mall's workers and the services, and the bare view's
        "cpu_ms": ratio.product_cpu(),
        "ceiling_cpu_ms": ratio.ceiling_cpu(),
    }


@dataclass
class Run:
    """The two servers of a run and how long each figure is measured."""

    product: stack.Server
    ceiling: stack.Server
    quartets: int
    seconds: int
    services: dict[str, list[int]] = field(default_factory=stack.service_pids)

    def meter(self, server: stack.Server) -> wrk.Meter:
        """CPU seconds so far of the server's workers and of each service."""

        def read() -> dict[str, float]:
            groups = {"workers": server.worker_pids(), **self.services}
            return {name: stack.cpu_seconds(pids) for name, pids in groups.items()}

        return read

    def ratio(self, path: str, *, script: str | None = None, env: dict[str, str] | None = None,
              on: stack.Server | None = None) -> wrk.Ratio:  # fmt: skip
        """`path` on the mall (or `on` another server: the ceiling's floors, ceiling/urls.py)
        against the ceiling's bare view."""
        server = on or self.product
        return wrk.abba(server.url + path, self.ceiling.url + "/bare/", quartets=self.quartets,
                        seconds=self.seconds, script=script, env=env, product_meter=self.meter(server),
                        ceiling_meter=self.meter(self.ceiling))  # fmt: skip


def reads(run: Run, paths: dict[str, str]) -> dict[str, Any]:
    figures = {}
    for name, path in paths.items():
        say(f"{name}: {path}")
        figures[name] = {"path": path, **ratio_figures(run.ratio(path))}
    return figures


def cached_read_floor(run: Run, path: str) -> dict[str, Any]:
    """The least a cached answer costs: the bare view serving a stored answer (this list page's
    own bytes) after one Redis GET."""
    say("floor of a cached read: the bare view, one Redis GET")
    with urllib.request.urlopen(run.product.url + path, timeout=30) as answer:
        get_redis_connection("default").set(FLOOR_ANSWER_KEY, answer.read())
    return ratio_figures(run.ratio("/bare/cached-read/", on=run.ceiling))


def cart(run: Run, users: list[User], sku: SKU) -> dict[str, Any]:
    say("cart: POST then PUT /cart/ by 16 logged-in shoppers")
    if sku.stock < 100:
        sku.stock = 100
        sku.save()
    tokens = ",".join(login_tokens(user=user).access for user in users[:16])
    env = {**os.environ, "BENCH_TOKENS": tokens, "BENCH_SKU": str(sku.pk)}
    figures = ratio_figures(run.ratio("/cart/", script="cart.lua", env=env))
    say("floor of a cart change: the bare view, the token checked, one Redis GET, one script")
    figures["floor"] = ratio_figures(run.ratio("/bare/cart/", script="cart.lua", env=env, on=run.ceiling))
    return figures


def _post_order(url: str, token: str, address_id: int, barrier: threading.Barrier, out: list[Any], i: int) -> None:
    parsed = urllib.parse.urlsplit(url)
    conn = HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port, timeout=60)
    conn.connect()
    body = json.dumps({"address": address_id, "pay_method": 2})
    headers = {"Content-Type": "application/json", "Authorization": f"JWT {token}"}
    barrier.wait()
    started = time.perf_counter()
    conn.request("POST", "/orders/", body=body, headers=headers)
    answer = conn.getresponse()
    answer.read()
    out[i] = (answer.status, started, time.perf_counter())
    conn.close()


def checkout(run: Run, users: list[User]) -> dict[str, Any]:
    """BUYERS shoppers, each with the hot SKU in the cart, released together on HOT_STOCK units."""
    say(f"checkout: {BUYERS} buyers released together on a SKU with stock {HOT_STOCK}")
    hot = SKU.objects.filter(is_launched=True).order_by("-id").first()
    assert hot is not None
    hot.stock = HOT_STOCK
    hot.save()  # as an operator stocks it: the stock gate reads it again
    sold_before = OrderGoods.objects.filter(sku=hot).aggregate(n=Sum("count"))["n"] or 0
    tokens, addresses = [], []
    for user in users:
        RedisCart(user.pk).put(hot.pk, Line(1, True))
        tokens.append(login_tokens(user=user).access)
        address = user.addresses.first()
        assert address is not None
        addresses.append(address.pk)
    before = wrk.run(run.ceiling.url + "/bare/", seconds=run.seconds)
    locks_before = row_lock_status()
    meter = run.meter(run.product)
    cpu_before, client_before = meter(), _own_cpu_seconds()
    out: list[Any] = [None] * len(users)
    barrier = threading.Barrier(len(users) + 1)
    threads = [
        threading.Thread(target=_post_order, args=(run.product.url, tokens[i], addresses[i], barrier, out, i))
        for i in range(len(users))
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    released = time.perf_counter()
    for thread in threads:
        thread.join()
    cpu_after, client_after = meter(), _own_cpu_seconds()
    locks = {name: row_lock_status()[name] - locks_before[name] for name in locks_before}
    # One more buyer once the rush is over: what a refusal itself takes, without the queue.
    late: list[Any] = [None]
    loser = next((i for i, (status, _, _) in enumerate(out) if status != 201), len(out) - 1)  # still has it in the cart
    _post_order(run.product.url, tokens[loser], addresses[loser], threading.Barrier(1), late, 0)
    late_status, late_started, late_ended = late[0]
    after = wrk.run(run.ceiling.url + "/bare/", seconds=run.seconds)
    winners = [end - released for status, _, end in out if status == 201]
    losers = [end - released for status, _, end in out if status != 201]
    hot.refresh_from_db()
    stock_left = hot.stock  # before the solo orders restock it
    sold = (OrderGoods.objects.filter(sku=hot).aggregate(n=Sum("count"))["n"] or 0) - sold_before
    orders_per_second = len(winners) / max(winners) if winners else 0.0
    ceiling_rps = (before.rps + after.rps) / 2
    # The rush's CPU per order placed (the losers' refusals included), by group: what this
    # machine's cores can give orders at most, whatever the locks.
    rush_cpu = {name: cpu_after[name] - cpu_before[name] for name in cpu_after}
    rush_cpu["client"] = client_after - client_before
    cpu_ms_per_order = {name: seconds * 1000 / max(len(winners), 1) for name, seconds in rush_cpu.items()}
    solo = solo_order_cpu_ms(run, users[:SOLO_ORDERS], hot, tokens, addresses)
    cores = os.cpu_count() or 1
    most_orders_per_second = cores * 1000 / max(sum(solo.values()), 0.001)
    statuses: dict[str, int] = {}
    for status, _, _ in out:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "sold": sold,
        "stock_left": stock_left,
        "orders": len(winners),
        "statuses": statuses,
        "orders_per_second": orders_per_second,
        "ceiling_rps": ceiling_rps,
        "ratio": orders_per_second / ceiling_rps,
        "winner_p99_ms": _centile(winners, 99) * 1000,
        "loser_p50_ms": _centile(losers, 50) * 1000 if losers else 0.0,
        "loser_p99_ms": _centile(losers, 99) * 1000 if losers else 0.0,
        "late_refusal_ms": (late_ended - late_started) * 1000,
        "late_status": late_status,
        # InnoDB's own count of waits for row locks during the rush, and their total time
        "row_lock_waits": locks["Innodb_row_lock_waits"],
        "row_lock_wait_ms": locks["Innodb_row_lock_time"],
        "cpu_ms_per_order": cpu_ms_per_order,
        "solo_cpu_ms_per_order": solo,
        "cores": cores,
        "most_orders_per_second": most_orders_per_second,
        "most_ratio": most_orders_per_second / ceiling_rps,
    }


def solo_order_cpu_ms(
    run: Run, users: list[User], hot: SKU, tokens: list[str], addresses: list[int]
) -> dict[str, float]:
    """The CPU one order takes in each group (web workers, Redis, MariaDB, its replica), measured
    on SOLO_ORDERS orders placed one after the other once the rush is over: no lock waits, no
    refusals, no queue. The machine's cores cannot place orders faster than that allows."""
    hot.refresh_from_db()
    hot.stock += len(users)
    hot.save()  # restocked by an operator: the gate reads it again
    for user in users:
        RedisCart(user.pk).put(hot.pk, Line(1, True))
    meter = run.meter(run.product)
    before = meter()
    out: list[Any] = [None]
    for i in range(len(users)):
        _post_order(run.product.url, tokens[i], addresses[i], threading.Barrier(1), out, 0)
        assert out[0][0] == 201, f"a solo order was refused ({out[0][0]})"
    after = meter()
    return {name: (after[name] - before[name]) * 1000 / len(users) for name in after}


def _own_cpu_seconds() -> float:
    """This process's CPU (the 200 buyers' client threads)."""
    times = os.times()
    return times.user + times.system


def row_lock_status() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits', 'Innodb_row_lock_time')")
        return {name: int(value) for name, value in cursor.fetchall()}


def _centile(values: list[float], centile: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100)[centile - 1]


def regeneration_queries(sku: SKU) -> int:
    """The queries of regenerating a SKU's page after the operator saved a new price (the
    worker has generated pages before: what it caches is warm)."""
    pages.generate_detail_pages(sku_ids=[sku.pk])
    sku.price = sku.price + 1
    sku.save()  # outside a transaction: what waits for the commit runs at once
    with CaptureQueriesContext(connection) as queries:
        pages.generate_detail_pages(sku_ids=[sku.pk])
    return len(queries)


def memory(server: stack.Server) -> dict[str, float]:
    measured = [stack.memory(pid) for pid in server.worker_pids()]
    return {
        "uss_mb_max": max(m.uss_mb for m in measured),
        "pss_mb_max": max(m.pss_mb for m in measured),
        "uss_mb_mean": statistics.mean(m.uss_mb for m in measured),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("skus", type=int)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--quartets", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--skip", default="", help="scenarios to leave out: reads,search,cart,checkout")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    figures: dict[str, Any] = {"skus": SIZE}

    connection.close()
    create_database()
    prepare_database()
    say("rebuild_index")
    figures["rebuild_index_s"] = rebuild_index_seconds()
    users = buyers()
    comment_sku = commented_sku(users)
    category = biggest_category()
    figures["regeneration_queries"] = regeneration_queries(comment_sku)
    connection.close()

    folder = stack.BENCH_DIR / str(SIZE)
    product = stack.Server("mall", "meiduo_mall.wsgi", dict(os.environ), folder / "gunicorn-mall.log")
    ceiling_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    # The floors read the bench's Redis and check the mall's tokens.
    ceiling_env.update({"BENCH_FLOOR_REDIS_URL": os.environ["REDIS_URL"], "BENCH_JWT_KEY": jwt_settings.SIGNING_KEY})
    ceiling = stack.Server("ceiling", "scripts.bench.ceiling.wsgi", ceiling_env, folder / "gunicorn-ceiling.log")
    try:
        product.start("/health/")
        ceiling.start("/bare/")
        run = Run(product, ceiling, args.quartets, args.seconds)
        if "reads" not in skip:
            figures["reads"] = reads(run, {
                "list": f"/categories/{category}/skus/?ordering=-price&page=2",
                "list_default": f"/categories/{category}/skus/",
                "breadcrumb": f"/categories/{category}/",
                "comments": f"/skus/{comment_sku.pk}/comments/",
                "hot": f"/categories/{category}/hotskus/",
                "areas": "/areas/",
            })  # fmt: skip
            figures["cached_read_floor"] = cached_read_floor(
                run, f"/categories/{category}/skus/?ordering=-price&page=2"
            )
        if "search" not in skip:
            path = "/skus/search/?text=" + urllib.parse.quote(SEARCH_TEXT)
            figures["search"] = reads(run, {"search": path})["search"]
        if "cart" not in skip:
            figures["cart"] = cart(run, users, comment_sku)
        if "checkout" not in skip:
            figures["checkout"] = checkout(run, users)
        figures["memory"] = memory(product)
        figures["ceiling_memory"] = memory(ceiling)
    finally:
        product.stop()
        ceiling.stop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    say(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
