"""Kit folders -> records: one manifest per kit, validated before anything is published.

A kit lives in ``docs/kit-media/_kits/<kit-id>/`` (the ``_kits/`` folder is in
``exclude_docs``, so MkDocs never publishes its files raw):

- ``kit.yml``, the manifest, written once for both languages: id, event, title
  per language, optional ``embargo_until`` (with its UTC offset) and ``as_of``
  (the day the kit claims to be issued, when it is not the embargo's), whether the
  kit may still hold placeholders (and why), and its items. Each item names
  its role, format, licence and source file per language (or one file marked
  ``language_neutral``); images add a credit line and alt text per language.
- The items' files: Markdown documents (``fakta.md`` / ``fakta.en.md``, each
  with ``title`` and ``description`` front matter), and the project's own
  graphics (SVG, PNG). Nothing else: a file that no item lists is an error.

The kit's page pair is ``docs/kit-media/<kit-id>/index.md`` / ``index.en.md``:
hand-written words around a ``<!-- portal:press-kit-<kit-id> -->`` line that
the build fills with the downloads (see :mod:`portal.presskits.pages`).

Every fault is reported as ``path:line: Knnn message`` with a stable code, all
at once, before a single file is written:

====  ==============================================================
K001  an item's source file is missing (or is not a file)
K002  a file in a kit folder that no item lists
K003  the format does not match the file's bytes (magic bytes, not extension)
K004  an image without licence, credit line or alt text (per language)
K005  a file over 20 MB
K006  a path that escapes the kit folder, or a symbolic link
K007  a manifest field missing or of the wrong type
K008  an item in one language only, not marked ``language_neutral``
K009  a kit folder without a readable ``kit.yml`` (or invalid YAML)
K010  an id fault: kit id not its folder's name, duplicate or malformed ids
K011  a value that is not allowed (unknown field, role or format)
K012  the kit's page pair is missing, lacks its directive, or has another title
K013  a document without ``title``/``description`` front matter
K014  an SVG that runs script or loads anything from another host
K015  a placeholder left in a kit that does not allow placeholders (in its
      documents and SVGs; a gap ``[[...]]`` in its manifest or page pair
      too); only a warning while the kit is a draft (``draft: true``)
K016  an English document that is not the ``.en.md`` twin of the Indonesian one
K017  a supplied PDF in which no page can be found
K018  the event page named by the manifest does not exist
K019  a document's source dated after the day the kit claims (``as_of``, else
      the day its embargo ends): a kit holds only what was known when issued
====  ==============================================================
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path, PurePosixPath

from portal import LANGUAGES, citations, clock
from portal.drafts import GAP, find_gaps
from portal.findings import Finding, PortalError
from portal.presskits.model import (
    EVENT_FIELDS, FORMATS, IMAGE_FORMATS, ITEM_FIELDS, KIT_FIELDS, KITS_DIR, MANIFEST, MAX_BYTES, PAGES_DIR,
    DIRECTIVE_PREFIX, PLACEHOLDER, ROLES, SLUG, Catalogue, Document, Item, Kit, pdf_page_count, sniff,
)
from portal.safety import svg_unsafe
from portal.sources import LineDict, SourceError, load_yaml, read_markdown, read_text


class _Report:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, path: str, line: int, code: str, message: str) -> None:
        self.findings.append(Finding(path, line or 1, code, message))


def _text(data: LineDict, key: str, report: _Report, path: str, where: str, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            report.add(path, data.line, "K007", f"{where}missing field '{key}' (text)")
        return None
    if not isinstance(value, str) or not value.strip():
        report.add(path, data.line_of(key), "K007", f"{where}'{key}' must be non-empty text, not {type(value).__name__} {value!r}")
        return None
    return value.strip()


def _bilingual(data: LineDict, key: str, report: _Report, path: str, where: str, required: bool = True, code: str = "K007") -> dict[str, str] | None:
    """A ``{id: ..., en: ...}`` mapping with non-empty text in every language."""
    value = data.get(key)
    expected = f"a mapping with non-empty text for {' and '.join(LANGUAGES)}"
    if value is None:
        if required:
            report.add(path, data.line, code, f"{where}missing field '{key}' ({expected})")
        return None
    if not isinstance(value, LineDict):
        report.add(path, data.line_of(key), "K007", f"{where}'{key}' must be {expected}, not {type(value).__name__}")
        return None
    result = {}
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            line = value.line_of(language) if language in value else data.line_of(key)
            report.add(path, line, code, f"{where}'{key}' needs non-empty text for '{language}'")
            continue
        result[language] = " ".join(text.split())
    for extra in value:
        if extra not in LANGUAGES:
            report.add(path, value.line_of(extra), "K011", f"{where}'{key}' has an unknown language {extra!r} (known: {', '.join(LANGUAGES)})")
    return result if len(result) == len(LANGUAGES) else None


def _flag(data: LineDict, key: str, report: _Report, path: str, where: str, required: bool = False) -> bool | None:
    value = data.get(key)
    if value is None:
        if required:
            report.add(path, data.line, "K007", f"{where}missing field '{key}' (true or false)")
            return None
        return False
    if not isinstance(value, bool):
        report.add(path, data.line_of(key), "K007", f"{where}'{key}' must be true or false, not {value!r}")
        return None
    return value


def _unknown(data: LineDict, allowed: tuple[str, ...], report: _Report, path: str, where: str) -> None:
    for key in data:
        if key not in allowed:
            report.add(path, data.line_of(key), "K011", f"{where}unknown field {key!r} (known: {', '.join(allowed)})")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --- Loading one kit ----------------------------------------------------------------


def _source_path(kit_dir: Path, value, line: int, report: _Report, manifest: str, where: str) -> Path | None:
    """The item's file inside the kit folder, or ``None`` after reporting why not."""
    if not isinstance(value, str) or not value.strip():
        report.add(manifest, line, "K007", f"{where}a source must be a file name (text), not {value!r}")
        return None
    rel = PurePosixPath(value.strip())
    if rel.is_absolute() or "\\" in value or ".." in rel.parts or value.strip().startswith("~"):
        report.add(manifest, line, "K006", f"{where}{value!r} escapes the kit folder: name a file inside {manifest.rsplit('/', 1)[0]}/")
        return None
    current = kit_dir
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            report.add(manifest, line, "K006", f"{where}{value!r} is a symbolic link: a kit holds real files only, copy the file in")
            return None
    path = kit_dir / rel
    if not path.exists():
        report.add(manifest, line, "K001", f"{where}{value!r} is listed but missing from {manifest.rsplit('/', 1)[0]}/")
        return None
    if not path.is_file():
        report.add(manifest, line, "K001", f"{where}{value!r} is not a file")
        return None
    if kit_dir.resolve() not in path.resolve().parents:
        report.add(manifest, line, "K006", f"{where}{value!r} escapes the kit folder")
        return None
    return path


