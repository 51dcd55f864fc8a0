"""Shared helpers: build the real site once, or a copy of the project with one fault."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
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
    return mkdocs_run.build(root, site_dir, epoch=COMMIT_EPOCH, site_url=site_url, skip_pdf=not pdf, extra=env, runner=runner)


def copy_project(dest: Path) -> Path:
    """The parts of the project a build reads, copied so a test can break them."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = run_build(REPO, site, pdf=True)
    assert result.returncode == 0, result.stdout + result.stderr
    (site / ".build-log").write_text(result.stdout + result.stderr)
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


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
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"console: {m}" for m in self.console_errors] + [f"failed: {u}" for u in self.failed] + [
            f"other host: {u}" for u in self.foreign
        ]


def watched_page(context, expect_404: bool = False, allow_file: bool = False):
    """A new page whose every request is checked; returns (page, watch).

    ``allow_file`` lets ``file://`` URLs through, for the unzipped release bundle.
    """
    page = context.new_page()
    watch = Watch()
    local = ("data:", "blob:", "file:") if allow_file else ("data:", "blob:")

    def route(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(local) or host == "127.0.0.1":
            return route.continue_()
        watch.foreign.append(route.request.url)
        return route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and not (expect_404 and "404" in m.text) and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.on("requestfailed", lambda r: urlsplit(r.url).hostname == "127.0.0.1" and watch.failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and not (expect_404 and r.request.resource_type == "document") and watch.failed.append(f"{r.url} ({r.status})"))
    return page, watch


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()
