"""A built site served on 127.0.0.1, the way the documented nginx set-up serves it.

One home for the static server the browser tests and the benchmarks use:
each language's own 404 page (``/en/...`` gets ``en/404.html``), and, when
asked, gzip for text the way ``docs/_snippets/nginx.conf`` does it (Lighthouse
weighs what travels over the wire, so a benchmark without it would measure a
server nobody deploys).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSED_TYPES = ("text/html", "text/css", "text/xml", "application/javascript", "text/javascript", "application/json", "image/svg+xml")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; per-language 404 pages; optional gzip (``compress`` class attribute)."""

    compress = False

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        page = root / "en/404.html" if self.path.startswith("/en/") else root / "404.html"
        self._send_body(404, page.read_bytes(), "text/html; charset=utf-8")

    def do_GET(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?")[0].endswith("/"):
            target = target / "index.html"
        if self.compress and target.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            content_type = self.guess_type(str(target))
            if content_type.split(";")[0] in COMPRESSED_TYPES:
                return self._send_body(200, target.read_bytes(), content_type)
        return super().do_GET()

    def _send_body(self, status: int, body: bytes, content_type: str) -> None:
        gzipped = self.compress and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(site: Path, compress: bool = False) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving ``site`` in a daemon thread; returns the server and its base URL (ends in ``/``)."""
    handler = functools.partial(type("Handler", (SiteHandler,), {"compress": compress}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
