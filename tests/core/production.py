"""What the tests of the production set-up share: the sample environment of .env.example,
and a clean process environment to start production code in."""

import os
from pathlib import Path

from scripts.rehearsal.stack import dotenv

ROOT = Path(__file__).resolve().parents[2]


def sample_environment() -> dict[str, str]:
    """The variables of .env.example, as a deployment would set them."""
    return dotenv(ROOT / ".env.example")


def bare_environment() -> dict[str, str]:
    """Only what any process needs from ours (no DJANGO_SETTINGS_MODULE, no service URLs)."""
    return {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "VIRTUAL_ENV")}
