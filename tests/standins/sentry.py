"""A local stand-in for a Sentry server's ingestion endpoint (`POST /api/<project>/envelope/`).
It checks the DSN's public key and project, unpacks the envelope (gzip or plain) and keeps
the events it received."""

import gzip
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

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
class SentryStandIn:
    host: str = "127.0.0.1"
    port: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    def start(self) -> "SentryStandIn":
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = standin.handle(self.path, self.headers.get("X-Sentry-Auth", ""), body,
                                        self.headers.get("Content-Encoding", ""))  # fmt: skip
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class names it)
                pass

        self.server = ThreadingHTTPServer((self.host, self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def dsn(self) -> str:
        return f"http://{PUBLIC_KEY}@{self.host}:{self.port}/{PROJECT_ID}"

    def handle(self, path: str, auth: str, body: bytes, encoding: str) -> int:
        if path != f"/api/{PROJECT_ID}/envelope/":
            self.refusals.append(f"unknown path {path}")
            return 404
        if f"sentry_key={PUBLIC_KEY}" not in auth:
            self.refusals.append("wrong or missing public key")
            return 401
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding not in ("", "identity"):
            self.refusals.append(f"unsupported encoding {encoding}")
            return 415
        for header, payload in envelope_items(body):
            if header.get("type") == "event":
                self.events.append(json.loads(payload))
        return 200