def _shown_beside(manifest: str, path: Path) -> str:
    """``path`` (a file of the kit folder, or under it) as shown in findings, from the manifest's shown path."""
    kit_folder = manifest.rsplit("/", 1)[0]
    parts = path.parts
    kit_name = kit_folder.rsplit("/", 1)[1]
    index = len(parts) - 1 - parts[::-1].index(kit_name)
    return "/".join([kit_folder, *parts[index + 1:]])


def _check_file(path: Path, fmt: str, line: int, report: _Report, manifest: str, where: str) -> bytes | None:
    """Size limit and magic bytes; returns the bytes when the file may be used."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        report.add(manifest, line, "K005", f"{where}{path.name} is {size:,} bytes, over the 20 MB ({MAX_BYTES:,} bytes) limit of a kit file")
        return None
    data = path.read_bytes()
    found = sniff(data)
    if fmt == "markdown" and found == "binary" and b"\x00" not in data:
        # Text with a byte that is not UTF-8: the document's own fault, at its line (K013), as a page's would be.
        try:
            read_text(path, _shown_beside(manifest, path))
        except SourceError as exc:
            report.add(exc.path, exc.line, "K013", exc.message)
            return None
    if found != fmt:
        head = data[:8].decode("latin-1").encode("unicode_escape").decode("ascii")
        report.add(manifest, line, "K003", f"{where}{path.name} is declared format {fmt} but its bytes are {found} (they start with {head!r})")
        return None
    return data


def _sources(item: LineDict, kit_dir: Path, report: _Report, manifest: str, where: str, neutral: bool) -> dict[str, tuple[Path, int]] | None:
    """language -> (path, manifest line); ``None`` after a reported fault."""
    value = item.get("source")
    if value is None:
        report.add(manifest, item.line, "K007", f"{where}missing field 'source' (a file name, or {{id: ..., en: ...}})")
        return None
    line = item.line_of("source")
    if isinstance(value, str):
        if not neutral:
            report.add(manifest, line, "K008", f"{where}one file for every language, but not marked 'language_neutral: true': "
                       f"give a file per language (source: {{id: ..., en: ...}}) or mark the item language-neutral")
            return None
        path = _source_path(kit_dir, value, line, report, manifest, where)
        return {language: (path, line) for language in LANGUAGES} if path else None
    if not isinstance(value, LineDict):
        report.add(manifest, line, "K007", f"{where}'source' must be a file name or a mapping {{id: ..., en: ...}}, not {type(value).__name__}")
        return None
    if neutral:
        report.add(manifest, line, "K007", f"{where}a language-neutral item has one source file (text), not a file per language")
        return None
    for extra in value:
        if extra not in LANGUAGES:
            report.add(manifest, value.line_of(extra), "K011", f"{where}unknown language {extra!r} in 'source' (known: {', '.join(LANGUAGES)})")
    missing = [language for language in LANGUAGES if language not in value]
    if missing:
        present = [language for language in LANGUAGES if language in value]
        report.add(manifest, line, "K008", f"{where}present in {', '.join(present) or 'no language'} only: "
                   f"add the {', '.join(missing)} file, or mark the item 'language_neutral: true' with one source")
        return None
    result = {}
    for language in LANGUAGES:
        path = _source_path(kit_dir, value[language], value.line_of(language), report, manifest, where)
        if path:
            result[language] = (path, value.line_of(language))
    return result if len(result) == len(LANGUAGES) else None


def _document(path: Path, docs_dir: Path, report: _Report, moment: tuple[dt.date, str] | None) -> Document | None:
    try:
        source = read_markdown(path, docs_dir)
    except SourceError as exc:
        report.add(exc.path, exc.line, "K013", exc.message)
        return None
    if moment:
        day, field = moment
        for entry in citations.sources_items(source.body, source.body_line):
            published = citations.earliest_date(entry.text)
            if published and published > day:
                report.add(source.rel, entry.line, "K019", f"this source is dated {published.isoformat()}, after the kit's {field} "
                           f"{day.isoformat()}: a kit holds only what was known when it was issued (cite an earlier source, or change {field})")
    values = {}
    for key in ("title", "description"):
        value = source.meta.get(key)
        if not isinstance(value, str) or not value.strip():
            line = source.meta.line_of(key) if key in source.meta else 1
            report.add(source.rel, line, "K013", f"front matter needs '{key}' (non-empty text): the kit page lists the document by it")
        else:
            values[key] = " ".join(value.split())
    if len(values) < 2:
        return None
    return Document(path, source.rel, path.relative_to(docs_dir).as_posix(), values["title"], values["description"])


def _item(raw, index: int, kit_dir: Path, docs_dir: Path, report: _Report, manifest: str, seen: dict) -> Item | None:
    if not isinstance(raw, LineDict):
        report.add(manifest, seen["items_line"], "K007", f"item {index + 1} must be a mapping (role, format, source, licence, ...)")
        return None
    before = len(report.findings)
    ident = _text(raw, "id", report, manifest, f"item {index + 1}: ")
    where = f"item {ident or index + 1}: "
    if ident is not None:
        if not SLUG.match(ident):
            report.add(manifest, raw.line_of("id"), "K010", f"{where}id must be a lower-case slug (letters, digits, hyphens)")
        elif ident in seen["ids"]:
            report.add(manifest, raw.line_of("id"), "K010", f"{where}duplicate item id (first at line {seen['ids'][ident]})")
        else:
            seen["ids"][ident] = raw.line_of("id")
    _unknown(raw, ITEM_FIELDS, report, manifest, where)
    role = _text(raw, "role", report, manifest, where)
    if role is not None and role not in ROLES:
        report.add(manifest, raw.line_of("role"), "K011", f"{where}unknown role {role!r} (one of {', '.join(ROLES)})")
        role = None
    fmt = _text(raw, "format", report, manifest, where)
    if fmt is not None and fmt not in FORMATS:
        report.add(manifest, raw.line_of("format"), "K011", f"{where}unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        fmt = None
    if role and fmt and (role == "image") != (fmt in IMAGE_FORMATS):
        report.add(manifest, raw.line_of("format"), "K011", f"{where}a {role} cannot be format {fmt}: images are "
                   f"{' or '.join(IMAGE_FORMATS)}, documents markdown or pdf")
        fmt = None
    neutral = _flag(raw, "language_neutral", report, manifest, where)
    if neutral and fmt == "markdown":
        report.add(manifest, raw.line_of("language_neutral"), "K011", f"{where}a Markdown document has words, so it cannot be language-neutral: write it in each language")
        neutral = None
    image = role == "image"
    licence = _text(raw, "licence", report, manifest, where, required=not image)
    if image and "licence" not in raw:
        report.add(manifest, raw.line, "K004", f"{where}an image needs a 'licence'")
    credit = _bilingual(raw, "credit", report, manifest, where, required=image, code="K004" if image else "K007")
    alt = _bilingual(raw, "alt", report, manifest, where, required=image, code="K004" if image else "K007")
    titles = _bilingual(raw, "title", report, manifest, where, required=fmt not in (None, "markdown"))
    if fmt == "markdown" and "title" in raw:
        report.add(manifest, raw.line_of("title"), "K011", f"{where}a document's title is its front matter 'title': remove it here")
    sources = _sources(raw, kit_dir, report, manifest, where, bool(neutral)) if neutral is not None else None
    if sources is None or fmt is None:
        # Still mark the named files as listed, so they are not reported as strays too.
        seen["listed"].update(_named_files(raw, kit_dir))
        return None
    seen["listed"].update(path for path, _ in sources.values())
    contents: dict[str, bytes] = {}
    documents: dict[str, Document] = {}
    checked: dict[Path, bytes | None] = {}  # a language-neutral file is checked (and reported) once
    for language, (path, line) in sources.items():
        if path not in checked:
            if path in seen["sources"]:
                report.add(manifest, line, "K010", f"{where}{path.name} is already the source of item {seen['sources'][path]!r}")
                checked[path] = None
                continue
            seen["sources"][path] = ident
            data = checked[path] = _check_file(path, fmt, line, report, manifest, where)
            if data is not None and fmt == "svg" and (unsafe := svg_unsafe(data.decode("utf-8"))):
                report.add(manifest, line, "K014", f"{where}{path.name} holds {unsafe!r}: a kit image may not run script or load anything from another host")
            if data is not None and fmt == "pdf" and pdf_page_count(data) == 0:
                report.add(manifest, line, "K017", f"{where}{path.name}: no page found in it; export the PDF again from its source")
        if checked[path] is not None:
            contents[language] = checked[path]
    if fmt == "markdown" and len(contents) == len(LANGUAGES):
        first, *others = LANGUAGES
        base = sources[first][0]
        if base.name.endswith(tuple(f".{lang}.md" for lang in others)) or base.suffix != ".md":
            report.add(manifest, sources[first][1], "K016", f"{where}the Indonesian document must be a plain '<name>.md', not {base.name}")
        for language in others:
            twin = base.with_name(f"{base.stem}.{language}.md")
            if sources[language][0] != twin:
                report.add(manifest, sources[language][1], "K016", f"{where}the {language} document must be {twin.name}, the twin of {base.name} (as every page of the site)")
        for language, (path, _) in sources.items():
            document = _document(path, docs_dir, report, seen["moment"])
            if document:
                documents[language] = document
    if len(report.findings) > before:
        return None
    return Item(
        id=ident, role=role, format=fmt, neutral=bool(neutral),
        sources={language: path for language, (path, _) in sources.items()},
        licence=licence or "", titles=titles or {}, credit=credit, alt=alt,
        line=raw.line, documents=documents,
    )


def _named_files(raw: LineDict, kit_dir: Path) -> set[Path]:
    value = raw.get("source")
    names = [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []
    return {kit_dir / n for n in names if isinstance(n, str) and ".." not in PurePosixPath(n).parts and not PurePosixPath(n).is_absolute()}


def _strays(kit_dir: Path, listed: set[Path], report: _Report, manifest: str, items_line: int) -> None:
    """Every file of the kit folder must be the manifest or an item's source (dotfiles aside)."""
    for root, dirs, files in os.walk(kit_dir, followlinks=False):
        here = Path(root)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                rel = (here / name).relative_to(kit_dir).as_posix()
                report.add(manifest, items_line, "K006", f"{rel}/ is a symbolic link: a kit folder holds real files only")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or (here == kit_dir and name == MANIFEST) or path in listed:
                continue
            rel = path.relative_to(kit_dir).as_posix()
            if path.is_symlink():
                report.add(manifest, items_line, "K006", f"{rel} is a symbolic link: a kit folder holds real files only")
            else:
                report.add(manifest, items_line, "K002", f"{rel} is in the kit folder but no item lists it: add an item for it, or remove the file")


