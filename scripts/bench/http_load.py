#!/usr/bin/env python
"""Load a running mall with GET requests and report throughput and latency.

    scripts/bench/http_load.py /areas/ /areas/440000/ /areas/440300/
    scripts/bench/http_load.py --requests 2000 --concurrency 8 --base http://127.0.0.1:8000 /areas/

Start the mall first. `make run` serves the API with Django's development server, which
is several times slower than production; for production-like numbers run gunicorn:

    DJANGO_SETTINGS_MODULE=meiduo_mall.settings.dev .venv/bin/gunicorn meiduo_mall.wsgi -b 127.0.0.1:8001 -w 2
    scripts/bench/http_load.py --base http://127.0.0.1:8001 /areas/

Paths are requested round-robin; the first round warms the caches and is not counted.
Numbers depend on the machine: compare runs made on the same one (before and after a
change), never assert on them in tests.
"""

import argparse
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

_local = threading.local()


def _session() -> requests.Session:
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def fetch(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    status = _session().get(url, timeout=10).status_code
    return time.perf_counter() - started, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="API paths to request, e.g. /areas/")
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="API origin (default: %(default)s)")
    parser.add_argument("--requests", type=int, default=1000, help="measured requests (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, default=4, help="parallel clients (default: %(default)s)")
    args = parser.parse_args()

    urls = [args.base.rstrip("/") + path for path in args.paths]
    try:
        for url in urls:
            fetch(url)
    except requests.ConnectionError:
        sys.exit(f"Nothing answers at {args.base}: start the mall with `make run` first.")

    plan = [urls[i % len(urls)] for i in range(args.requests)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(fetch, plan))
    elapsed = time.perf_counter() - started

    latencies = sorted(seconds * 1000 for seconds, _ in results)
    errors = sum(1 for _, status in results if status >= 400)
    centiles = statistics.quantiles(latencies, n=100)
    print(f"{len(results)} requests to {len(urls)} path(s), {args.concurrency} clients, {elapsed:.2f} s")
    print(f"throughput  {len(results) / elapsed:8.1f} req/s")
    p50, p95, p99 = centiles[49], centiles[94], centiles[98]
    print(f"latency ms  p50 {p50:.1f}   p95 {p95:.1f}   p99 {p99:.1f}   max {latencies[-1]:.1f}")
    if errors:
        print(f"errors      {errors} answers with status >= 400")
        sys.exit(1)


if __name__ == "__main__":
    main()
