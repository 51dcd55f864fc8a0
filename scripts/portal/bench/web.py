"""``portal bench-web``: Lighthouse scores and page weight, printed as a table.

Serves a fresh build on 127.0.0.1 the way ``docs/_snippets/nginx.conf`` does
(gzip for text) and runs Lighthouse 12.2.3 (npm, installed into
``.cache/lighthouse``; 13.x needs Node 22) in its default mobile mode with
Debian's Chromium on a home page, a curriculum module, a narrative, a press
kit, the glossary and the caption workbench, in both languages (``--pages home,workbench``
measures only those). Each page is measured ``runs`` times
and the run with the median Performance score is reported (Lighthouse's own
advice: one run on a busy 2-core machine is noise).

Prints the four category scores, the metrics behind Performance, the bytes of
the first load (uncompressed, which the 300 KB goal is about, and as
transferred), the largest asset and every audit below 100 in the other
categories; then each language's search index size and which goals are met.
Figures, not a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from portal import mkdocs_run
from portal.localserver import serve

LIGHTHOUSE = "lighthouse@12.2.3"
PAGES = [
    ("home", ""),
    ("module", "kurikulum/penetapan-agenda/"),
    ("narrative", "narasi/umum/narasi-tunggal/"),
    ("press kit", "kit-media/ktt-43/"),
    ("glossary", "glosarium/"),
    ("workbench", "alat/keterangan/"),
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGE_BUDGET = 300_000  # bytes, uncompressed, first load
INDEX_BUDGET = 500_000  # bytes, per language
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"


@dataclass
class Measurement:
    name: str
    scores: dict[str, int]
    metrics: dict[str, float]  # FCP/LCP/TBT in ms, CLS unitless
    uncompressed: int
    transferred: int
    largest: tuple[str, int]
    failing: list[str]


def lighthouse_bin(root: Path) -> Path:
    prefix = root / ".cache" / "lighthouse"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "i", "-E", "--prefix", str(prefix), LIGHTHOUSE, "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    return binary


def measure(binary: Path, url: str, name: str, report: Path) -> Measurement:
    subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=dict(os.environ, CHROME_PATH=os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")), check=True,
    )
    data = json.loads(report.read_text())
    audits = data["audits"]
    items = audits["network-requests"]["details"]["items"]
    largest = max(items, key=lambda i: i.get("resourceSize", 0))
    failing = [
        ref["id"] for category in CATEGORIES[1:] for ref in data["categories"][category]["auditRefs"]
        if audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1 and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "metricSavings")
    ]
    return Measurement(
        name=name,
        scores={c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES},
        metrics={m: audits[a]["numericValue"] for m, a in (("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"),
                                                           ("TBT", "total-blocking-time"), ("CLS", "cumulative-layout-shift"))},
        uncompressed=sum(i.get("resourceSize", 0) for i in items),
        transferred=sum(i.get("transferSize", 0) for i in items),
        largest=(largest["url"].rsplit("/", 1)[-1] or largest["url"], largest.get("resourceSize", 0)),
        failing=failing,
    )


def median_run(runs: list[Measurement]) -> Measurement:
    ordered = sorted(runs, key=lambda m: m.scores["performance"])
    return ordered[(len(ordered) - 1) // 2]


def table(rows: list[Measurement], runs: int) -> list[str]:
    out = [
        f"Lighthouse 12.2.3, mobile; median of {runs} run(s) per page; gzip as in docs/_snippets/nginx.conf.",
        "",
        "| page | perf | a11y | best pr. | SEO | FCP s | LCP s | TBT ms | CLS | KB uncompressed | KB transferred | largest asset | audits below 100 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in rows:
        s, k = m.scores, m.metrics
        out.append(
            f"| {m.name} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
            f"| {k['FCP'] / 1000:.1f} | {k['LCP'] / 1000:.1f} | {k['TBT']:.0f} | {k['CLS']:.3f} "
            f"| {m.uncompressed / 1000:.0f} | {m.transferred / 1000:.0f} | {m.largest[0]} ({m.largest[1] / 1000:.0f} KB) "
            f"| {', '.join(m.failing) or '-'} |"
        )
    return out


def goals(rows: list[Measurement], index_sizes: dict[str, int]) -> list[str]:
    misses = [f"{m.name}: {c} {m.scores[c]} < {goal}" for m in rows for c, goal in GOALS.items() if m.scores[c] < goal]
    misses += [f"{m.name}: first load {m.uncompressed / 1000:.0f} KB > {PAGE_BUDGET / 1000:.0f} KB" for m in rows if m.uncompressed > PAGE_BUDGET]
    misses += [f"search index ({lang}) {size / 1000:.0f} KB > {INDEX_BUDGET / 1000:.0f} KB" for lang, size in index_sizes.items() if size > INDEX_BUDGET]
    return ["Goals: all met."] if not misses else ["Goals not met:"] + [f"- {miss}" for miss in misses]


def run(root: Path, runs: int = 3, only: list[str] | None = None) -> str:
    unknown = sorted(set(only or ()) - {name for name, _ in PAGES})
    if unknown:
        raise ValueError(f"unknown page(s) {', '.join(unknown)}; known: {', '.join(name for name, _ in PAGES)}")
    binary = lighthouse_bin(root)
    rows = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-web-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        httpd, base = serve(site, compress=True)  # bound first: the build needs its URL as site_url
        try:
            built = mkdocs_run.build(root, site, quiet=True, site_url=base, skip_pdf=True)
            if built.returncode != 0:
                raise RuntimeError(f"the build failed:\n{built.stderr}")
            for name, path in PAGES:
                if only and name not in only:
                    continue
                for prefix, language in (("", "id"), ("en/", "en")):
                    label = f"{name} ({language})"
                    measured = [measure(binary, base + prefix + path, label, Path(tmp) / "report.json") for _ in range(runs)]
                    rows.append(median_run(measured))
                    print(f"{label}: performance {[m.scores['performance'] for m in measured]}", file=sys.stderr)
        finally:
            httpd.shutdown()
        index_sizes = {lang: (site / p).stat().st_size for lang, p in (("id", "search/search_index.json"), ("en", "en/search/search_index.json"))}
    out = table(rows, runs)
    out += ["", "Search index: " + ", ".join(f"{lang} {size / 1000:.0f} KB" for lang, size in index_sizes.items()), ""]
    out += goals(rows, index_sizes)
    return "\n".join(out)
