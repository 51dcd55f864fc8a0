"""External links: checked politely, cached, and never required online in CI.

Every external ``<a href>`` of the built site is checked once (de-duplicated),
concurrently but with a limit per host, with a timeout, retries that honour
``Retry-After``, HEAD first and GET when a server refuses HEAD. Redirects are
reported so the page can link the final address. Results are cached with a
time-to-live, and ``offline=True`` answers from the cache alone, so CI runs
without a network. Failures are warnings unless ``strict``.

Codes: X001 broken (4xx/5xx), X002 unreachable (timeout, DNS, refused),
X003 redirected, X004 not checked (offline and not in the cache).
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from portal.findings import Finding

USER_AGENT = "portal-bimtek-linkcheck/1.0 (+maintainers' link check)"


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # HTTP status, None when unreachable
    final_url: str | None = None
    error: str = ""
    checked_at: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report redirects instead of following them


_opener = urllib.request.build_opener(_NoRedirect)


def _request(url: str, method: str, timeout: float) -> tuple[int, dict]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers or {})


def check_url(url: str, timeout: float = 10.0, retries: int = 2, max_wait: float = 30.0) -> Result:
    """One URL: HEAD, then GET if HEAD is refused; retry 429/503 after Retry-After."""
    attempt = 0
    while True:
        try:
            status, headers = _request(url, "HEAD", timeout)
            if status in (403, 405, 501):
                status, headers = _request(url, "GET", timeout)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if attempt < retries:
                attempt += 1
                continue
            return Result(url, None, error=str(reason), checked_at=time.time())
        if status in (429, 503) and attempt < retries:
            attempt += 1
            wait = headers.get("Retry-After", "1")
            time.sleep(min(float(wait) if wait.replace(".", "", 1).isdigit() else 1.0, max_wait))
            continue
        final = headers.get("Location") if 300 <= status < 400 else None
        return Result(url, status, final, checked_at=time.time())


class Cache:
    """``{url: result}`` on disk; entries older than ``ttl`` seconds are checked again."""

    def __init__(self, path: Path, ttl: float):
        self.path, self.ttl = Path(path), ttl
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def get(self, url: str, now: float, any_age: bool = False) -> Result | None:
        entry = self.entries.get(url)
        if entry and (any_age or now - entry["checked_at"] < self.ttl):
            return Result(**entry)
        return None

    def put(self, result: Result) -> None:
        self.entries[result.url] = result.__dict__

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")


def check_external(
    links: dict[str, set[str]], cache: Cache, *, offline: bool = False, strict: bool = False,
    per_host: int = 2, workers: int = 8, timeout: float = 10.0, progress: bool | None = None,
    locate=None,
) -> list[Finding]:
    """Check every URL once; return findings at the first page that links it.

    ``locate(page, url) -> (path, line)`` maps a built page to its Markdown
    source (see :class:`portal.checks.sourcemap.SourceMap`); without it the
    built page is named.
    """
    now = time.time()
    results: dict[str, Result] = {}
    todo = []
    for url in sorted(links):
        cached = cache.get(url, now, any_age=offline)
        if cached:
            results[url] = cached
        elif not offline:
            todo.append(url)
    limits: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()
    done = [0]
    show = sys.stderr.isatty() if progress is None else progress

    def one(url: str) -> Result:
        host = urlsplit(url).netloc
        with lock:
            semaphore = limits.setdefault(host, threading.Semaphore(per_host))
        with semaphore:
            result = check_url(url, timeout=timeout)
        with lock:
            done[0] += 1
            if show:
                filled = int(30 * done[0] / len(todo))
                print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done[0]}/{len(todo)} external links", end="", file=sys.stderr)
        return result

    if todo:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(one, todo):
                results[result.url] = result
                cache.put(result)
        if show:
            print(file=sys.stderr)
        cache.save()
    severity = "error" if strict else "warning"
    findings = []
    for url in sorted(links):
        pages = sorted(links[url])
        located = [hit for hit in (locate(p, url) for p in pages) if hit] if locate else []
        # Prefer a page whose own Markdown holds the link (generated pages repeat it).
        where, line = next((hit for hit in located if hit[1] > 1), None) or (located or [(f"site/{pages[0]}", 0)])[0]
        result = results.get(url)
        if result is None:
            findings.append(Finding(where, line, "X004", f"not checked (offline, not in the cache): {url}", "warning"))
        elif result.status is None:
            findings.append(Finding(where, line, "X002", f"unreachable: {url} ({result.error})", severity))
        elif result.status >= 400:
            findings.append(Finding(where, line, "X001", f"HTTP {result.status}: {url}", severity))
        elif result.final_url:
            findings.append(Finding(where, line, "X003", f"redirects (HTTP {result.status}) to {result.final_url}: link the final address {url}", "warning"))
    return findings
