"""PDF from a built page, with WeasyPrint, reading nothing but the built site.

The curriculum's print page (and later the press-kit documents) become PDFs a
trainer can hand out. WeasyPrint fetches stylesheets and images through
:class:`LocalFetcher`, which refuses any URL outside the site folder, so a
PDF can never depend on another host, and sets its text only in the fonts
shipped in :mod:`portal.fonts`, so it never depends on the host's fonts
either. With ``SOURCE_DATE_EPOCH`` fixed, the same commit gives the same bytes.

Given a :class:`portal.buildcache.ContentCache` (``make serve`` only),
:func:`render_pdf` renders a document once: the key is the hash of the HTML
WeasyPrint lays out (with the PDF stylesheet inside it), its address, the
language, WeasyPrint's version, this module's own code, the shipped fonts
(their bytes: another font gives other bytes) and whatever
the caller adds; the files WeasyPrint fetched (images) are checked by hash
on every hit. The bytes are the ones a build without the cache writes.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal import fonts  # before WeasyPrint: fontconfig then sees only the shipped fonts
import weasyprint
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from portal.buildcache import ContentCache, digest, file_hashes


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
        self.fetched: list[Path] = []  # local files read: what a cached PDF depends on

    def fetch(self, url, headers=None):
        if self.public_base and url.startswith(self.public_base):
            local = self.root / unquote(urlsplit(url).path[len(urlsplit(self.public_base).path):])
            url = local.resolve().as_uri()
        parts = urlsplit(url)
        if parts.scheme != "data":
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or self.root not in path.parents:
                raise ExternalResource(f"refusing to fetch {url}: only files inside {self.root} may be used")
            self.fetched.append(path)
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


@functools.lru_cache(maxsize=1)
def font_fingerprint() -> str:
    """The fonts every PDF is set in (:mod:`portal.fonts`, the only ones fontconfig offers): their bytes."""
    return digest(fonts.CONFIG.read_bytes(), *(path.read_bytes() for path in fonts.FILES))


@functools.lru_cache(maxsize=1)
def _renderer_version() -> str:
    """What else decides a PDF's bytes: WeasyPrint's version and this module's code."""
    return digest(weasyprint.__version__, hashlib.sha256(Path(__file__).read_bytes()).hexdigest())


def _render(source: str, base_url: str, fetcher: LocalFetcher) -> tuple[bytes, int]:
    document = HTML(string=source, base_url=base_url, url_fetcher=fetcher).render()
    return document.write_pdf(), len(document.pages)


def render_pdf(
    html_file: Path, pdf_file: Path, site_root: Path, language: str, public_base: str | None = None,
    cache: ContentCache | None = None, inputs: tuple = (),
) -> int:
    """Write ``pdf_file`` from the built page ``html_file``; return its page count.

    ``public_base`` is the site's public address (``site_url``): given it, the
    page is laid out at its public URL, so its links in the PDF lead to the web.
    With ``cache``, a PDF made before from the same inputs (``inputs`` adds the
    caller's own) is written instead of rendering again.
    """
    source = print_document(html_file.read_text(encoding="utf-8"), language)
    base_url = str(html_file)
    if public_base:
        base_url = public_base + html_file.resolve().relative_to(site_root.resolve()).as_posix()
    if cache is None:
        data, pages = _render(source, base_url, LocalFetcher(site_root, public_base))
    else:
        # The page's place inside the site, not the scratch folder's name: the
        # bytes never hold the folder (two clones give the same PDF).
        where = html_file.resolve().relative_to(site_root.resolve()).as_posix()
        key = digest("pdf", _renderer_version(), font_fingerprint(), source, where, public_base, language, *inputs)
        entry = cache.get("pdf", key, site_root)
        if entry is not None:
            data, pages = entry.data, entry.meta["pages"]
        else:
            fetcher = LocalFetcher(site_root, public_base)
            data, pages = _render(source, base_url, fetcher)
            cache.put(key, data, {"pages": pages}, file_hashes(site_root, fetcher.fetched))
    pdf_file.write_bytes(data)
    return pages
