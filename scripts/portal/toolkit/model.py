"""The toolkit's records: working documents a summit team opens, fills in and sends on.

One template source (``docs/perangkat/_templates/<id>.yml``) describes one
working document in both languages; the build writes it as a spreadsheet
(``xlsx``), a Word document (``docx``) or a calendar (``ics``), and the
toolkit page lists it. The records check themselves when they are made from a
source (:func:`parse_template`): every fault is a :class:`Finding` at the
source's ``file:line`` with an ``M`` code, so a bad field never reaches a file.

====  ================================================================
M000  the source cannot be read (YAML syntax, a key written twice, not
      UTF-8)
M001  a required field is missing or has the wrong shape (a key beside
      ``id`` and ``en`` in a text: an unquoted comma cut it short)
M002  a spreadsheet column of an unknown type (the known ones are named)
M003  a text without its translation: every heading, title, note and
      choice is written in Indonesian (``id``) and English (``en``)
M004  the template belongs to an unknown curriculum module
M005  an unknown format, or a part another format uses (``sheets`` in a
      ``docx``, ``sections`` in an ``xlsx``)
M006  an id used twice (template, sheet, column, section, event)
M007  a placeholder left in the text (``TODO``, ``XXX``, ``lorem``,
      ``[[...]]``, an unclosed ``[``): fields the user fills in are
      written ``[like this]`` and nothing else is left open
M008  a choice column without choices, with a different number of
      choices in the two languages, or choices a drop-down list cannot
      hold (a comma, a quote, more than 255 characters in all)
M009  a formula that names a column the sheet does not have
M010  a file id that is not a slug (``[a-z0-9-]``), or an impossible date
====  ================================================================

Fields the user fills in are written in square brackets, ``[Nama instansi]``:
the writers mark them (highlighted in a document, an input cell in a sheet),
so "no leftover placeholder" can be checked: every bracket is a marked field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from portal import LANGUAGES
from portal.findings import Finding
from portal.sources import LineDict

TEMPLATES_DIR = "perangkat/_templates"  # docs-relative home of the sources
FORMATS = ("xlsx", "docx", "ics")
COLUMN_TYPES = (
    "text",       # a short line
    "long_text",  # a paragraph: the cell wraps
    "date",       # a date cell (YYYY-MM-DD)
    "datetime",   # date and time (the zone is in the heading)
    "time",       # a time of day
    "number",     # a whole number (reach, interactions)
    "percent",    # a share, shown as a percentage
    "choice",     # one of the column's choices (a drop-down list)
    "platform",   # one of the platforms of docs/_data/platforms.yml, with their limits in the note
    "role",       # one of the five approval roles of the curriculum
    "yesno",      # yes / no
    "url",        # a link
    "formula",    # computed from other columns of the row: {column} names one
)
CHOICE_TYPES = ("choice", "platform", "role", "yesno")
BLOCK_KINDS = ("paragraph", "bullets", "steps", "fields", "table")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
FIELD = re.compile(r"\[([^\[\]\n]+)\]")  # a marked field: [Nama instansi]
LEFTOVER = re.compile(r"\b(?:TODO|TBD|FIXME|XXX+|lorem ipsum)\b|\[\[|\]\]", re.I)
FORMULA_REF = re.compile(r"\{([a-z0-9_-]+)\}")

Text = dict  # language -> text, both languages present


@dataclass(frozen=True)
class Source:
    """Where a fact of the template comes from: a reader can follow it."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class Column:
    id: str
    heading: Text
    type: str
    width: int = 18
    note: Text | None = None
    choices: dict[str, tuple[str, ...]] | None = None  # language -> choices, same count
    formula: str | None = None
    shows: str | None = None  # a formula's result: "number" or "percent"
    line: int = 0


@dataclass(frozen=True)
class Sheet:
    id: str
    title: Text
    intro: Text | None
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Text], ...]  # filled-in rows: column id -> text per language
    blank_rows: int = 0  # rows prepared for the user (validation, formulas)
    line: int = 0

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)


@dataclass(frozen=True)
class Block:
    """One part of a document section: a paragraph, a list, fields to fill in, or a table."""

    kind: str
    text: Text | None = None
    items: tuple[Text, ...] = ()  # bullets, steps; fields: their labels
    columns: tuple[Text, ...] = ()  # table headings
    rows: tuple[tuple[Text, ...], ...] = ()  # table rows (a cell may be a [field])
    line: int = 0


@dataclass(frozen=True)
class Section:
    id: str
    heading: Text
    blocks: tuple[Block, ...]
    line: int = 0


