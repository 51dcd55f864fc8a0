"""PDF from a built page, with WeasyPrint, reading nothing but the built site.

The curriculum's print page (and later the press-kit documents) become PDFs a
trainer can hand out. WeasyPrint fetches stylesheets and images through
:class:`LocalFetcher`, which refuses any URL outside the site folder, so a
PDF can never depend on another host. With ``SOURCE_DATE_EPOCH`` fixed, the
same commit gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class ExternalResource(Exception):
    pass


class LocalFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to ``data:`` URLs and files inside ``root``."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url, headers=None):
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


def render_pdf(html_file: Path, pdf_file: Path, site_root: Path, language: str) -> int:
    """Write ``pdf_file`` from the built page ``html_file``; return its page count."""
    source = print_document(html_file.read_text(encoding="utf-8"), language)
    html = HTML(string=source, base_url=str(html_file), url_fetcher=LocalFetcher(site_root))
    document = html.render()
    pdf_file.write_bytes(document.write_pdf())
    return len(document.pages)
