"""Press kits as data: the records, their byte rules and the embargo. No file access.

A kit lives in ``docs/kit-media/_kits/<kit-id>/`` (the ``_kits/`` folder is in
``exclude_docs``, so MkDocs never publishes its files raw) and is read by
:mod:`portal.presskits.load`; its downloads are made by
:mod:`portal.presskits.bundle` and its pages written by
:mod:`portal.presskits.pages`.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from portal import LANGUAGES
from portal.drafts import GAP
from portal.findings import Finding

KITS_DIR = PurePosixPath("kit-media/_kits")  # sources, relative to docs_dir
PAGES_DIR = PurePosixPath("kit-media")  # kit pages: kit-media/<id>/index.md, published
MANIFEST = "kit.yml"
MAX_BYTES = 20 * 10**6  # "20 MB" in the decimal units every size on the site uses
DIRECTIVE_PREFIX = "press-kit-"

ROLES = (
    "fact-sheet", "backgrounder", "key-messages", "media-advisory",
    "boilerplate", "media-contacts", "visual-usage", "image",
)
# Source format -> extension of the file a reader downloads (Markdown becomes a PDF).
FORMATS = {"markdown": "pdf", "pdf": "pdf", "svg": "svg", "png": "png"}
IMAGE_FORMATS = ("svg", "png")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

KIT_FIELDS = ("id", "draft", "event", "title", "training_example", "embargo_until", "as_of", "placeholders_allowed", "placeholders_reason", "items")
EVENT_FIELDS = ("name", "page")
ITEM_FIELDS = ("id", "role", "format", "source", "language_neutral", "licence", "title", "credit", "alt")

# A placeholder is text still to be filled in: a gap ``[[like this]]`` (portal.drafts.GAP),
# or an address in a name reserved for examples (RFC 2606 / RFC 6761), e.g. humas@contoh.example.
PLACEHOLDER = re.compile(
    GAP.pattern
    + r"|(?<![\w.+-])(?:[\w.+-]+@)?(?:[\w-]+\.)*example\.(?:com|net|org)\b"
    r"|(?<![\w.+-])(?:[\w.+-]+@)?(?:[\w-]+\.)+(?:example|invalid|test|localhost)\b"
)
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
PDF_STREAM = re.compile(rb"\bstream\r?\n")


# --- The records ----------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One language's text of a Markdown item."""

    path: Path
    rel: str  # shown in findings: docs/kit-media/_kits/<kit>/<file>
    src_uri: str  # docs-relative, as MkDocs names it
    title: str
    description: str


@dataclass(frozen=True)
class Item:
    id: str
    role: str
    format: str  # source format: markdown | pdf | svg | png
    neutral: bool  # one file for both languages
    sources: dict[str, Path]  # language -> file (the same file twice when neutral)
    licence: str
    titles: dict[str, str]
    credit: dict[str, str] | None
    alt: dict[str, str] | None
    line: int  # manifest line of the item
    documents: dict[str, Document] = field(default_factory=dict)  # Markdown items only

    @property
    def is_image(self) -> bool:
        return self.role == "image"

    @property
    def is_page(self) -> bool:
        """A Markdown document: read in the browser and downloaded as a PDF."""
        return self.format == "markdown"

    @property
    def extension(self) -> str:
        return FORMATS[self.format]

    def title(self, language: str) -> str:
        return self.documents[language].title if self.is_page else self.titles[language]