def _kit_pages(kit_id: str, title: dict[str, str], docs_dir: Path, report: _Report, manifest: str, line: int) -> None:
    directive = re.compile(rf"^[ \t]*<!--\s*portal:{re.escape(DIRECTIVE_PREFIX + kit_id)}\s*-->[ \t]*$", re.M)
    for language in LANGUAGES:
        name = "index.md" if language == LANGUAGES[0] else f"index.{language}.md"
        path = docs_dir / PAGES_DIR / kit_id / name
        shown = f"{docs_dir.name}/{PAGES_DIR}/{kit_id}/{name}"
        if not path.is_file():
            report.add(manifest, line, "K012", f"the kit's page {shown} is missing: write it, with the line <!-- portal:{DIRECTIVE_PREFIX}{kit_id} -->")
            continue
        try:
            source = read_markdown(path, docs_dir)
        except SourceError as exc:
            report.add(exc.path, exc.line, "K012", exc.message)
            continue
        if not directive.search(source.body):
            report.add(shown, 1, "K012", f"the kit page lacks the line <!-- portal:{DIRECTIVE_PREFIX}{kit_id} --> where its downloads go")
        page_title = source.meta.get("title")
        if title and page_title != title.get(language):
            report.add(shown, source.meta.line_of("title") if "title" in source.meta else 1, "K012",
                       f"title {page_title!r} differs from the kit's {language} title {title.get(language)!r} in {manifest}")


