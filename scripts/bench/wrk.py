"""wrk (the Debian package) as the load generator, and the ABBA rounds that make a ratio.

A round is `wrk -t2 -c16 -d5s --latency`: its requests per second, p50 and p99. A pair of
rounds on the ceiling (A) frames a pair on the mall (B), A B B A, so a machine that drifts
during the run drifts for both; a figure is the ratio B/A of each such quartet, reported as
its min, median and max over the quartets.
"""

import re
import shutil
import statistics
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LUA_DIR = Path(__file__).resolve().parent / "lua"
# CPU seconds used so far by each group of processes (the server's workers, Redis, MariaDB...).
Meter = Callable[[], dict[str, float]]
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


class WrkError(RuntimeError):
    pass


@dataclass
class Round:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers plus socket errors
    cpu_ms: dict[str, float] = field(default_factory=dict)  # CPU per request of each metered group


@dataclass
class Ratio:
    """B/A of each quartet, with the rounds it came from."""

    ratios: list[float] = field(default_factory=list)
    product: list[Round] = field(default_factory=list)
    ceiling: list[Round] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    def spread(self) -> str:
        return f"{min(self.ratios):.2f}–{max(self.ratios):.2f}"

    def product_p(self, centile: str) -> float:
        return statistics.median(getattr(r, f"p{centile}_ms") for r in self.product)

    @property
    def product_rps(self) -> float:
        return statistics.median(r.rps for r in self.product)

    @property
    def ceiling_rps(self) -> float:
        return statistics.median(r.rps for r in self.ceiling)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.product)

    @staticmethod
    def _cpu(rounds: list[Round]) -> dict[str, float]:
        groups = rounds[0].cpu_ms if rounds else {}
        return {name: statistics.median(r.cpu_ms[name] for r in rounds) for name in groups}

    def product_cpu(self) -> dict[str, float]:
        """Median CPU milliseconds per request of each metered group, on the mall's rounds."""
        return self._cpu(self.product)

    def ceiling_cpu(self) -> dict[str, float]:
        return self._cpu(self.ceiling)


def wrk_path() -> str:
    path = shutil.which("wrk")
    if not path:
        raise WrkError("wrk is not installed: `scripts/system_deps.sh bench` installs it (make bench does).")
    return path


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse(output: str) -> Round:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 and p99 and total):
        raise WrkError(f"wrk's output was not understood:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    p50_ms, p99_ms = _milliseconds(p50.group(1)), _milliseconds(p99.group(1))
    return Round(float(rps.group(1)), p50_ms, p99_ms, int(total.group(1)), errors)


def run(url: str, *, seconds: int, connections: int = 16, threads: int = 2, script: str | None = None,
        env: dict[str, str] | None = None, meter: Meter | None = None) -> Round:  # fmt: skip
    """One round; with a `meter`, the CPU its groups spent per request during it."""
    argv = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        argv += ["-s", str(LUA_DIR / script)]
    before = meter() if meter else {}
    done = subprocess.run([*argv, url], capture_output=True, text=True, env=env, check=False, timeout=seconds + 60)
    after = meter() if meter else {}
    if done.returncode:
        raise WrkError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    measured = parse(done.stdout)
    requests = max(measured.requests, 1)
    measured.cpu_ms = {name: (after[name] - before[name]) * 1000 / requests for name in after}
    return measured


def abba(product_url: str, ceiling_url: str, *, quartets: int, seconds: int, script: str | None = None,
         env: dict[str, str] | None = None, product_meter: Meter | None = None,
         ceiling_meter: Meter | None = None) -> Ratio:  # fmt: skip
    """Quartets of A B B A rounds (A the ceiling, B the mall), after one warm-up of each."""
    run(ceiling_url, seconds=1, script=script, env=env)
    run(product_url, seconds=1, script=script, env=env)
    ratio = Ratio()
    for _ in range(quartets):
        a1 = run(ceiling_url, seconds=seconds, script=script, env=env, meter=ceiling_meter)
        b1 = run(product_url, seconds=seconds, script=script, env=env, meter=product_meter)
        b2 = run(product_url, seconds=seconds, script=script, env=env, meter=product_meter)
        a2 = run(ceiling_url, seconds=seconds, script=script, env=env, meter=ceiling_meter)
        ratio.ceiling += [a1, a2]
        ratio.product += [b1, b2]
        ratio.ratios.append((b1.rps + b2.rps) / (a1.rps + a2.rps))
    return ratio
