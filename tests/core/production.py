"""What the tests of the production set-up share: the sample environment of .env.example,
and a clean process environment to start production code in."""

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from meiduo_mall.utils.envfile import dotenv
from scripts.rehearsal.stack import filled

ROOT = Path(__file__).resolve().parents[2]


def sample_environment() -> dict[str, str]:
    """The variables of .env.example, as published."""
    return dotenv(ROOT / ".env.example")


def filled_environment() -> dict[str, str]:
    """.env.example filled in as an operator does: every sample secret replaced."""
    return filled(sample_environment())


def bare_environment() -> dict[str, str]:
    """Only what any process needs from ours (no DJANGO_SETTINGS_MODULE, no service URLs)."""
    return {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "VIRTUAL_ENV")}


@dataclass
class Gunicorn:
    env: dict[str, str]
    port: int
    log: str = ""


@contextmanager
def gunicorn_running(port: int) -> Iterator[Gunicorn]:
    """gunicorn started as the image starts it (deploy/gunicorn.conf.py, production settings,
    the sample .env) on the test services, one worker on 127.0.0.1:`port`; its log (both
    access and error lines) is in `.log` once the block ends."""
    db = settings.DATABASES["default"]
    replica = f"127.0.0.1:{os.environ.get('TEST_REPLICA_PORT', '3308')}"
    env = {
        **bare_environment(),
        **filled_environment(),
        "DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.prod",
        "DATABASE_URL": f"mysql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/meiduo",
        "DATABASE_REPLICA_URL": f"mysql://meiduo_replica:meiduo_replica@{replica}/meiduo",
        "REDIS_URL": settings.REDIS_URL,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    server = Gunicorn(env=env, port=port)
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "meiduo_mall.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        _wait_until_listening(port)
        yield server
    finally:
        process.terminate()
        server.log, _ = process.communicate(timeout=30)


def _wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise AssertionError(f"gunicorn did not listen on {port} within 30 s")
