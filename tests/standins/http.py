"""The HTTP server under the stand-ins of third-party APIs: a local port, served in a
thread, where each POST is answered by the stand-in's `answer` with a JSON body."""

import json
import socket
import threading
import time
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


@dataclass
class HTTPStandIn:
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port; the real one once started
    # A slow service: each request is taken up only after this many seconds, and not at all
    # if its client has gone by then (a request nobody waits for any more is dropped).
    answer_delay: float = 0.0
    received: int = 0  # requests that arrived, taken up or not

    def answer(self, path: str, headers: Message, body: bytes) -> tuple[int, Any]:
        """(HTTP status, what to send back as JSON) for a POST to `path`."""
        raise NotImplementedError

    def start(self) -> Self:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                standin.received += 1
                if standin.answer_delay:
                    time.sleep(standin.answer_delay)
                    if self._client_gone():
                        return
                status, answer = standin.answer(self.path, self.headers, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _client_gone(self) -> bool:
                try:
                    return self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
                except BlockingIOError:
                    return False  # connected, and nothing more to read
                except OSError:
                    return True

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
