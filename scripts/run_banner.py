#!/usr/bin/env python
"""Part of `make run`: once the API and the storefront answer, print where everything is.
Then wait quietly, so the process group keeps running until Ctrl-C."""

import contextlib
import os
import signal
import sys
import time
import urllib.error
import urllib.request

API = "http://127.0.0.1:8000"
STOREFRONT = "http://127.0.0.1:8080"
CHECKS = {"API": f"{API}/health/", "storefront": f"{STOREFRONT}/index.html"}
TIMEOUT_SECONDS = 90
# The operator account seed_demo creates (apps/goods/management/commands/seed_demo.py).
ADMIN_USER = "admin"
ADMIN_PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "meiduo-admin-2026")
# The shopper it creates, with a delivery address.
SHOPPER_USER = "demo_shopper"
SHOPPER_PASSWORD = os.environ.get("DEMO_SHOPPER_PASSWORD", "meiduo-shopper-2026")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # it answered; /health/ says 503 while Redis is still starting
    except OSError:
        return False


def main() -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    waiting = dict(CHECKS)
    while waiting and time.monotonic() < deadline:
        waiting = {name: url for name, url in waiting.items() if not answers(url)}
        if waiting:
            time.sleep(0.5)
    if waiting:
        print(f"Still not answering after {TIMEOUT_SECONDS}s: {', '.join(waiting)}. See the log lines above.")
    print(
        f"""
  ┌──────────────────────────────────────────────────────────────┐
    美多商城 Meiduo Mall is running. Press Ctrl-C to stop it all.

    Storefront     {STOREFRONT}/
    Register       {STOREFRONT}/register.html   (SMS codes and e-mails are
    Log in         {STOREFRONT}/login.html       printed in the "worker" lines)
                   (or as the demo shopper: {SHOPPER_USER} / {SHOPPER_PASSWORD})
    User centre    {STOREFRONT}/user_center_info.html
    Delivery areas {STOREFRONT}/areas.html
    API            {API}/
    API docs       {API}/docs/
    Search         {STOREFRONT}/search.html?q=手机
    Cart           {STOREFRONT}/cart.html
    My orders      {STOREFRONT}/user_center_order.html   (Alipay is a local stand-in)
    Admin          {API}/admin/   (operator: {ADMIN_USER} / {ADMIN_PASSWORD},
                   made by `manage.py seed_demo`)
    Health         {API}/health/
  └──────────────────────────────────────────────────────────────┘
""",
        flush=True,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        signal.pause()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
