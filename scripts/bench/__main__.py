"""`make bench`: the mall's speed as ratios to a bare DRF view measured in the same run.

    .venv/bin/python -m scripts.bench                    # 10 000 and 50 000 SKUs (make bench)
    .venv/bin/python -m scripts.bench --skus 10000 --quartets 1 --skip checkout

For each catalog size, scripts/bench/size.py serves the mall on the production settings
(gunicorn, 3 sync workers, MariaDB, Redis, DEBUG off) beside the ceiling project
(scripts/bench/ceiling/: an APIView returning a constant, Django's default middleware, the
same gunicorn configuration), drives both with wrk in A B B A rounds and prints one table:
each row's ratio (median, min–max over the quartets), its latency, and the goal of issue 17.
The machines drift up to 2x from minute to minute: only the ratios compare across runs.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from scripts.bench import stack

PROCESSOR = "processor\t:"  # one line of /proc/cpuinfo per CPU
# The goal of each ratio row (issue 17): the figure must be at least this.
GOALS = {
    "list": 0.8,
    "list_default": 0.8,
    "breadcrumb": 0.8,
    "comments": 0.8,
    "hot": 0.9,
    "areas": 0.9,
    "cart": 0.7,
    "checkout": 0.3,
}
LABELS = {
    "list": "SKU list /categories/<id>/skus/ (page 2, -price)",
    "list_default": "SKU list, first page, default ordering",
    "breadcrumb": "breadcrumb /categories/<id>/",
    "comments": "comments /skus/<id>/comments/",
    "hot": "hot SKUs /categories/<id>/hotskus/",
    "areas": "areas /areas/",
}


def quiet_machine() -> str:
    busy = stack.cpu_busy()
    verdict = "quiet" if busy < 0.15 else "BUSY: figures of this run are unreliable"
    return f"CPU {busy:.0%} busy before the run ({verdict})"


def mark(value: float, goal: float) -> str:
    return "✔" if value >= goal else "✘"


def ratio_cell(row: dict[str, Any], goal: float) -> str:
    median = row["ratio_median"]
    return f"{median:.2f} ({row['ratio_min']:.2f}–{row['ratio_max']:.2f}) {mark(median, goal)}"


def latency_cell(row: dict[str, Any]) -> str:
    errors = f", {row['errors']} errors" if row["errors"] else ""
    return f"p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms{errors}"


def cpu_cell(cpu: dict[str, float], bare: dict[str, float] | None = None) -> str:
    """CPU milliseconds per request: the workers (the bare view's beside them), then the services."""
    parts = [f"workers {cpu.get('workers', 0):.2f}" + (f" (bare {bare['workers']:.2f})" if bare else "")]
    parts += [
        f"{name} {cpu[name]:.2f}" for name in ("redis", "mariadb", "replica", "client") if cpu.get(name, 0) >= 0.005
    ]
    return "CPU ms/request: " + ", ".join(parts)


def floor_why(row: dict[str, Any], floor: dict[str, Any] | None, goal: float, least: str) -> str:
    """Where a row's time goes, against the floor of its scenario (the bare view doing only
    `least`), and, when the goal is missed, which of the two keeps it from the goal."""
    spent = cpu_cell(row.get("cpu_ms", {}), row.get("ceiling_cpu_ms"))
    if floor is None:
        return spent
    floor_workers = floor["cpu_ms"].get("workers", 0)
    where = f"{spent}; floor (bare view + {least}) {floor['ratio_median']:.2f}, its workers {floor_workers:.2f}"
    if row["ratio_median"] >= goal:
        return where
    if floor["ratio_median"] < goal:
        return f"{where}. ✘ why: {least} alone, on the bare stack, reaches only {floor['ratio_median']:.2f} here"
    return (
        f"{where}. ✘ why: not {least} (the floor reaches {floor['ratio_median']:.2f}): the rest is the mall's own "
        "work per request (its middleware, URL routing, DRF, the cache lookup)"
    )


def checkout_row(row: dict[str, Any]) -> tuple[str, str, str, str, str]:
    exact = row["sold"] == 100 and row["stock_left"] == 0
    figure = (
        f"{row['ratio']:.3f} ({row['orders_per_second']:.0f} orders/s) {mark(row['ratio'], GOALS['checkout'])}; "
        f"sold {row['sold']}, left {row['stock_left']} {'✔' if exact else '✘'}"
    )
    latency = (
        f"winners p99 {row['winner_p99_ms']:.0f} ms, losers p50 {row['loser_p50_ms']:.0f} / p99 "
        f"{row['loser_p99_ms']:.0f} ms (queued behind the rush: 200 requests, 3 workers); a refusal alone "
        f"{row['late_refusal_ms']:.0f} ms"
    )
    cpu, solo = row.get("cpu_ms_per_order", {}), row.get("solo_cpu_ms_per_order", {})
    rush = ", ".join(f"{name} {ms:.1f}" for name, ms in cpu.items() if ms >= 0.05)
    alone = ", ".join(f"{name} {ms:.1f}" for name, ms in solo.items() if ms >= 0.05)
    why = (
        f"CPU ms per order in the rush (its refusals included): {rush}; one order alone: {alone}; "
        f"{row['row_lock_waits']} row lock waits, {row['row_lock_wait_ms']} ms in all"
    )
    if solo and row["ratio"] < GOALS["checkout"]:
        why += (
            f". ✘ why: at {sum(solo.values()):.1f} ms of CPU per order alone, {row['cores']} cores place at most "
            f"{row['most_orders_per_second']:.0f} orders/s = {row['most_ratio']:.3f} of the bare view, locks or not"
        )
    return ("hot-SKU checkout: 200 buyers, stock 100", figure, latency, "≥ 0.3, exactly 100 sold", why)


def rows(figures: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(what, figure, latency, goal, where the time goes) for one catalog size."""
    floor = figures.get("cached_read_floor")
    out = [
        (LABELS[name], ratio_cell(row, GOALS[name]), latency_cell(row), f"≥ {GOALS[name]}",
         floor_why(row, floor, GOALS[name], "one Redis GET"))
        for name, row in figures.get("reads", {}).items()
    ]  # fmt: skip
    if "cart" in figures:
        row = figures["cart"]
        why = floor_why(row, row.get("floor"), GOALS["cart"], "the token checked, one Redis GET, one script")
        out.append(("cart: POST then PUT /cart/, logged in", ratio_cell(row, 0.7), latency_cell(row), "≥ 0.7", why))
    if "checkout" in figures:
        out.append(checkout_row(figures["checkout"]))
    if "search" in figures:
        row = figures["search"]
        figure = f"{row['ratio_median']:.3f}, {row['rps']:.0f} req/s {mark(-row['p99_ms'], -100)}"
        why = cpu_cell(row.get("cpu_ms", {}), row.get("ceiling_cpu_ms"))
        out.append(("search /skus/search/?text=手机", figure, latency_cell(row), "p99 ≤ 100 ms (at 50 000)", why))
    seconds = figures["rebuild_index_s"]
    out.append(("rebuild_index", f"{seconds:.0f} s {mark(-seconds, -60)}", "", "≤ 60 s", ""))
    if "memory" in figures:
        mem, bare = figures["memory"], figures["ceiling_memory"]
        figure = f"{mem['uss_mb_max']:.0f} MB {mark(-mem['uss_mb_max'], -150)}"
        others = f"PSS {mem['pss_mb_max']:.0f} MB; ceiling USS {bare['uss_mb_max']:.0f} MB"
        out.append(("memory per web worker after load (USS)", figure, others, "≤ 150 MB", ""))
    queries = figures["regeneration_queries"]
    out.append(("detail page regeneration, one SKU", f"{queries} queries {mark(-queries, -6)}", "", "≤ 6", ""))
    return out


def table(results: list[dict[str, Any]]) -> str:
    lines = []
    for figures in results:
        lines.append(f"\n{figures['skus']} SKUs")
        lines.append(
            "| what | figure (ratio to the bare view: median (min–max)) | latency | goal | where the time goes |"
        )
        lines.append("|---|---|---|---|---|")
        lines += [
            f"| {what} | {figure} | {latency} | {goal} | {why} |" for what, figure, latency, goal, why in rows(figures)
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skus", type=int, nargs="+", default=[10000, 50000], help="catalog sizes (%(default)s)")
    parser.add_argument("--quartets", type=int, default=2, help="ABBA quartets per figure (default: %(default)s)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per wrk round (default: %(default)s)")
    parser.add_argument("--skip", default="", help="scenarios to leave out: reads,search,cart,checkout")
    args = parser.parse_args()

    print(quiet_machine(), flush=True)
    results = []
    for skus in args.skus:
        out = stack.BENCH_DIR / f"{skus}.json"
        argv = [sys.executable, "-m", "scripts.bench.size", str(skus), "--out", str(out),
                "--quartets", str(args.quartets), "--seconds", str(args.seconds), "--skip", args.skip]  # fmt: skip
        subprocess.run(argv, check=True, cwd=stack.ROOT)
        results.append(json.loads(out.read_text()))
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    machine = f"{cpuinfo.count(PROCESSOR)} × {model}"
    print(f"\nmake bench, {time.strftime('%Y-%m-%d %H:%M')}, {machine}; {quiet_machine()}")
    print(table(results))


if __name__ == "__main__":
    main()