def load_kit(kit_dir: Path, docs_dir: Path) -> tuple[Kit | None, list[Finding]]:
    """Read and check one kit folder; the kit is ``None`` when any error was found."""
    report = _Report()
    shown_dir = f"{docs_dir.name}/{kit_dir.relative_to(docs_dir).as_posix()}"
    manifest = f"{shown_dir}/{MANIFEST}"
    if kit_dir.is_symlink():
        report.add(shown_dir, 1, "K006", "the kit folder is a symbolic link: a kit folder holds real files only")
        return None, report.findings
    if not (kit_dir / MANIFEST).is_file():
        report.add(shown_dir, 1, "K009", f"a kit folder needs its manifest {MANIFEST} (id, event, title, items)")
        return None, report.findings
    if (kit_dir / MANIFEST).is_symlink():
        report.add(manifest, 1, "K006", "the manifest is a symbolic link: a kit folder holds real files only")
        return None, report.findings
    try:
        data = load_yaml((kit_dir / MANIFEST).read_text(encoding="utf-8"), manifest)
    except SourceError as exc:
        report.add(exc.path, exc.line, "K009", exc.message)
        return None, report.findings
    except UnicodeDecodeError:
        report.add(manifest, 1, "K009", "the manifest is not UTF-8 text")
        return None, report.findings
    if not isinstance(data, LineDict):
        report.add(manifest, 1, "K007", "the manifest must be a mapping (id, event, title, items, ...)")
        return None, report.findings

    _unknown(data, KIT_FIELDS, report, manifest, "")
    ident = _text(data, "id", report, manifest, "")
    if ident is not None and ident != kit_dir.name:
        report.add(manifest, data.line_of("id"), "K010", f"id {ident!r} must be the kit folder's name {kit_dir.name!r}")
    elif ident is not None and not SLUG.match(ident):
        report.add(manifest, data.line_of("id"), "K010", f"id {ident!r} must be a lower-case slug (letters, digits, hyphens)")
    title = _bilingual(data, "title", report, manifest, "")
    training = _flag(data, "training_example", report, manifest, "", required=True)
    draft = _flag(data, "draft", report, manifest, "")

    event_name, event_page = None, None
    event = data.get("event")
    if event is None:
        report.add(manifest, data.line, "K007", "missing field 'event' (a mapping with 'name' per language and 'page')")
    elif not isinstance(event, LineDict):
        report.add(manifest, data.line_of("event"), "K007", f"'event' must be a mapping with 'name' per language and 'page', not {type(event).__name__}")
    else:
        _unknown(event, EVENT_FIELDS, report, manifest, "event: ")
        event_name = _bilingual(event, "name", report, manifest, "event: ")
        event_page = _text(event, "page", report, manifest, "event: ")
        if event_page is not None and not (docs_dir / event_page).is_file():
            report.add(manifest, event.line_of("page"), "K018", f"event page {docs_dir.name}/{event_page} does not exist")

    embargo = None
    if data.get("embargo_until") is not None:
        try:
            embargo = clock.parse_aware(str(data["embargo_until"]))
        except clock.ClockError as exc:
            report.add(manifest, data.line_of("embargo_until"), "K007", f"embargo_until: {exc}")
    as_of = data.get("as_of")
    if as_of is not None:
        try:
            as_of = dt.date.fromisoformat(str(as_of))
        except ValueError:
            report.add(manifest, data.line_of("as_of"), "K007", f"as_of must be a day, YYYY-MM-DD, not {as_of!r}")
            as_of = None
    moment = (as_of, "as_of") if as_of else (embargo.date(), "embargo_until") if embargo else None
    allowed = _flag(data, "placeholders_allowed", report, manifest, "")
    reason = _bilingual(data, "placeholders_reason", report, manifest, "", required=bool(allowed))
    if reason and not allowed:
        report.add(manifest, data.line_of("placeholders_reason"), "K011", "placeholders_reason without 'placeholders_allowed: true'")

    items: list[Item] = []
    raw_items = data.get("items")
    items_line = data.line_of("items")
    seen = {"ids": {}, "listed": set(), "sources": {}, "items_line": items_line, "moment": moment}
    if raw_items is None:
        report.add(manifest, data.line, "K007", "missing field 'items' (a list of the kit's files)")
    elif not isinstance(raw_items, list) or not raw_items:
        report.add(manifest, items_line, "K007", "'items' must be a non-empty list")
    else:
        for index, raw in enumerate(raw_items):
            item = _item(raw, index, kit_dir, docs_dir, report, manifest, seen)
            if item:
                items.append(item)
    _strays(kit_dir, seen["listed"], report, manifest, items_line)
    if ident is not None and title is not None:
        _kit_pages(ident, title, docs_dir, report, manifest, data.line_of("id"))
    if report.findings:
        return None, report.findings

    kit = Kit(
        id=ident, folder=kit_dir, manifest=manifest, title=title,
        event_name=event_name, event_page=event_page, training_example=bool(training),
        embargo_until=embargo, placeholders_allowed=bool(allowed), placeholders_reason=reason,
        items=tuple(items), draft=bool(draft), as_of=as_of,
    )
    if not kit.placeholders_allowed:
        report.findings.extend(placeholder_findings(kit, docs_dir))
    return (None if any(f.severity == "error" for f in report.findings) else kit), report.findings


