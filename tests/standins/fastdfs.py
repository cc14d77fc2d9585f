"""A local FastDFS cluster in one process: a tracker and a storage node speaking FastDFS's
binary protocol (the part py3Fdfs uses: upload, download and delete), and the storage
node's HTTP server that serves the files at /group1/M00/..., as the storage's nginx does.

No FastDFS package exists for these machines, so the tests and the production rehearsal
(scripts/rehearse_production.sh) talk to this with the real client. It can also misbehave
the ways a real cluster does, for the outage tests:

* `tracker="hang"`: the tracker accepts connections and never answers;
* `tracker="no-storage"`: the tracker answers that no storage node can take the file
  (FastDFS's ENOSPC, 28);
* `storage_port=<port nobody listens on>`: the tracker sends clients to a dead storage node.

    python -m tests.standins.fastdfs --dir var/fdfs --tracker-port 22122 --storage-port 23000 --http-port 8888
"""

import argparse
import os
import secrets
import socket
import socketserver
import struct
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal, Self

GROUP = b"group1"
HEADER = struct.Struct("!QBB")  # package length, command, status
RESPONSE = 100
QUERY_STORE_WITHOUT_GROUP_ONE, QUERY_FETCH_ONE, QUERY_UPDATE = 101, 102, 103
UPLOAD_FILE, DELETE_FILE, DOWNLOAD_FILE = 11, 12, 14
ACTIVE_TEST, QUIT = 111, 82
ENOENT, ENOSPC, EINVAL = 2, 28, 22
GROUP_LEN, IP_LEN, EXT_LEN = 16, 15, 6

TrackerMode = Literal["ok", "hang", "no-storage"]


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 65536))
        if not chunk:
            raise ConnectionError("client went away")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _answer(sock: socket.socket, body: bytes = b"", status: int = 0) -> None:
    sock.sendall(HEADER.pack(len(body), RESPONSE, status) + body)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@dataclass