@dataclass(frozen=True)
class Event:
    """A calendar event: a whole-day event (``start``/``end`` dates) with its source."""

    id: str
    summary: Text
    start: dt.date
    end: dt.date  # the last day, inclusive
    location: Text
    description: Text
    url: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Template:
    id: str
    format: str
    module: str  # the curriculum module it belongs to
    title: Text
    purpose: Text  # one line: what the document is for
    how_to_use: dict[str, tuple[str, ...]]  # language -> steps
    sources: tuple[Source, ...]
    path: str  # shown path of the source
    line: int = 1
    sheets: tuple[Sheet, ...] = ()
    sections: tuple[Section, ...] = ()
    events: tuple[Event, ...] = ()
    agenda_date: dt.date | None = None  # ics: the day the one-day Bimtek agenda is placed on (to move)
    training_example: bool = False  # holds example figures or scenarios: labelled wherever it travels

    def headings(self, language: str) -> list[str]:
        """Every heading the file must show in ``language``: sheet titles and columns, or section headings."""
        found = []
        for sheet in self.sheets:
            found.append(sheet.title[language])
            found.extend(column.heading[language] for column in sheet.columns)
        for section in self.sections:
            found.append(section.heading[language])
        return found


@dataclass(frozen=True)
class Toolkit:
    """Every template, in the order of their file names."""

    templates: tuple[Template, ...] = ()
    warnings: tuple[Finding, ...] = ()

    def by_id(self) -> dict[str, Template]:
        return {t.id: t for t in self.templates}

    def for_module(self, module_id: str) -> list[Template]:
        return [t for t in self.templates if t.module == module_id]


# --- Made from a source, checking itself ---------------------------------------------------


class _Faults:
    def __init__(self, path: str):
        self.path = path
        self.found: list[Finding] = []

    def add(self, line: int, code: str, message: str) -> None:
        self.found.append(Finding(self.path, line or 1, code, message))


def _line(mapping: Any, key: str | None = None) -> int:
    if isinstance(mapping, LineDict):
        return mapping.line_of(key) if key else mapping.line
    return 1


def _check_text(value: str, faults: _Faults, line: int, what: str) -> None:
    leftover = LEFTOVER.search(value)
    if leftover:
        faults.add(line, "M007", f"{what} still holds {leftover.group(0)!r}: write the text, or mark a field the user fills in as [like this]")
        return
    if value.count("[") != value.count("]") or len(FIELD.findall(value)) != value.count("["):
        faults.add(line, "M007", f"{what} has an unclosed or nested '[': a field the user fills in is written [like this]")


def _stray_keys(value: dict, faults: _Faults, line: int, what: str) -> bool:
    """M001 for a key beside ``id`` and ``en``: most often a text cut at an unquoted comma (``{id: Minggu, 6 Agustus}``)."""
    stray = [key for key in value if key not in LANGUAGES]
    if stray:
        faults.add(_line(value) if isinstance(value, LineDict) else line, "M001",
                   f"{what} has {', '.join(repr(str(key)) for key in stray)} beside id and en: in {{id: ..., en: ...}} an unquoted "
                   "comma ends the text there; put the text in quotation marks")
    return bool(stray)


def _text(parent: Any, key: str, faults: _Faults, what: str, required: bool = True) -> Text | None:
    """A bilingual text ``{id: ..., en: ...}`` at ``parent[key]``; M001 missing, M003 a language missing."""
    value = parent.get(key) if isinstance(parent, dict) else None
    line = _line(parent, key)
    if value is None:
        if required:
            faults.add(line, "M001", f"{what} is missing: write it as {{id: ..., en: ...}}")
        return None
    if not isinstance(value, dict):
        faults.add(line, "M003", f"{what} must be written in both languages ({{id: ..., en: ...}}), not {type(value).__name__}")
        return None
    if _stray_keys(value, faults, line, what):
        return None
    missing = [language for language in LANGUAGES if not isinstance(value.get(language), str) or not value.get(language).strip()]
    if missing:
        faults.add(_line(value) if isinstance(value, LineDict) else line, "M003",
                   f"{what} has no {' and no '.join(missing)} text: every heading and text is written in id and en")
        return None
    for language in LANGUAGES:
        _check_text(value[language], faults, _line(value, language), f"{what} ({language})")
    return {language: value[language].strip() for language in LANGUAGES}