def placeholder_findings(kit: Kit, docs_dir: Path | None = None) -> list[Finding]:
    """Every placeholder still in the kit's text, as K015 findings (file and line).

    The documents and SVGs are searched for any placeholder; the manifest and,
    given ``docs_dir``, the kit's page pair for gaps ``[[...]]`` (the words
    ``portal new kit`` leaves to write). The build refuses a kit with
    placeholders unless its manifest says ``placeholders_allowed: true`` (with
    a reason the kit page shows); while the kit is a draft (``draft: true``,
    never published) they are warnings. The release step asks this function
    again, so a kit can never be released with text still to be filled in by
    accident.
    """
    severity = "warning" if kit.draft else "error"
    advice = ("still to fill in (a warning while the kit is a draft)" if kit.draft
              else f"remains: fill it in, or allow placeholders in {kit.manifest} with a reason")
    kit_shown = kit.manifest.rsplit("/", 1)[0]
    texts: list[tuple[Path, str, re.Pattern]] = [(kit.folder / MANIFEST, kit.manifest, GAP)]
    for item in kit.items:
        if item.format not in ("markdown", "svg"):
            continue
        for path in dict.fromkeys(item.sources.values()):
            texts.append((path, f"{kit_shown}/{path.relative_to(kit.folder).as_posix()}", PLACEHOLDER))
    if docs_dir is not None:
        for language in LANGUAGES:
            rel = kit.page_src(language)
            if (Path(docs_dir) / rel).is_file():
                texts.append((Path(docs_dir) / rel, f"{Path(docs_dir).name}/{rel}", GAP))
    findings = []
    for path, shown, pattern in texts:
        text = path.read_text(encoding="utf-8")
        found = find_gaps(text) if pattern is GAP else [(_line_of(text, m.start()), m.group(0)) for m in pattern.finditer(text)]
        for line, placeholder in found:
            findings.append(Finding(shown, line, "K015", f"placeholder {placeholder!r} {advice}", severity))
    return findings


# --- The catalogue -----------------------------------------------------------------------


def kit_folders(docs_dir: Path) -> list[Path]:
    root = Path(docs_dir) / KITS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if not p.name.startswith("."))


def load_catalogue(docs_dir: Path, now: dt.datetime | None = None) -> Catalogue:
    """Every kit, checked; raises :class:`PortalError` listing every fault of every kit."""
    docs_dir = Path(docs_dir)
    kits, findings = [], []  # findings: errors and the draft kits' warnings
    for path in kit_folders(docs_dir):
        if path.is_file() and not path.is_symlink():
            shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
            findings.append(Finding(shown, 1, "K002", f"a file directly in {docs_dir.name}/{KITS_DIR}/ belongs to no kit: move it into a kit folder, or remove it"))
            continue
        kit, kit_findings = load_kit(path, docs_dir)
        findings.extend(kit_findings)
        if kit:
            kits.append(kit)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise PortalError(errors)
    return Catalogue(tuple(kits), now or clock.now(), tuple(sorted(findings)))
