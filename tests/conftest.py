"""Shared helpers: build the real site once, or a copy of the project with one fault."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SITE_URL = "https://portal-bimtek.example/"


def run_build(root: Path, site_dir: Path, site_url: str = SITE_URL, pdf: bool = False) -> subprocess.CompletedProcess:
    """A real strict ``mkdocs build`` of the project at ``root``; output is stdout+stderr.

    The curriculum PDFs take seconds per language, so only builds that look at
    them (``pdf=True``, as the real site's) render them.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url, SOURCE_DATE_EPOCH="1693267200")
    env["PORTAL_SKIP_PDF"] = "0" if pdf else "1"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True,
    )


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