def _text_list(parent: Any, key: str, faults: _Faults, what: str, required: bool = True) -> dict[str, tuple[str, ...]] | None:
    """``{id: [...], en: [...]}`` with the same number of entries in each language."""
    value = parent.get(key) if isinstance(parent, dict) else None
    line = _line(parent, key)
    if value is None:
        if required:
            faults.add(line, "M001", f"{what} is missing: write it as {{id: [...], en: [...]}}")
        return None
    if not isinstance(value, dict) or any(not isinstance(value.get(language), list) for language in LANGUAGES):
        missing = [language for language in LANGUAGES if not isinstance(value, dict) or not isinstance(value.get(language), list)]
        faults.add(line, "M003", f"{what} needs a list in each language; {', '.join(missing)} is missing")
        return None
    if _stray_keys(value, faults, line, what):
        return None
    lists = {language: value[language] for language in LANGUAGES}
    if len({len(items) for items in lists.values()}) != 1 or not lists[LANGUAGES[0]]:
        faults.add(line, "M003" if key != "choices" else "M008",
                   f"{what} has {' / '.join(f'{len(items)} in {language}' for language, items in lists.items())} entries: each language needs the same ones")
        return None
    for language, items in lists.items():
        for item in items:
            if not isinstance(item, str) or not item.strip():
                faults.add(_line(value, language), "M003", f"{what} ({language}) has an empty entry")
                return None
            _check_text(item, faults, _line(value, language), f"{what} ({language})")
    return {language: tuple(item.strip() for item in items) for language, items in lists.items()}


def _items(parent: Any, key: str, faults: _Faults, what: str) -> list:
    value = parent.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, LineDict) for entry in value):
        faults.add(_line(parent, key), "M001", f"{what} must be a list of mappings")
        return []
    return value


def _id(entry: LineDict, faults: _Faults, what: str, seen: set[str]) -> str | None:
    value = entry.get("id")
    if not isinstance(value, str) or not value:
        faults.add(_line(entry), "M001", f"{what} needs an id")
        return None
    if value in seen:
        faults.add(_line(entry, "id"), "M006", f"{what} id {value!r} is used twice")
        return None
    seen.add(value)
    return value


def _column(entry: LineDict, faults: _Faults, seen: set[str]) -> Column | None:
    column_id = _id(entry, faults, "a column", seen)
    heading = _text(entry, "heading", faults, f"the heading of column {column_id!r}")
    kind = entry.get("type", "text")
    if kind not in COLUMN_TYPES:
        faults.add(_line(entry, "type"), "M002", f"column {column_id!r} has the unknown type {kind!r} (known: {', '.join(COLUMN_TYPES)})")
        return None
    note = _text(entry, "note", faults, f"the note of column {column_id!r}", required=False)
    choices = None
    if kind == "choice":
        if entry.get("choices") is None:
            faults.add(_line(entry), "M008", f"choice column {column_id!r} has no choices: {{id: [...], en: [...]}}")
        choices = _text_list(entry, "choices", faults, f"the choices of column {column_id!r}", required=False)
        if choices is None:
            return None
        for language, options in choices.items():
            if any("," in option or '"' in option for option in options) or len(",".join(options)) > 255:
                faults.add(_line(entry, "choices"), "M008", f"the choices of column {column_id!r} ({language}) must hold no comma or quote "
                           "and 255 characters in all: a spreadsheet's drop-down list cannot show more")
                return None
    formula = entry.get("formula")
    if kind == "formula" and (not isinstance(formula, str) or not formula.startswith("=")):
        faults.add(_line(entry), "M001", f"formula column {column_id!r} needs formula: '=...' (a column is written {{id}})")
        return None
    width = entry.get("width", 18)
    if not isinstance(width, int) or isinstance(width, bool) or not 4 <= width <= 120:
        faults.add(_line(entry, "width"), "M001", f"width of column {column_id!r} must be a whole number from 4 to 120")
        return None
    shows = entry.get("shows")
    if shows not in (None, "number", "percent"):
        faults.add(_line(entry, "shows"), "M001", f"shows of column {column_id!r} must be number or percent, not {shows!r}")
        return None
    if column_id is None or heading is None:
        return None
    return Column(column_id, heading, kind, width, note, choices, formula if kind == "formula" else None, shows, _line(entry))


