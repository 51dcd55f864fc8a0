"""PDF from a built page, with WeasyPrint, reading nothing but the built site.

The curriculum's print page (and later the press-kit documents) become PDFs a
trainer can hand out. WeasyPrint fetches stylesheets and images through
:class:`LocalFetcher`, which refuses any URL outside the site folder, so a
PDF can never depend on another host, and sets its text only in the fonts
shipped in :mod:`portal.fonts`, so it never depends on the host's fonts
either. With ``SOURCE_DATE_EPOCH`` fixed, the same commit gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal import fonts  # noqa: F401  before WeasyPrint: fontconfig then sees only the shipped fonts
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class ExternalResource(Exception):
    pass


class LocalFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to ``data:`` URLs and files inside ``root``.

    With ``public_base`` (the site's public address), URLs under it are read
    from the matching file under ``root``: the page is laid out with its public
    address, so the PDF's links point at the web site and never at the folder
    the build ran in (which would also make two builds differ).
    """

    def __init__(self, root: Path, public_base: str | None = None):
        super().__init__(allowed_protocols=("file", "data", "http", "https"), fail_on_errors=True)
        self.root = root.resolve()
        self.public_base = public_base

    def fetch(self, url, headers=None):
        if self.public_base and url.startswith(self.public_base):
            local = self.root / unquote(urlsplit(url).path[len(urlsplit(self.public_base).path):])
            url = local.resolve().as_uri()
        parts = urlsplit(url)
        if parts.scheme != "data":
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or self.root not in path.parents:
                raise ExternalResource(f"refusing to fetch {url}: only files inside {self.root} may be used")
        return super().fetch(url, headers)


PDF_CSS = Path(__file__).with_name("pdf.css")
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def print_document(page_html: str, language: str) -> str:
    """The page's article alone, with the PDF stylesheet: no site chrome, fast to lay out."""
    article = ARTICLE.search(page_html)
    if not article:
        raise ValueError("no <article class=\"md-content__inner\"> in the page")
    title = TITLE.search(page_html)
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title.group(1) if title else ''}</title>"
        f"<style>{PDF_CSS.read_text(encoding='utf-8')}</style></head>"
        f"<body><article>{article.group(1)}</article></body></html>"
    )


def render_pdf(html_file: Path, pdf_file: Path, site_root: Path, language: str, public_base: str | None = None) -> int:
    """Write ``pdf_file`` from the built page ``html_file``; return its page count.

    ``public_base`` is the site's public address (``site_url``): given it, the
    page is laid out at its public URL, so its links in the PDF lead to the web.
    """
    source = print_document(html_file.read_text(encoding="utf-8"), language)
    base_url = str(html_file)
    if public_base:
        base_url = public_base + html_file.resolve().relative_to(site_root.resolve()).as_posix()
    html = HTML(string=source, base_url=base_url, url_fetcher=LocalFetcher(site_root, public_base))
    document = html.render()
    pdf_file.write_bytes(document.write_pdf())
    return len(document.pages)
