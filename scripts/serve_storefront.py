#!/usr/bin/env python
"""Serve the static storefront (front_end_pc/) for development: `make run` starts it on
127.0.0.1:8080, and the browser tests start it on 127.0.0.2:8080. Production uses nginx."""

import argparse
import functools
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

STOREFRONT_ROOT = Path(__file__).resolve().parent.parent / "front_end_pc"


class StorefrontHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def __init__(self, *args, quiet: bool = False, generated: Path | None = None, **kwargs):  # type: ignore[no-untyped-def]
        self.quiet = quiet
        self.generated = generated
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        # Pages the backend generates (index.html, goods/<id>.html...) may live in a folder of
        # their own (GENERATED_PAGES_ROOT); they win over the static files.
        static = super().translate_path(path)
        if self.generated is not None:
            candidate = self.generated / Path(static).relative_to(self.directory)
            if candidate.is_file():
                return str(candidate)
        return static

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # A page that does not exist gets the storefront's own 404 page (as from nginx's
        # error_page), not Python's English one.
        page = Path(str(self.directory)) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        # Development: always revalidate, so an edited page or a regenerated one shows at once.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        if not self.quiet:
            super().log_message(format, *args)


def make_server(
    host: str, port: int, root: Path = STOREFRONT_ROOT, quiet: bool = False, generated: Path | None = None
) -> ThreadingHTTPServer:
    handler = functools.partial(StorefrontHandler, directory=str(root), quiet=quiet, generated=generated)
    ThreadingHTTPServer.allow_reuse_address = True
    return ThreadingHTTPServer((host, port), handler)


def serve_in_thread(
    host: str, port: int, root: Path = STOREFRONT_ROOT, generated: Path | None = None
) -> ThreadingHTTPServer:
    """Start a quiet server in a daemon thread; call .shutdown() to stop it."""
    server = make_server(host, port, root, quiet=True, generated=generated)
    threading.Thread(target=server.serve_forever, name="storefront", daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--root", type=Path, default=STOREFRONT_ROOT)
    parser.add_argument("--generated", type=Path, default=None, help="folder of generated pages served over --root")
    args = parser.parse_args()
    if not (args.root / "mall" / "vendor" / "vue.esm-browser.prod.js").exists():
        raise SystemExit(f"{args.root}/mall/vendor is empty: run `npm ci` in {args.root} (make run does).")
    if not (args.root / "404.html").exists():
        raise SystemExit(f"{args.root} has no pages made: run `npm run pages` in {args.root} (make run does).")
    server = make_server(args.host, args.port, args.root, generated=args.generated)
    print(f"Storefront: serving {args.root} at http://{args.host}:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
