"""The HTTP server under the stand-ins of third-party APIs: a local port, served in a
thread, where each POST is answered by the stand-in's `answer` with a JSON body."""

import json
import threading
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


@dataclass
class HTTPStandIn:
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port; the real one once started

    def answer(self, path: str, headers: Message, body: bytes) -> tuple[int, Any]:
        """(HTTP status, what to send back as JSON) for a POST to `path`."""
        raise NotImplementedError

    def start(self) -> Self:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, answer = standin.answer(self.path, self.headers, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

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
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"