class FastDFSStandIn:
    root: Path
    host: str = "127.0.0.1"
    tracker_port: int = 0  # 0: any free port; the real one once started
    storage_port: int = 0
    http_port: int = 0
    tracker: TrackerMode = "ok"
    # Where the tracker sends clients; None: this stand-in's own storage node.
    advertised_storage_port: int | None = None
    _servers: list[Any] = field(default_factory=list)

    # --- files -----------------------------------------------------------------------

    def path_of(self, remote_filename: str) -> Path:
        """M00/00/00/abc.jpg → <root>/data/00/00/abc.jpg (store path 0, as FastDFS lays it out)."""
        store_path, _, rest = remote_filename.partition("/")
        if store_path != "M00" or ".." in rest.split("/") or not rest:
            raise ValueError(remote_filename)
        return self.root / "data" / rest

    def files(self) -> list[Path]:
        return sorted(path for path in (self.root / "data").rglob("*") if path.is_file())

    # --- the tracker -----------------------------------------------------------------------

    def _tracker_request(self, sock: socket.socket, command: int, body: bytes) -> None:
        if self.tracker == "hang":
            threading.Event().wait()  # never answers, as a tracker stuck on a full disk
        if command == ACTIVE_TEST:
            return _answer(sock)
        if self.tracker == "no-storage":
            return _answer(sock, status=ENOSPC)
        port = self.advertised_storage_port or self.storage_port
        address = GROUP.ljust(GROUP_LEN, b"\0") + self.host.encode().ljust(IP_LEN, b"\0") + struct.pack("!Q", port)
        if command == QUERY_STORE_WITHOUT_GROUP_ONE:
            return _answer(sock, address + b"\0")  # store path index 0
        if command in (QUERY_FETCH_ONE, QUERY_UPDATE):
            return _answer(sock, address)
        _answer(sock, status=EINVAL)

    # --- the storage node -------------------------------------------------------------------

    def _storage_request(self, sock: socket.socket, command: int, body: bytes) -> None:
        if command == ACTIVE_TEST:
            return _answer(sock)
        if command == UPLOAD_FILE:
            _, size, ext = struct.unpack_from(f"!BQ{EXT_LEN}s", body)
            data = body[1 + 8 + EXT_LEN :]
            if len(data) != size:
                return _answer(sock, status=EINVAL)
            extension = ext.rstrip(b"\0").decode()
            remote = f"M00/00/00/{secrets.token_urlsafe(16)}{'.' + extension if extension else ''}"
            path = self.path_of(remote)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return _answer(sock, GROUP.ljust(GROUP_LEN, b"\0") + remote.encode())
        if command == DELETE_FILE:
            path = self.path_of(body[GROUP_LEN:].decode())
            if not path.exists():
                return _answer(sock, status=ENOENT)
            path.unlink()
            return _answer(sock)
        if command == DOWNLOAD_FILE:
            offset, size = struct.unpack_from("!QQ", body)
            path = self.path_of(body[16 + GROUP_LEN :].decode())
            if not path.exists():
                return _answer(sock, status=ENOENT)
            data = path.read_bytes()[offset : offset + size if size else None]
            return _answer(sock, data)
        _answer(sock, status=EINVAL)

    # --- serving -------------------------------------------------------------------------

    def _tcp_server(self, port: int, handle: Any) -> _Server:
        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                try:
                    while True:  # clients keep their connection for several requests
                        length, command, _ = HEADER.unpack(_read_exactly(sock, HEADER.size))
                        if command == QUIT:
                            return
                        handle(sock, command, _read_exactly(sock, length))
                except (ConnectionError, OSError, ValueError, struct.error):
                    return

        server = _Server((self.host, port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._servers.append(server)
        return server

    def start(self) -> Self:
        (self.root / "data").mkdir(parents=True, exist_ok=True)
        self.tracker_port = self._tcp_server(self.tracker_port, self._tracker_request).server_address[1]
        self.storage_port = self._tcp_server(self.storage_port, self._storage_request).server_address[1]
        data = self.root / "data"

        class Files(SimpleHTTPRequestHandler):
            """GET /group1/M00/00/00/<name>: the storage node's nginx."""

            def translate_path(self, path: str) -> str:
                prefix = "/group1/M00/"
                path = path.split("?", 1)[0]
                if not path.startswith(prefix):
                    return str(data / "missing")
                return super().translate_path("/" + path.removeprefix(prefix))

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(data), **kwargs)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class names it)
                pass

        http = ThreadingHTTPServer((self.host, self.http_port), Files)
        self.http_port = http.server_address[1]
        threading.Thread(target=http.serve_forever, daemon=True).start()
        self._servers.append(http)
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers.clear()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    def client_conf(self, path: Path, *, timeout: int = 2) -> Path:
        """A py3Fdfs client.conf naming this tracker (deploy/fdfs/client.conf's settings)."""
        template = (Path(__file__).resolve().parents[2] / "deploy" / "fdfs" / "client.conf").read_text()
        lines = []
        for line in template.splitlines():
            if line.startswith("tracker_server="):
                line = f"tracker_server={self.host}:{self.tracker_port}"
            elif line.startswith("base_path="):
                line = f"base_path={self.root}"
            lines.append(line)
        path.write_text("\n".join(lines) + "\n")
        return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, required=True, help="where the stored files live")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--tracker-port", type=int, default=22122)
    parser.add_argument("--storage-port", type=int, default=23000)
    parser.add_argument("--http-port", type=int, default=8888)
    args = parser.parse_args()
    standin = FastDFSStandIn(
        root=args.dir, host=args.host, tracker_port=args.tracker_port, storage_port=args.storage_port,
        http_port=args.http_port,
    ).start()  # fmt: skip
    print(
        f"FastDFS stand-in: tracker {args.host}:{standin.tracker_port}, storage {args.host}:{standin.storage_port}, "
        f"files at {standin.base_url}/group1/M00/ (pid {os.getpid()})",
        flush=True,
    )
    threading.Event().wait()


if __name__ == "__main__":
    main()
