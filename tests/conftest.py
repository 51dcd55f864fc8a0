"""Shared helpers: build the real site once, or a copy of the project with one fault."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import pytest

from portal import mkdocs_run
from portal.localserver import serve

REPO = Path(__file__).resolve().parents[1]
SITE_URL = "https://portal-bimtek.example/"
COMMIT_EPOCH = "1693267200"  # the day of the Bimtek, 29 August 2023: a fixed "commit time"


def run_build(
    root: Path, site_dir: Path, site_url: str = SITE_URL, pdf: bool = False, env: dict[str, str] | None = None,
    runner: str = "mkdocs",
) -> subprocess.CompletedProcess:
    """A real strict ``mkdocs build`` of the project at ``root``; output is stdout+stderr.

    Built the one way every build is run (:mod:`portal.mkdocs_run`), at the
    fixed commit time below. The curriculum PDFs take seconds per language,
    so only builds that look at them (``pdf=True``, as the real site's) render
    them. ``env`` adds variables, e.g. ``PORTAL_NOW`` to build the site as it
    will look at another moment; a ``PORTAL_NOW`` left in the caller's shell is
    ignored. ``runner`` is ``mkdocs`` or ``properdocs``.
    """
    _require_build_marker()
    return mkdocs_run.build(root, site_dir, epoch=COMMIT_EPOCH, site_url=site_url, skip_pdf=not pdf, extra=env, runner=runner)


def copy_project(dest: Path) -> Path:
    """The parts of the project a build reads, copied so a test can break them."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


# --- One build per run -------------------------------------------------------------------
# `make test` runs the suite on several pytest-xdist workers, and every worker is a
# session of its own: a session (or module) fixture alone would build the real site,
# with its PDFs, once per worker that needs it, each build fighting the others for the
# same two cores. So an expensive fixture goes through ``once_per_run``: the first
# worker that needs it makes it in a folder that all workers of this run share, under a
# file lock; the others wait on that lock and then read what it made, or the error it
# ended in (recorded once it has ended: never a half-made folder, never made twice).
# The shared folder is the run's own base temp folder (each worker's basetemp is a
# child of it), so no two runs share anything and nothing stale is reused; without
# xdist it is the session's base temp folder, and ``once_per_run`` is a plain cache.
# What it makes is only read afterwards.
#
# Why not ``--dist loadgroup`` and ``xdist_group`` marks instead: pytest-xdist 3.8 puts
# a test in its group by rewriting ``item._nodeid``, which pytest 9.2 no longer reads
# (``nodeid`` comes from ``item._id``), so the groups are silently ignored; and the lock
# works whatever the scheduler, also for ``pytest -n 2`` typed by hand.


def run_folder(config, tmp_path_factory) -> Path:
    """A folder shared by every worker of this run (this session's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def once_per_run(request, name: str, make: Callable[[Path], object]):
    """``make(folder)`` once in this run, whichever worker asks first; its (JSON) value for every caller."""
    from filelock import FileLock

    shared = run_folder(request.config, request.getfixturevalue("tmp_path_factory"))
    folder, record = shared / name, shared / f"{name}.json"
    with FileLock(str(shared / f"{name}.lock")):
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)  # one that crashed half-way is made again
            folder.mkdir(parents=True)
            try:
                value = make(folder)
            except (Exception, pytest.fail.Exception) as error:
                record.write_text(json.dumps({"error": f"{type(error).__name__}: {error}"}))
                raise
            record.write_text(json.dumps({"value": value}))
    outcome = json.loads(record.read_text())
    if "error" in outcome:
        pytest.fail(f"{name}, made once for the whole run, failed:\n{outcome['error']}", pytrace=False)
    return outcome["value"]


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """The real site, strictly built with its PDFs: once per run, shared by every worker."""

    def build(folder: Path) -> str:
        site = folder / "site"
        result = run_build(REPO, site, pdf=True)
        assert result.returncode == 0, result.stdout + result.stderr
        (site / ".build-log").write_text(result.stdout + result.stderr)
        return str(site)

    return Path(once_per_run(request, "real-site", build))


def site_texts(site: Path):
    """Every file of a built site as lower-case ``(path, text)``: gzip files decompressed, zip members read."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel, data = path.relative_to(site).as_posix(), path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{rel}!{member}".lower(), archive.read(member).decode("utf-8", errors="replace").lower()
            continue
        yield rel.lower(), data.decode("utf-8", errors="replace").lower()


def traces(site: Path, needles) -> list[str]:
    """``path: needle`` for every file of the site whose text or path holds a needle (case aside): what must never leak."""
    return [f"{rel}: {needle}" for rel, text in site_texts(site) for needle in needles
            if needle.lower() in text or needle.lower() in rel]


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


# --- Markers ---------------------------------------------------------------------------
# ``build``: the test runs (or waits for) a full ``mkdocs build``; ``browser``: it drives
# Chromium. ``make test-quick`` (``-m "not build and not browser"``) relies on both being
# complete, so they are not left to memory: a test is marked ``build`` automatically when
# it uses a fixture that builds (``built_site`` and all that depend on it, such as
# ``site_url``, or a module's own build fixture), and ``browser`` when it uses ``browser``
# or ``context``. A test that calls ``run_build`` itself carries ``@pytest.mark.build`` in
# its module; ``run_build`` refuses to run inside a test without the mark, so a forgotten
# one fails loudly instead of slowing the quick run down.


BUILD_FIXTURES = {"built_site", "gated_site", "embargo_passed_site", "dry_run"}  # the last three: test_narratives.py, test_release.py
BROWSER_FIXTURES = {"browser", "context"}


@pytest.hookimpl(tryfirst=True)  # before -m deselects anything
def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


_running: dict[str, pytest.Item] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _running["item"] = item


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    _running.pop("item", None)


def _require_build_marker() -> None:
    item = _running.get("item")
    if item is not None and item.get_closest_marker("build") is None:
        raise RuntimeError(f"{item.nodeid} runs a full mkdocs build: mark it @pytest.mark.build (tests/conftest.py, Markers)")


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: (v or "") for k, v in attrs}))


