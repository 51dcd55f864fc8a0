"""The files the site publishes as they are: names fit for a URL, images that open.

Every file under ``docs/`` that reaches readers is checked, referenced or not:
MkDocs copies what it does not render (images, downloads) into the site as it
is, and the press kits' files reach readers through the kit bundle (their
pages, ZIPs and checksums), so ``_kits/`` is checked too. Not checked: what
MkDocs never publishes (``_data/`` and ``_snippets/``, excluded in
``mkdocs.yml``; dotfiles), and vendored code, whose licence files keep the
names their authors gave them (``LICENSE``).

Codes, all errors, at ``path:1`` (a file name or an image has no other line):

====  ==============================================================
F001  a file or folder name with a space, a capital or any character
      outside ``[a-z0-9._-]``: a URL that breaks when copied, or that
      works on one host and 404s on another; the slug to use is named
F002  an image of 0 bytes
F003  an image whose bytes do not decode as its kind (PNG, JPEG, GIF,
      WebP by Pillow, the library WeasyPrint reads them with; SVG as XML
      with an ``<svg>`` root)
====  ==============================================================

Snippets (``docs/_snippets/``) are not published as files but included, as
text, into pages: one that is not UTF-8 is ``R001`` at the line of its first
bad byte, as a page would be (pymdownx.snippets would stop the build with a
traceback).

In a kit folder, a file that is empty or whose first bytes are not its kind's
is the kit loader's to report (``K003``, ``K002``): F002 and F003 look only at
the rest there, so a fault is reported once.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import warnings
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile

from portal.findings import Finding, PortalError
from portal.sources import SourceError, read_text

NAME = re.compile(r"[a-z0-9._-]+\Z")
UNPUBLISHED = ("_data", "_snippets", "_templates")  # mkdocs.yml exclude_docs (its _kits/ reaches readers through the kit bundle)
KITS = "_kits"
VENDORED = ("assets/javascripts/vendor/",)
IMAGES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP", ".svg": "SVG"}
MAGIC = {"PNG": (b"\x89PNG\r\n\x1a\n",), "JPEG": (b"\xff\xd8\xff",), "GIF": (b"GIF87a", b"GIF89a"), "WEBP": (b"RIFF",)}


def slug(name: str) -> str:
    """``Foto Rapat.PNG`` -> ``foto-rapat.png``: lower case ASCII, anything else a hyphen."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    stem, dot, suffix = ascii_name.rpartition(".") if "." in ascii_name.lstrip(".") else (ascii_name, "", "")
    clean = [re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._-]+", "-", part)).strip("-") for part in (stem, suffix)]
    return f"{clean[0] or 'file'}{dot}{clean[1]}" if dot else clean[0] or "file"


def image_fault(data: bytes, kind: str) -> str | None:
    """Why ``data`` is not an image of ``kind`` (``IMAGES`` value), or ``None`` when it decodes."""
    if kind == "SVG":
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            return f"it is not well-formed SVG ({exc})"
        if root.tag.rpartition("}")[2] != "svg":
            return f"its root element is <{root.tag.rpartition('}')[2]}>, not <svg>"
        return None
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint sets it for the whole process: a cut-off image must fail here
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found = image.format
                image.load()
    except Exception as exc:  # Pillow raises many kinds for broken bytes: each is the same fault here
        return f"its bytes do not decode as {kind} ({type(exc).__name__}: {exc})"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    if found != kind:
        return f"its bytes are {found}, not {kind}: convert it, or give it the {found} extension"
    return None


def _magic_ok(data: bytes, kind: str) -> bool:
    if kind == "SVG":
        return b"<svg" in data[:4096]
    return data.startswith(MAGIC[kind])


@dataclass(frozen=True)
class Files:
    """How many published files were checked (every fault raised as :class:`PortalError`)."""

    checked: int = 0


def load_files(docs_dir: Path) -> Files:
    """Check every published file's name and every image's bytes; raise :class:`PortalError` on any fault."""
    docs_dir = Path(docs_dir)
    label = docs_dir.name
    findings: list[Finding] = []
    checked = 0
    for root, dirs, names in os.walk(docs_dir):
        here = Path(root).relative_to(docs_dir)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in UNPUBLISHED)
        for name in dirs:
            rel = (here / name).as_posix()
            if not NAME.match(name) and not rel.startswith(VENDORED):
                findings.append(Finding(f"{label}/{rel}/", 1, "F001", _rename(name)))
        in_kit = KITS in here.parts
        for name in sorted(names):
            if name.startswith("."):
                continue
            rel = (here / name).as_posix()
            shown = f"{label}/{rel}"
            checked += 1
            if not NAME.match(name) and not rel.startswith(VENDORED):
                findings.append(Finding(shown, 1, "F001", _rename(name)))
            kind = IMAGES.get(Path(name).suffix.lower())
            if kind is None or (docs_dir / rel).is_symlink():
                continue
            data = (docs_dir / rel).read_bytes()
            if in_kit and (not data or not _magic_ok(data, kind)):
                continue  # the kit loader's: K003 (an item), K002 (a stray)
            if not data:
                findings.append(Finding(shown, 1, "F002", "the image is empty (0 bytes): export it again, or remove it and its links"))
                continue
            fault = image_fault(data, kind)
            if fault:
                findings.append(Finding(shown, 1, "F003", f"the image cannot be shown: {fault}"))
    findings.extend(snippet_findings(docs_dir))
    if findings:
        raise PortalError(findings)
    return Files(checked)


def snippet_findings(docs_dir: Path) -> list[Finding]:
    """``R001`` for every file of ``docs/_snippets/`` that is not UTF-8 text (pages include them as text)."""
    docs_dir = Path(docs_dir)
    findings = []
    for path in sorted((docs_dir / "_snippets").rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            try:
                read_text(path, f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}")
            except SourceError as exc:
                findings.append(Finding(exc.path, exc.line, "R001", f"{exc.message} (a snippet pages include)"))
    return findings


def _rename(name: str) -> str:
    return (f"name {name!r} has characters outside [a-z0-9._-] (spaces, capitals, accents, ...), so its URL breaks "
            f"or differs between hosts: rename it {slug(name)!r} and update its links")