def _sheet(entry: LineDict, faults: _Faults, seen: set[str]) -> Sheet | None:
    sheet_id = _id(entry, faults, "a sheet", seen)
    title = _text(entry, "title", faults, f"the title of sheet {sheet_id!r}")
    intro = _text(entry, "intro", faults, f"the introduction of sheet {sheet_id!r}", required=False)
    columns, ids = [], set()
    for column in _items(entry, "columns", faults, f"the columns of sheet {sheet_id!r}"):
        made = _column(column, faults, ids)
        if made:
            columns.append(made)
    if not entry.get("columns"):
        faults.add(_line(entry), "M001", f"sheet {sheet_id!r} has no columns")
    known = {c.id for c in columns}
    for column in columns:
        for name in FORMULA_REF.findall(column.formula or ""):
            if name not in known:
                faults.add(column.line, "M009", f"the formula of column {column.id!r} names {{{name}}}, which sheet {sheet_id!r} has no column for")
    rows = []
    for row in _items(entry, "rows", faults, f"the rows of sheet {sheet_id!r}"):
        cells = {}
        for key in row:
            if key not in known:
                faults.add(_line(row, key), "M009", f"a row of sheet {sheet_id!r} fills {key!r}, which is not one of its columns")
                continue
            text = _text(row, key, faults, f"cell {key!r} of sheet {sheet_id!r}")
            if text:
                cells[key] = text
        rows.append(cells)
    blank = entry.get("blank_rows", 0)
    if not isinstance(blank, int) or isinstance(blank, bool) or not 0 <= blank <= 500:
        faults.add(_line(entry, "blank_rows"), "M001", "blank_rows must be a whole number from 0 to 500")
        blank = 0
    if sheet_id is None or title is None:
        return None
    return Sheet(sheet_id, title, intro, tuple(columns), tuple(rows), blank, _line(entry))


def _block(entry: LineDict, faults: _Faults, where: str) -> Block | None:
    kind = entry.get("kind")
    if kind not in BLOCK_KINDS:
        faults.add(_line(entry, "kind"), "M001", f"a block of {where} has kind {kind!r} (known: {', '.join(BLOCK_KINDS)})")
        return None
    if kind == "paragraph":
        text = _text(entry, "text", faults, f"a paragraph of {where}")
        return Block(kind, text=text, line=_line(entry)) if text else None
    if kind in ("bullets", "steps", "fields"):
        lists = _text_list(entry, "items", faults, f"the {kind} of {where}")
        if lists is None:
            return None
        items = tuple({language: lists[language][i] for language in LANGUAGES} for i in range(len(lists[LANGUAGES[0]])))
        return Block(kind, text=_text(entry, "text", faults, f"the lead-in of {where}", required=False), items=items, line=_line(entry))
    columns = _text_list(entry, "columns", faults, f"the table headings of {where}")
    if columns is None:
        return None
    width = len(columns[LANGUAGES[0]])
    rows = []
    for row in entry.get("rows") or []:
        if not isinstance(row, dict):
            faults.add(_line(entry, "rows"), "M001", f"a table row of {where} must be {{id: [...], en: [...]}}")
            return None
        cells = _text_list({"row": row}, "row", faults, f"a table row of {where}")
        if cells is None:
            return None
        if len(cells[LANGUAGES[0]]) != width:
            faults.add(_line(row), "M001", f"a table row of {where} has {len(cells[LANGUAGES[0]])} cells, the table {width} columns")
            return None
        rows.append(tuple({language: cells[language][i] for language in LANGUAGES} for i in range(width)))
    headings = tuple({language: columns[language][i] for language in LANGUAGES} for i in range(width))
    return Block(kind, text=_text(entry, "text", faults, f"the lead-in of {where}", required=False),
                 columns=headings, rows=tuple(rows), line=_line(entry))


def _section(entry: LineDict, faults: _Faults, seen: set[str]) -> Section | None:
    section_id = _id(entry, faults, "a section", seen)
    heading = _text(entry, "heading", faults, f"the heading of section {section_id!r}")
    blocks = [b for b in (_block(block, faults, f"section {section_id!r}") for block in _items(entry, "blocks", faults, f"section {section_id!r}")) if b]
    if not entry.get("blocks"):
        faults.add(_line(entry), "M001", f"section {section_id!r} has no blocks")
    if section_id is None or heading is None:
        return None
    return Section(section_id, heading, tuple(blocks), _line(entry))


def _date(entry: LineDict, key: str, faults: _Faults, what: str) -> dt.date | None:
    value = entry.get(key)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        faults.add(_line(entry, key), "M010", f"{what} {key} must be a date YYYY-MM-DD, not {value!r}")
        return None


