"""``portal bench-web``: Lighthouse scores and page weight, printed as a table.

Builds the site with its ``site_url`` set to a local server, serves it on
127.0.0.1, and runs Lighthouse 12.2.3 (npm, installed into
``.cache/lighthouse``; 13.x needs Node 22) in its default mobile mode with
Debian's Chromium on a home page, a curriculum module, a narrative, a press
kit and the glossary, in both languages. Prints the four category scores,
bytes transferred (uncompressed: the local server does not compress) and the
largest asset, then each language's search index size. Figures, not a test:
the goals (98/100/100/100, under 300 KB a page, index under 500 KB) are read
here.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

LIGHTHOUSE = "lighthouse@12.2.3"
PAGES = [
    ("home", ""),
    ("module", "kurikulum/penetapan-agenda/"),
    ("narrative", "narasi/umum/narasi-tunggal/"),
    ("press kit", "kit-media/ktt-43/"),
    ("glossary", "glosarium/"),
]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def lighthouse_bin(root: Path) -> Path:
    prefix = root / ".cache" / "lighthouse"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "i", "-E", "--prefix", str(prefix), LIGHTHOUSE, "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    return binary


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(root: Path) -> str:
    binary = lighthouse_bin(root)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    rows = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-web-") as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base, PORTAL_SKIP_PDF="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                       cwd=root, env=env, check=True)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            for name, path in PAGES:
                for prefix in ("", "en/"):
                    report = Path(tmp) / "report.json"
                    subprocess.run(
                        [str(binary), base + prefix + path, "--quiet", "--output=json", f"--output-path={report}",
                         "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={CHROME_FLAGS}"],
                        env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"), check=True,
                    )
                    data = json.loads(report.read_text())
                    scores = [round(100 * (data["categories"][c]["score"] or 0)) for c in ("performance", "accessibility", "best-practices", "seo")]
                    items = data["audits"]["network-requests"]["details"]["items"]
                    total = sum(i.get("resourceSize", 0) for i in items)
                    largest = max(items, key=lambda i: i.get("resourceSize", 0))
                    failing = [a for c in ("accessibility", "best-practices", "seo") for a in (r["id"] for r in data["categories"][c]["auditRefs"])
                               if data["audits"][a]["score"] is not None and data["audits"][a]["score"] < 1 and data["audits"][a]["scoreDisplayMode"] == "binary"]
                    rows.append((f"{name} ({'en' if prefix else 'id'})", *scores, total, largest, failing))
        finally:
            httpd.shutdown()
        index_sizes = {lang: (site / p).stat().st_size for lang, p in (("id", "search/search_index.json"), ("en", "en/search/search_index.json"))}
    out = ["| page | perf | a11y | best pr. | SEO | KB (uncompressed) | largest asset | failing audits |", "|---|---|---|---|---|---|---|---|"]
    for name, perf, a11y, bp, seo, total, largest, failing in rows:
        asset = f"{largest['url'].rsplit('/', 1)[-1] or largest['url']} ({largest.get('resourceSize', 0) / 1000:.0f} KB)"
        out.append(f"| {name} | {perf} | {a11y} | {bp} | {seo} | {total / 1000:.0f} | {asset} | {', '.join(failing) or '-'} |")
    out.append("")
    out.append("Search index: " + ", ".join(f"{lang} {size / 1000:.0f} KB" for lang, size in index_sizes.items()))
    return "\n".join(out)
