"""Env files (.env.example, a deployment's .env): read as docker-compose reads them, and which
of .env.example's samples are secrets a deployment must replace. No Django here: the
settings and the production rehearsal both use it."""

import re
from pathlib import Path


def dotenv(path: Path) -> dict[str, str]:
    """The NAME=value lines of an env file (.env.example), as docker-compose reads them."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name] = value
    return values


_SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|PRIVATE_KEY|_URL$")


def is_sample_secret(name: str, sample: str) -> bool:
    """Whether .env.example's `sample` for `name` is a secret a deployment must replace: the
    secret key, passwords, tokens, private keys, service URLs holding a password, any
    change-me or sample value."""
    if "change-me" in sample or "sample" in sample:
        return True
    return bool(_SECRET_NAME.search(name)) and ("@" in sample or not name.endswith("_URL"))