def _event(entry: LineDict, faults: _Faults, seen: set[str]) -> Event | None:
    event_id = _id(entry, faults, "an event", seen)
    summary = _text(entry, "summary", faults, f"the summary of event {event_id!r}")
    location = _text(entry, "location", faults, f"the location of event {event_id!r}")
    description = _text(entry, "description", faults, f"the description of event {event_id!r}")
    start = _date(entry, "start", faults, f"event {event_id!r}")
    end = _date(entry, "end", faults, f"event {event_id!r}") if entry.get("end") is not None else start
    url = entry.get("url")
    if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
        faults.add(_line(entry, "url"), "M001", f"the url of event {event_id!r} must start with https://")
        url = None
    if start and end and end < start:
        faults.add(_line(entry, "end"), "M010", f"event {event_id!r} ends before it starts")
        return None
    if None in (event_id, summary, location, description, start, end):
        return None
    return Event(event_id, summary, start, end, location, description, url, _line(entry))


def parse_template(data: Any, path: str, file_id: str, modules: set[str]) -> tuple[Template | None, list[Finding]]:
    """A :class:`Template` from a source's data, or ``None`` and every fault at its line."""
    faults = _Faults(path)
    if not isinstance(data, LineDict):
        faults.add(1, "M001", "a template source is a mapping (id, format, module, title, purpose, how_to_use, ...)")
        return None, faults.found
    if not SLUG.match(file_id):
        faults.add(1, "M010", f"the file name {file_id!r} is not a slug: use lower case, digits and hyphens")
    if data.get("id") != file_id:
        faults.add(_line(data, "id"), "M001", f"id must equal the file name {file_id!r}, not {data.get('id')!r}")
    kind = data.get("format")
    if kind not in FORMATS:
        faults.add(_line(data, "format"), "M005", f"format {kind!r} is not one of {', '.join(FORMATS)}")
    module = data.get("module")
    if not isinstance(module, str) or module not in modules:
        faults.add(_line(data, "module"), "M004", f"module {module!r} is not a curriculum module (known: {', '.join(sorted(modules))})")
    title = _text(data, "title", faults, "title")
    purpose = _text(data, "purpose", faults, "purpose")
    how_to_use = _text_list(data, "how_to_use", faults, "how_to_use")
    sources = []
    for entry in data.get("sources") or []:
        if isinstance(entry, str) and entry.strip():
            sources.append(Source(entry.strip()))
        elif isinstance(entry, LineDict) and isinstance(entry.get("text"), str):
            url = entry.get("url")
            if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
                faults.add(_line(entry, "url"), "M001", "a source's url must start with https://")
                url = None
            sources.append(Source(entry["text"].strip(), url))
        else:
            faults.add(_line(data, "sources"), "M001", "each source is a text or {text: ..., url: https://...}")
    example = data.get("training_example", False)
    if not isinstance(example, bool):
        faults.add(_line(data, "training_example"), "M001", "training_example must be true or false")
        example = False

    parts = {"xlsx": "sheets", "docx": "sections", "ics": "events"}
    for other_kind, key in parts.items():
        if kind in FORMATS and other_kind != kind and data.get(key) is not None:
            faults.add(_line(data, key), "M005", f"{key} belong to a {other_kind} template, not to this {kind}")
    seen: set[str] = set()
    sheets = tuple(s for s in (_sheet(e, faults, seen) for e in _items(data, "sheets", faults, "sheets")) if s) if kind == "xlsx" else ()
    sections = tuple(s for s in (_section(e, faults, seen) for e in _items(data, "sections", faults, "sections")) if s) if kind == "docx" else ()
    events = tuple(e for e in (_event(e, faults, seen) for e in _items(data, "events", faults, "events")) if e) if kind == "ics" else ()
    if kind in parts and not data.get(parts[kind]):
        faults.add(_line(data), "M001", f"a {kind} template needs {parts[kind]}:")
    agenda = _date(data, "agenda_date", faults, "the template's") if kind == "ics" and data.get("agenda_date") is not None else None

    if faults.found:
        return None, faults.found
    template = Template(
        id=file_id, format=kind, module=module, title=title, purpose=purpose, how_to_use=how_to_use,
        sources=tuple(sources), path=path, line=_line(data), sheets=sheets, sections=sections, events=events,
        agenda_date=agenda, training_example=example,
    )
    return template, []


def fields(text: str) -> list[str]:
    """The marked fields of a text, in order: ``"Kami [tindakan] pada [jam]"`` -> ``["tindakan", "jam"]``."""
    return FIELD.findall(text)


def split_fields(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a marked field) runs, brackets kept on the fields."""
    runs, at = [], 0
    for match in FIELD.finditer(text):
        if match.start() > at:
            runs.append((text[at:match.start()], False))
        runs.append((match.group(0), True))
        at = match.end()
    if at < len(text):
        runs.append((text[at:], False))
    return runs


def file_name(template: Template, language: str) -> str:
    return f"{template.id}-{language}.{template.format}"