@dataclass(frozen=True)
class Kit:
    id: str
    folder: Path
    manifest: str  # shown in findings
    title: dict[str, str]
    event_name: dict[str, str]
    event_page: str  # docs-relative
    training_example: bool
    embargo_until: dt.datetime | None
    placeholders_allowed: bool
    placeholders_reason: dict[str, str] | None
    items: tuple[Item, ...]
    draft: bool = False  # ``draft: true`` in kit.yml: still being written (``portal new kit``)
    as_of: dt.date | None = None  # the day the kit claims to be issued; its sources may not be later (K019)

    def published(self, now: dt.datetime) -> bool:
        """Nothing of a kit is built, linked, indexed or listed while it is a draft or before its embargo passes."""
        return not self.draft and (self.embargo_until is None or now >= self.embargo_until)

    def hidden_reason(self, now: dt.datetime) -> str:
        if self.draft:
            return "draft"
        if self.embargo_until is not None and now < self.embargo_until:
            return f"embargo until {self.embargo_until.isoformat()}"
        return "published"

    @property
    def directive(self) -> str:
        return f"{DIRECTIVE_PREFIX}{self.id}"

    @property
    def page_dir(self) -> str:
        """docs-relative folder of the kit's published page, item pages and downloads."""
        return f"{PAGES_DIR}/{self.id}"

    def page_src(self, language: str) -> str:
        return page_src(self.id, language)


def page_src(kit_id: str, language: str) -> str:
    """docs-relative page of the kit ``kit_id`` in ``language``: ``kit-media/<id>/index[.<lang>].md``."""
    return f"{PAGES_DIR}/{kit_id}/index.md" if language == LANGUAGES[0] else f"{PAGES_DIR}/{kit_id}/index.{language}.md"


@dataclass(frozen=True)
class Catalogue:
    kits: tuple[Kit, ...]
    now: dt.datetime
    warnings: tuple[Finding, ...] = ()  # draft kits' placeholders (K015): reported, never a failure

    def published(self) -> list[Kit]:
        return [k for k in self.kits if k.published(self.now)]

    def hidden(self) -> list[Kit]:
        return [k for k in self.kits if not k.published(self.now)]

    def by_id(self) -> dict[str, Kit]:
        return {k.id: k for k in self.kits}

    def document_pages(self) -> dict[str, tuple[Kit, Item, str]]:
        """src_uri of every published kit's Markdown source -> (kit, item, language)."""
        pages = {}
        for kit in self.published():
            for item in kit.items:
                for language, document in item.documents.items():
                    pages[document.src_uri] = (kit, item, language)
        return pages


# --- What a file's bytes are ----------------------------------------------------------


def sniff(data: bytes) -> str:
    """What the bytes are, by their magic, whatever the file is called.

    ``pdf`` (``%PDF-``), ``png`` (the 8-byte PNG signature), ``svg`` (UTF-8 text
    starting with ``<svg`` or ``<?xml``), ``markdown`` (any other UTF-8 text
    without NUL bytes), else ``binary``.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "binary"
    if "\x00" in text:
        return "binary"
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<svg") or (head.startswith("<?xml") and "<svg" in head[:4096]):
        return "svg"
    return "markdown"


def pdf_page_count(data: bytes) -> int:
    """The number of page objects of a PDF (0 when none can be found).

    Page objects sit in the file as text or, in most modern PDFs (WeasyPrint's
    too), inside Flate-compressed object streams; both are searched. A
    ``/Type /Page`` inside a content stream would be drawn as text, not
    written as a name, so it is not counted by mistake in practice.
    """
    chunks = [data]
    for match in PDF_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        try:
            chunks.append(zlib.decompressobj().decompress(data[match.end():end], 10**7))
        except zlib.error:
            continue
    return sum(len(PDF_PAGE.findall(chunk)) for chunk in chunks)


def image_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Pixel width and height of a PNG (its IHDR) or an SVG (its width/height attributes)."""
    if kind == "png" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if kind == "svg":
        head = re.search(r"<svg\b[^>]*>", data.decode("utf-8", "replace"), re.S)
        if head:
            width = re.search(r'\swidth="(\d+)(?:px)?"', head.group(0))
            height = re.search(r'\sheight="(\d+)(?:px)?"', head.group(0))
            if width and height:
                return int(width.group(1)), int(height.group(1))
    return None
