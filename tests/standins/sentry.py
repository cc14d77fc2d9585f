"""A local stand-in for a Sentry server's ingestion endpoint (`POST /api/<project>/envelope/`).
It checks the DSN's public key and project, unpacks the envelope (gzip or plain) and keeps
the events it received."""

import gzip
import json
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from tests.standins.http import HTTPStandIn

PUBLIC_KEY = "0123456789abcdef0123456789abcdef"
PROJECT_ID = "42"


def envelope_items(body: bytes) -> list[tuple[dict[str, Any], bytes]]:
    """The (item header, payload) pairs of an envelope: a header line, then per item a header
    line and a payload of `length` bytes, or up to the next newline when no length is given."""
    _, _, rest = body.partition(b"\n")
    items = []
    while rest.strip():
        header_line, _, rest = rest.partition(b"\n")
        header = json.loads(header_line)
        if "length" in header:
            payload, rest = rest[: header["length"]], rest[header["length"] + 1 :]
        else:
            payload, _, rest = rest.partition(b"\n")
        items.append((header, payload))
    return items


@dataclass
class SentryStandIn(HTTPStandIn):
    events: list[dict[str, Any]] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    @property
    def dsn(self) -> str:
        return f"http://{PUBLIC_KEY}@{self.host}:{self.port}/{PROJECT_ID}"

    def answer(self, path: str, headers: Message, body: bytes) -> tuple[int, dict[str, Any]]:
        if path != f"/api/{PROJECT_ID}/envelope/":
            return self._refuse(404, f"unknown path {path}")
        if f"sentry_key={PUBLIC_KEY}" not in headers.get("X-Sentry-Auth", ""):
            return self._refuse(401, "wrong or missing public key")
        encoding = headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding not in ("", "identity"):
            return self._refuse(415, f"unsupported encoding {encoding}")
        for header, payload in envelope_items(body):
            if header.get("type") == "event":
                self.events.append(json.loads(payload))
        return 200, {}

    def _refuse(self, status: int, reason: str) -> tuple[int, dict[str, Any]]:
        self.refusals.append(reason)
        return status, {"detail": reason}
