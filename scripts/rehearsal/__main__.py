"""`python -m scripts.rehearsal`: start the production topology (stack.py), run every check
(checks.py), stop everything even on failure; exit 1 if anything failed."""

import argparse
import shutil
import sys
import time
import traceback

from scripts.rehearsal.checks import CHECKS
from scripts.rehearsal.stack import LOCAL_CHANGES, ROOT, Stack, main_paths, start_all


def main() -> int:
    argparse.ArgumentParser(
        description=__doc__, epilog="Logs stay in var/rehearsal/logs/ until the next run."
    ).parse_args()
    root = ROOT / "var" / "rehearsal"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    stack = Stack(root=root)
    primary_socket, primary_port, replica_port = main_paths()
    passed, failed = 0, 0
    started = time.monotonic()
    print("Production rehearsal: docker-compose.yml's services from deploy/, without containers. Local changes:")
    for change in LOCAL_CHANGES:
        print(f"    {change}")
    try:
        start_all(stack, primary_socket=primary_socket, primary_port=primary_port, replica_port=replica_port)
        # gunicorn first, so nginx never answers a 502 for an upstream still starting
        for server in ("web", "nginx"):
            stack.wait_for_http(f"http://127.0.0.1:{stack.ports[server]}/health/",
                                headers={"Host": "api.meiduo.site", "X-Forwarded-Proto": "https"})  # fmt: skip
        for check in CHECKS:
            name = check.__name__.removeprefix("check_").replace("_", " ")
            try:
                check(stack)
            except Exception as error:  # noqa: BLE001 - every failure is reported, then the next check runs
                failed += 1
                print(f"FAIL  {name}\n      {type(error).__name__}: {error}".rstrip(), flush=True)
            else:
                passed += 1
                print(f"ok    {name}", flush=True)
    except Exception:  # noqa: BLE001 - a stack that does not start is a failure like any other
        failed += 1
        print("FAIL  starting the production stack", flush=True)
        traceback.print_exc()
    finally:
        stack.stop()
        print(f"Logs: {stack.logs}/ ({time.monotonic() - started:.0f} s)")
    print(f"rehearsal: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
