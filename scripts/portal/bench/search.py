"""``portal bench-search``: top-5 hit rate of the query set, with and without Indonesian stemming.

Builds the site twice (``PORTAL_SEARCH_STEMMING=1`` and ``=0``), serves each
build locally and runs every query of ``tests/data/search-queries.yml`` in
Debian's Chromium through Material's own search worker (the worker the
search box talks to: same index, same lunr, same language plugin), then
prints a table: share of queries whose expected page is among the first 5
results, and the size of each language's search index (JSON + ``lunr.id``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from portal import mkdocs_run
from portal.indonesian import PLUGIN
from portal.localserver import serve
from portal.search_index import SEARCH_INDEX

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INDEX = {"id": SEARCH_INDEX.as_posix(), "en": "en/" + SEARCH_INDEX.as_posix()}

# Runs in a page of the built site: Material's worker, set up with one
# language's index, answers each query with result groups (one per page).
_SEARCH_JS = """
async ([index, queries]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const data = await (await fetch(new URL(index, location.href))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const ask = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {...data, options: {suggest: false}}});
  const out = [];
  for (const query of queries) {
    const answer = await ask({type: 2, data: query});
    out.push(answer.data.items.map((group) => group[0].location.split("#")[0]));
  }
  worker.terminate();
  return out;
}
"""


def load_queries(path: Path) -> dict[str, list[dict]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build(root: Path, site: Path, stemming: bool) -> None:
    """The site as ``portal build`` makes it now (commit time), with or without the Indonesian roots."""
    built = mkdocs_run.build(root, site, quiet=True, skip_pdf=True, stemming=stemming)
    if built.returncode != 0:
        raise RuntimeError(f"the build failed:\n{built.stderr}")


def search_all(browser, base: str, language: str, queries: list[str]) -> list[list[str]]:
    """Result pages (index locations, best first) of each query, from Material's worker."""
    page = browser.new_page()
    try:
        page.goto(base + ("en/" if language == "en" else ""), wait_until="load")
        return page.evaluate(_SEARCH_JS, [base + INDEX[language], queries])
    finally:
        page.close()


def index_size(site: Path, language: str) -> int:
    size = (site / INDEX[language]).stat().st_size
    if language == "id" and (site / PLUGIN).exists():
        size += (site / PLUGIN).stat().st_size
    return size


def evaluate(site: Path, query_set: dict[str, list[dict]], browser) -> dict:
    httpd, base = serve(site)
    try:
        figures = {}
        for language, cases in query_set.items():
            results = search_all(browser, base, language, [c["query"] for c in cases])
            misses = [
                (c["query"], c["page"], r[:5]) for c, r in zip(cases, results) if c["page"] not in r[:5]
            ]
            figures[language] = {
                "total": len(cases), "hits": len(cases) - len(misses), "misses": misses,
                "size": index_size(site, language),
            }
        return figures
    finally:
        httpd.shutdown()


def run(root: Path, queries: Path, verbose: bool = False) -> tuple[str, bool]:
    from playwright.sync_api import sync_playwright

    query_set = load_queries(queries)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, stemming in (("before", False), ("after", True)):
                site = Path(tmp) / label
                build(root, site, stemming)
                results[label] = evaluate(site, query_set, browser)
        finally:
            browser.close()
    return table(results, verbose)


def table(results: dict, verbose: bool = False) -> tuple[str, bool]:
    before, after = results["before"], results["after"]
    rows = [f"{'':34} {'before':>14} {'after':>14} {'change':>8}"]
    for language, name in (("id", "Indonesian"), ("en", "English")):
        b, a = before[language], after[language]
        rows.append(
            f"{name + ' queries, expected in top 5':34} {b['hits']:>3}/{b['total']:<3} {b['hits'] / b['total']:>6.0%}"
            f" {a['hits']:>3}/{a['total']:<3} {a['hits'] / a['total']:>6.0%} {(a['hits'] - b['hits']) / b['total']:>+8.0%}"
        )
    for language, name in (("id", "Indonesian"), ("en", "English")):
        b, a = before[language]["size"], after[language]["size"]
        label = f"{name} index bytes" + (" (json + lunr.id)" if language == "id" else " (json)")
        rows.append(f"{label:34} {b:>14,} {a:>14,} {(a - b) / b:>+8.1%}")
    id_share = after["id"]["hits"] / after["id"]["total"]
    growth = (after["id"]["size"] - before["id"]["size"]) / before["id"]["size"]
    ok = id_share >= 0.9 and growth <= 0.30 and after["en"]["hits"] >= before["en"]["hits"]
    rows.append(
        f"goal (Indonesian >= 90% in top 5, index <= +30%, English not worse): {'met' if ok else 'NOT met'}"
    )
    if verbose:
        for label in ("before", "after"):
            for language in ("id", "en"):
                for query, page, got in results[label][language]["misses"]:
                    rows.append(f"  miss {label}/{language}: {query!r} -> {page} not in {got}")
    return "\n".join(rows), ok
