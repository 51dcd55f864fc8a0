"""The downloads of a press kit, made before any page that describes them: the whole layout.

Why before: every figure a kit page prints (size, page count, SHA-256) must be
the figure of the file the site serves. So the bytes come first. For each
published kit and language, :func:`build_kit` produces every download in
memory (the documents' PDFs, the images, the ZIP with ``MANIFEST.json`` and
``SHA256SUMS``, the served ``SHA256SUMS``); the build session keeps each
:class:`KitBuild` once, the ``presskits`` hook hands its very bytes to MkDocs
as the files to write, and the kit page is rendered from the same record.
Nothing is measured twice, nothing is patched into HTML afterwards (which
would leave the search index with other text), and a test can compare every
printed figure with the file on disk.

The documents' PDFs are rendered from HTML made here from the same Markdown
the document page shows (:func:`document_print`), with the site's Markdown
extensions, by :func:`portal.pdf.render_pdf` (which reads nothing but local
files). A page rendered by MkDocs could not be used: it is written after the
kit page that must already know the PDF's size.

``make serve`` hands in a :class:`portal.buildcache.ContentCache`: each PDF
is then keyed by its document's bytes, the manifest, the Markdown
configuration, the language and the HTML it is laid out from, and each ZIP
by the bytes and names of everything in it and the epoch, so an edit
elsewhere makes neither again, and an edit to a document always makes its
PDF, the kit's ZIP and ``SHA256SUMS`` again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import markdown

from portal.buildcache import ContentCache, digest
from portal.directives import after_title
from portal.pdf import render_pdf
from portal.presskits.model import MANIFEST, Item, Kit, image_size, pdf_page_count
from portal.sources import FRONT_MATTER
from portal.words import moment_text, section
from portal.zipbuild import Payload, deterministic_zip, sha256sums

NEUTRAL = "neutral"
DOWNLOADS = "unduhan"  # folder of a kit's downloads, beside its page, in each language

Renderer = Callable[[Kit, Item, str], tuple[bytes, int]]  # -> (PDF bytes, page count)


@dataclass(frozen=True)
class Download(Payload):
    """One file the site serves, with the figures the pages print about it."""

    name: str
    format: str  # pdf | svg | png | zip | sha256sums
    data: bytes = field(repr=False)
    language: str = NEUTRAL
    item: Item | None = None
    pages: int | None = None
    dimensions: tuple[int, int] | None = None


@dataclass(frozen=True)
class KitBuild:
    kit: Kit
    language: str
    items: tuple[Download, ...]  # in manifest order
    skipped: tuple[Item, ...]  # documents whose PDF this build did not render (PORTAL_SKIP_PDF=1)
    manifest: bytes
    archive: Download
    sums: Download  # the served SHA256SUMS: every item and the ZIP

    def download(self, item_id: str) -> Download | None:
        return next((d for d in self.items if d.item and d.item.id == item_id), None)

    @property
    def folder(self) -> str:
        """docs-relative folder the downloads are served from (in this language's site)."""
        return f"{self.kit.page_dir}/{DOWNLOADS}"

    def files(self) -> list[Download]:
        return [*self.items, self.archive, self.sums]


def file_name(kit: Kit, item: Item, language: str) -> str:
    suffix = "" if item.neutral else f"-{language}"
    return f"{kit.id}-{item.id}{suffix}.{item.extension}"


def archive_folder(kit: Kit, language: str) -> str:
    return f"kit-media-{kit.id}-{language}"


def manifest_json(kit: Kit, language: str, items: list[Download]) -> bytes:
    """``MANIFEST.json``: what the ZIP holds, for people and for scripts."""
    record = {
        "kit": kit.id,
        "title": kit.title[language],
        "event": kit.event_name[language],
        "language": language,
        "training_example": kit.training_example,
        "embargo_until": kit.embargo_until.isoformat() if kit.embargo_until else None,
        "placeholders_allowed": kit.placeholders_allowed,
        "items": [
            {
                "item": d.item.id,
                "title": d.item.title(language),
                "role": d.item.role,
                "language": d.language,
                "format": d.format,
                "file": d.name,
                "size": d.size,
                "sha256": d.sha256,
                "pages": d.pages,
                "licence": d.item.licence,
                "credit": d.item.credit[language] if d.item.credit else None,
            }
            for d in items
        ],
    }
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def build_kit(kit: Kit, language: str, epoch: int, render: Renderer | None, cache: ContentCache | None = None) -> KitBuild:
    """Every download of ``kit`` in ``language``; ``render=None`` skips the documents' PDFs.

    With ``cache`` (``make serve``), a ZIP made before from the same entries and epoch is reused.
    """
    items: list[Download] = []
    skipped: list[Item] = []
    for item in kit.items:
        item_language = NEUTRAL if item.neutral else language
        if item.is_page:
            if render is None:
                skipped.append(item)
                continue
            data, pages = render(kit, item, language)
            items.append(Download(file_name(kit, item, language), "pdf", data, item_language, item, pages=pages))
            continue
        data = item.sources[language].read_bytes()
        pages = pdf_page_count(data) if item.format == "pdf" else None
        items.append(Download(file_name(kit, item, language), item.format, data, item_language, item, pages=pages,
                              dimensions=image_size(data, item.format)))
    manifest = manifest_json(kit, language, items)
    folder = archive_folder(kit, language)
    inner = [(d.name, d.data) for d in items] + [("MANIFEST.json", manifest)]
    entries = {f"{folder}/{name}": data for name, data in inner}
    entries[f"{folder}/SHA256SUMS"] = sha256sums(inner)
    if cache is None:
        archive_bytes = deterministic_zip(entries, epoch)
    else:
        key = digest("zip", epoch, *(part for name in sorted(entries) for part in (name, entries[name])))
        archive_bytes = cache.bytes_for("zip", key, lambda: deterministic_zip(entries, epoch))
    archive = Download(f"{folder}.zip", "zip", archive_bytes, language)
    sums = Download("SHA256SUMS", "sha256sums", sha256sums([(d.name, d.data) for d in [*items, archive]]), language)
    return KitBuild(kit, language, tuple(items), tuple(skipped), manifest, archive, sums)


# --- PDFs of the documents ----------------------------------------------------------------

SNIPPET = "--8<--"  # pymdownx.snippets: the text pulls in another file
_RELATIVE_LINK = re.compile(r'(<a\b[^>]*?)\s+href="(?!https?:|mailto:|#)[^"]*"')


class PdfRenderer:
    """Markdown document -> PDF, with the site's Markdown extensions, in a scratch folder."""

    def __init__(self, workdir: Path, extensions: list, extension_configs: dict, cache: ContentCache | None = None):
        self.workdir = Path(workdir)
        self.extensions = extensions
        self.extension_configs = extension_configs
        self.cache = cache

    def html(self, kit: Kit, item: Item, language: str) -> str:
        text = document_print(kit, item, language)
        if self.cache is None or SNIPPET in text:  # a snippet is another file: always convert
            return self._html(text, item.title(language), language)
        key = digest("document-html", text, item.title(language), language, markdown_config(self.extensions, self.extension_configs))
        return self.cache.memo(key, lambda: self._html(text, item.title(language), language))

    def _html(self, text: str, title: str, language: str) -> str:
        converter = markdown.Markdown(extensions=self.extensions, extension_configs=self.extension_configs)
        body = converter.convert(text)
        # A PDF cannot follow the site's relative links; a dead link would name
        # the scratch folder in the file. Keep the words, drop the link.
        body = _RELATIVE_LINK.sub(r"\1", body)
        title = title.replace("&", "&amp;").replace("<", "&lt;")
        return (
            f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><article class="md-content__inner md-typeset">{body}</article></body></html>'
        )

    def __call__(self, kit: Kit, item: Item, language: str) -> tuple[bytes, int]:
        folder = self.workdir / "pdf" / kit.id
        folder.mkdir(parents=True, exist_ok=True)
        html_file = folder / f"{item.id}.{language}.html"
        pdf_file = folder / f"{item.id}.{language}.pdf"
        html_file.write_text(self.html(kit, item, language), encoding="utf-8")
        inputs = ()
        if self.cache is not None:  # the HTML holds them all; named too, so the key says what it covers
            inputs = (item.documents[language].path.read_bytes(), (kit.folder / MANIFEST).read_bytes(),
                      markdown_config(self.extensions, self.extension_configs))
        pages = render_pdf(html_file, pdf_file, self.workdir, language, cache=self.cache, inputs=inputs)
        return pdf_file.read_bytes(), pages


def markdown_config(extensions: list, extension_configs: dict) -> str:
    """The Markdown configuration as text, for a cache key (objects by ``repr``: a new one misses)."""
    return json.dumps([list(map(repr, extensions)), extension_configs], sort_keys=True, default=repr)


# --- The text a document's PDF is rendered from -----------------------------------------------


def document_print(kit: Kit, item: Item, language: str) -> str:
    """The Markdown a document's PDF is rendered from: its text, labelled, without site links."""
    t = section("presskits", language)
    text = item.documents[language].path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    note = [t["print_note"].format(kit=kit.title[language]) if kit.training_example else kit.title[language]]
    if kit.embargo_until:
        note.append(t["embargo_line"].format(moment=moment_text(kit.embargo_until, language)) + ".")
    note.append(t["print_licence"].format(licence=item.licence))
    block = f'!!! note "{t["training_title"] if kit.training_example else kit.title[language]}"\n\n    ' + " ".join(note)
    return after_title(body.strip("\n"), block) + "\n"
