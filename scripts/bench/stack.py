"""What the benchmarks run on: the production settings against the MariaDB and Redis of
scripts/services.sh (a database and Redis databases of the bench's own), served by gunicorn
with deploy/gunicorn.conf.py and 3 sync workers, beside the bare ceiling project served the
same way.

Only what cannot be production's is changed: plain HTTP on 127.0.0.1 (DJANGO_SECURE=0),
local files and Tantivy, workers never recycled during a run (--max-requests 0, so the memory
measured is that of the workers that served the load).
"""

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from meiduo_mall.utils.envfile import dotenv
from scripts.rehearsal.stack import filled, free_port

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
BENCH_DIR = ROOT / "var" / "bench"
WORKERS = 3
DB_PORT = int(os.environ.get("TEST_DB_PORT", "3307"))
REPLICA_PORT = int(os.environ.get("TEST_REPLICA_PORT", "3308"))
REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6391"))
# Redis databases of the bench's own on the test Redis (the tests use 0 and 1).
REDIS_DB, BROKER_DB = 8, 9


def database_name(skus: int) -> str:
    return f"meiduo_bench_{skus}"


def environment(skus: int) -> dict[str, str]:
    """The production settings' environment for a catalog of `skus` SKUs."""
    env = filled(dotenv(ROOT / ".env.example"))
    folder = BENCH_DIR / str(skus)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "meiduo_mall.settings.prod",
            "DJANGO_SECURE": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"mysql://meiduo:meiduo@127.0.0.1:{DB_PORT}/{database_name(skus)}",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/{REDIS_DB}",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/{BROKER_DB}",
            "SEARCH_BACKEND": "tantivy",
            "SEARCH_INDEX_PATH": str(folder / "search_index"),
            "FILE_STORAGE": "local",
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "GENERATED_PAGES_ROOT": str(folder / "pages"),
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            # The bench's shoppers log in and order far more often than one person can.
            "LOGINS_PER_IP_PER_5_MINUTES": "100000",
        }
    )
    env.pop("DATABASE_REPLICA_URL", None)  # one database: the replica is not what is measured
    for name in ("PATH", "HOME", "LANG", "LC_ALL", "TZ"):
        if name in os.environ:
            env[name] = os.environ[name]
    env["PATH"] = f"{VENV_BIN}:{env.get('PATH', '/usr/bin:/bin')}"
    env["PYTHONPATH"] = str(ROOT)
    return env


@dataclass
class Server:
    """gunicorn serving `app`, its log in `log`."""

    name: str
    app: str
    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    process: "subprocess.Popen[bytes] | None" = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_path: str) -> None:
        argv = [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), self.app,
                "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}", "--max-requests", "0"]  # fmt: skip
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped at start; see {self.log}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=5) as answer:
                    if answer.status == 200 and len(self.worker_pids()) == WORKERS:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer {ready_path} within 60 s; see {self.log}")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Memory:
    uss_mb: float  # memory only this process holds: what one more worker costs
    pss_mb: float  # its own plus its share of what it shares (the code loaded before fork)


def memory(pid: int) -> Memory:
    """USS and PSS of a process, from /proc/<pid>/smaps_rollup."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        match = re.match(r"(\w+):\s+(\d+) kB", line)
        if match:
            fields[match.group(1)] = int(match.group(2))
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return Memory(uss / 1024, fields.get("Pss", 0) / 1024)


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time (user + system) these processes have used, from /proc/<pid>/stat; a
    process that has ended counts nothing."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of the line
    return ticks / os.sysconf("SC_CLK_TCK")


def service_pids() -> dict[str, list[int]]:
    """The processes of scripts/services.sh the bench's requests reach: Redis, the MariaDB
    primary and its replica (which applies every write the primary logs), by their ports."""
    found: dict[str, list[int]] = {"redis": [], "mariadb": [], "replica": []}
    wanted = {"redis": f"127.0.0.1:{REDIS_PORT}", "mariadb": f"--port={DB_PORT}", "replica": f"--port={REPLICA_PORT}"}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        program = Path(argv[0].split()[0]).name if argv and argv[0] else ""
        if program not in ("redis-server", "mariadbd", "mysqld"):
            continue
        line = " ".join(argv)
        for name, mark in wanted.items():
            if mark in line and (name == "redis") == (program == "redis-server"):
                found[name].append(int(entry.name))
    return found


def cpu_busy(seconds: float = 2.0) -> float:
    """The fraction of this machine's CPU time spent busy over `seconds` (from /proc/stat)."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values), idle

    total1, idle1 = sample()
    time.sleep(seconds)
    total2, idle2 = sample()
    return 1 - (idle2 - idle1) / max(total2 - total1, 1)