def parse_html(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def html_pages(site: Path) -> list[Path]:
    """Content pages (not the 404 pages, not theme assets)."""
    return sorted(
        p for p in site.rglob("*.html")
        if p.name != "404.html" and "assets" not in p.relative_to(site).parts
    )

# --- Browser ------------------------------------------------------------------
# A local static server for the built site and a headless Chromium that may reach nothing else.
#
# The server answers like a static host: files from ``site/``, and for a missing
# path the 404 page of that path's language with status 404. The browser is
# Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/run``) driven by
# Playwright; every request to another host is aborted and recorded, so a test
# also proves the pages need nothing from elsewhere.

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    httpd, base = serve(built_site)
    yield base
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What one page did: console errors, failed and foreign requests."""

    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    # Requests that ended in net::ERR_ABORTED, each with whether the document that issued
    # them has since been navigated away from (asked only when the problems are read).
    aborted: list[tuple[str, Callable[[], bool]]] = field(default_factory=list)

    def problems(self) -> list[str]:
        aborted = [f"{url} (net::ERR_ABORTED)" for url, left_behind in self.aborted if not left_behind()]
        return [f"console: {m}" for m in self.console_errors] + [f"CSP violation: {v}" for v in self.csp_violations] + [f"failed: {u}" for u in self.failed + aborted] + [
            f"other host: {u}" for u in self.foreign
        ]


ABORTED = "net::ERR_ABORTED"
CSP_LISTENER = """
addEventListener("securitypolicyviolation", function (e) {
  window.portalCspViolation(location.href + ": " + e.effectiveDirective + " blocked " + (e.blockedURI || "inline")
    + " (" + (e.sourceFile || "") + ":" + e.lineNumber + ") " + (e.sample || ""));
}, true);
"""


def watched_page(context, expect_404: bool = False, allow_file: bool = False):
    """A new page whose every request is checked; returns (page, watch).

    Wait on such a page with ``page.wait_for_function("() => ...")``, a function: a bare
    expression is ``eval``-ed again on every poll, which the site's CSP refuses (no
    ``unsafe-eval``), so it fails whenever the condition is not true at the first look.

    ``allow_file`` lets ``file://`` URLs through, for the unzipped release bundle.

    A failed request is a fault of the page, with one exception: when the test moves
    on (``page.goto`` to the next page) while the old page still loads something,
    say ``logo.svg``, Chromium aborts that load (``net::ERR_ABORTED``). So each
    request remembers how many navigations its frame and each frame above it had
    started when it was issued (a navigation request replaces that frame's document,
    and the documents of every frame inside it); an aborted request counts unless one
    of those frames has started a navigation since. Still counted: every other
    failure (404, refused, reset, ...), and an abort while its document is still
    the current one (a script's AbortController, a load stopped for any other
    reason). Same-document navigations (``#anchor``, ``history.pushState``) start
    no navigation request, so they excuse nothing. What this cannot see: whether a
    load cut short by the test's own navigation would have failed; tests wait for
    ``load`` or ``networkidle`` before they move on, so nothing of a page is still
    loading by then unless the page loads it late.
    """
    page = context.new_page()
    watch = Watch()
    local = ("data:", "blob:", "file:") if allow_file else ("data:", "blob:")
    navigations: dict = {}  # frame -> navigation requests it has started
    issued: dict = {}  # request -> [(frame, navigations started then)] from its frame up to the page's

    def frame_of(request):
        try:
            return request.frame
        except Exception:  # a worker's request: no frame; the page's document owns the worker
            return page.main_frame

    def on_request(request):
        frame = frame_of(request)
        if request.is_navigation_request():
            navigations[frame] = navigations.get(frame, 0) + 1  # this request belongs to the new document
        chain = []
        while frame is not None:
            chain.append((frame, navigations.get(frame, 0)))
            frame = frame.parent_frame
        issued[request] = chain

    def left_behind(request) -> bool:
        return any(navigations.get(frame, 0) > started for frame, started in issued.get(request, ()))

    def on_failed(request):
        if urlsplit(request.url).hostname != "127.0.0.1":
            return  # another host's requests are aborted by the route below and listed as foreign
        if request.failure == ABORTED:
            watch.aborted.append((request.url, lambda: left_behind(request)))
        else:
            watch.failed.append(f"{request.url} ({request.failure})")

    def route(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(local) or host == "127.0.0.1":
            return route.continue_()
        watch.foreign.append(route.request.url)
        return route.abort()

    # Every page carries a Content-Security-Policy (portal.csp): anything it blocks is a fault.
    # The listener is installed before any of the page's own scripts run, in every frame.
    page.expose_binding("portalCspViolation", lambda source, text: watch.csp_violations.append(text))
    page.add_init_script(CSP_LISTENER)
    page.on("request", on_request)
    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and not (expect_404 and "404" in m.text) and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.on("requestfailed", on_failed)
    page.on("response", lambda r: r.status >= 400 and not (expect_404 and r.request.resource_type == "document") and watch.failed.append(f"{r.url} ({r.status})"))
    return page, watch


def search_results(page, query: str, timeout: float = 10_000) -> list[str]:
    """The result links Material's search box shows for ``query`` (desktop: the box is in the header).

    Typed key by key, every prefix of the query is a search of its own, and the list
    on screen belongs to whichever answer came last: a fixed wait was needed for it
    to "settle". Instead the box gets the whole query at once, as a paste does, and
    one key release (End) hands it to Material, which reads the box on focus and on
    keyup. So the only searches ever sent are the empty one (on focus, no results)
    and the whole query, and Material renders an answer's first ten results in one
    go: the first result on screen is the answer to the whole query.
    """
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=timeout)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()
