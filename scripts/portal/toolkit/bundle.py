"""The toolkit's files, made from the records before any page describes them: xlsx, docx, ics.

As for the press kits (:mod:`portal.presskits.bundle`), the bytes come first:
the toolkit page prints each file's size and SHA-256 from the very bytes the
site serves, so nothing is measured twice.

Reproducible bytes. openpyxl and python-docx stamp the time of writing into
``docProps/core.xml`` and into every ZIP entry, and keep the order they wrote
in; here the document's created/modified times are the commit time
(``SOURCE_DATE_EPOCH``, as every download of the portal), its author and
"last modified by" are the portal, and the package is written again with
:func:`portal.zipbuild.deterministic_zip` (entries sorted, fixed dates and
modes, deflated at level 9 as the release's site archive is: Word's styles
alone are 800 KB of XML, which compresses tenfold). Two builds of one commit
give the same bytes.

What every file holds, from its record and :mod:`portal.words`:
- a first part that says what the file is for and how to use it (the first
  sheet of a workbook; the top of a document; a calendar's description);
- the portal's licence (and, where the template holds examples, the training
  example label);
- fields the user fills in, marked: a document highlights every
  ``[field]``; a sheet's prepared rows carry the drop-down lists, formats and
  formulas of their columns.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

import docx
import openpyxl

from portal.buildcache import ContentCache, digest
from portal.curriculum.schedule import Schedule
from portal.platforms import Platform
from portal.toolkit.model import FORMULA_REF, Column, Section, Sheet, Template, Toolkit, file_name, split_fields
from portal.words import clock_time, long_date, section
from portal.zipbuild import ZIP_EPOCH, Payload, deterministic_zip

DOWNLOADS = "perangkat/unduhan"  # docs-relative folder the files are served from, in each language's site
AUTHOR = "Portal Bimtek"
LOCALE = {"id": "id-ID", "en": "en-GB"}
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ics": "text/calendar",
}
WIB = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class ToolkitFile(Payload):
    template: Template
    language: str
    name: str
    data: bytes = field(repr=False)

    @property
    def format(self) -> str:
        return self.template.format

    @property
    def src_uri(self) -> str:
        """docs-relative path the file is served from (in its language's site)."""
        return f"{DOWNLOADS}/{self.name}"


def _words(language: str) -> dict:
    return section("toolkit", language)


def stamp(epoch: int) -> dt.datetime:
    """The commit time as a naive UTC datetime (what both libraries write into core.xml)."""
    return dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH), dt.timezone.utc).replace(tzinfo=None)


THUMBNAIL = "docProps/thumbnail.jpeg"  # python-docx's template ships a picture of some other document
_THUMBNAIL_REL = re.compile(rb'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"[^>]*/>')
_APPLICATION = re.compile(rb"<Application>[^<]*</Application>")


def repack(package: bytes, epoch: int) -> bytes:
    """An OOXML package (a ZIP) written again with sorted entries, fixed dates and modes.

    What the libraries' own templates carry that is not this file's is dropped:
    python-docx's thumbnail (a picture of another document) and the
    application it names ("Microsoft Macintosh Word").
    """
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    if entries.pop(THUMBNAIL, None) is not None:
        entries["_rels/.rels"] = _THUMBNAIL_REL.sub(b"", entries["_rels/.rels"])
    if "docProps/app.xml" in entries:
        entries["docProps/app.xml"] = _APPLICATION.sub(f"<Application>{AUTHOR}</Application>".encode(), entries["docProps/app.xml"], count=1)
    return deterministic_zip(entries, epoch, deflate=True)


_CODE = Path(__file__).read_bytes()  # a serve cache entry made by other code is not these bytes
_LIBRARIES = f"openpyxl {openpyxl.__version__}; python-docx {getattr(docx, '__version__', '?')}"


def build_toolkit(toolkit: Toolkit, language: str, epoch: int, platforms: dict[str, Platform], schedule: Schedule | None,
                  module_titles: dict[str, str], cache: ContentCache | None = None) -> list[ToolkitFile]:
    """Every template of ``toolkit`` as a file in ``language``, in the catalogue's order.

    With ``cache`` (``make serve``), a file is made again only when something
    it is made from changed: its record, the platform limits (a workbook),
    the schedule (a calendar), its module's title, the toolkit's words, the
    epoch, the libraries or this module's code.
    """
    files = []
    for template in toolkit.templates:
        if template.format == "xlsx":
            make = lambda template=template: workbook(template, language, epoch, platforms, module_titles)  # noqa: E731
            inputs = (platforms,)
        elif template.format == "docx":
            make = lambda template=template: document(template, language, epoch, module_titles)  # noqa: E731
            inputs = ()
        else:
            make = lambda template=template: calendar(template, language, epoch, schedule)  # noqa: E731
            inputs = (schedule,)
        if cache is None:
            data = make()
        else:
            key = digest("toolkit", template, language, epoch, module_titles.get(template.module), _words(language),
                         *inputs, _LIBRARIES, _CODE)
            data = cache.bytes_for("toolkit", key, make)
        files.append(ToolkitFile(template, language, file_name(template, language), data))
    return files


# --- Spreadsheets -----------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # a marked field in a sheet: the cell the user fills in
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "time": "hh:mm", "number": "#,##0", "percent": "0.0%"}


def platform_note(platforms: dict[str, Platform], language: str) -> str:
    t = _words(language)
    lines = [t["platform_note"]]
    for p in platforms.values():
        lines.append(t["platform_limit"].format(
            name=p.name, limit=f"{p.caption_chars:,}".replace(",", "." if language == "id" else ","),
            weighted=t["weighted"] if p.counting == "weighted" else "",
            hashtags=t["hashtag_limit"].format(max=p.max_hashtags) if p.max_hashtags is not None else "",
            source=p.source, verified=p.verified_on.isoformat(),
        ))
    return "\n".join(lines)


def choices_of(column: Column, language: str, platforms: dict[str, Platform]) -> tuple[str, ...] | None:
    t = _words(language)
    if column.type == "choice":
        return column.choices[language]
    if column.type == "platform":
        return tuple(p.name for p in platforms.values())
    if column.type == "role":
        return tuple(t["roles"])
    if column.type == "yesno":
        return (t["yes"], t["no"])
    return None


def _how_to_sheet(sheet, template: Template, language: str, module_titles: dict[str, str]) -> None:
    t = _words(language)
    sheet.title = t["how_to_use_sheet"]
    sheet.column_dimensions["A"].width = 110
    lines: list[tuple[str, Font | None]] = [
        (template.title[language], Font(bold=True, size=14)),
        (template.purpose[language], None),
        (t["module"].format(module=module_titles.get(template.module, template.module)), Font(italic=True)),
        ("", None),
        (t["how_to_use"], Font(bold=True, size=12)),
    ]
    lines += [(f"{i}. {step}", None) for i, step in enumerate(template.how_to_use[language], 1)]
    for data_sheet in template.sheets:
        if data_sheet.intro:
            lines += [("", None), (data_sheet.title[language], Font(bold=True)), (data_sheet.intro[language], None)]
    if template.training_example:
        lines += [("", None), (t["training_example"], Font(bold=True))]
    lines += [("", None), (t["licence"], Font(italic=True))]
    if template.sources:
        lines += [("", None), (t["sources"], Font(bold=True))]
        lines += [(f"- {s.text}" + (f" ({s.url})" if s.url else ""), None) for s in template.sources]
    for row, (text, font) in enumerate(lines, 1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            cell.font = font


def _data_sheet(sheet, data: Sheet, template: Template, language: str, platforms: dict[str, Platform]) -> None:
    t = _words(language)
    sheet.title = data.title[language][:31]
    intro = sheet.cell(row=1, column=1, value=f"{template.title[language]}. {t['sheet_intro']}")
    intro.font = Font(italic=True)
    letters = {column.id: get_column_letter(i) for i, column in enumerate(data.columns, 1)}
    last = 2 + len(data.rows) + data.blank_rows
    for i, column in enumerate(data.columns, 1):
        letter = letters[column.id]
        cell = sheet.cell(row=2, column=i, value=column.heading[language])
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = column.width
        note = [column.note[language]] if column.note else []
        if column.type == "platform":
            note.append(platform_note(platforms, language))
        if note:
            comment = Comment("\n".join(note), AUTHOR)
            comment.width, comment.height = 420, 260
            cell.comment = comment
        options = choices_of(column, language, platforms)
        if options and last > 2:
            validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            validation.add(f"{letter}3:{letter}{last}")
            sheet.add_data_validation(validation)
        for row in range(3, last + 1):
            target = sheet.cell(row=row, column=i)
            if column.type in NUMBER_FORMATS:
                target.number_format = NUMBER_FORMATS[column.type]
            if column.type in ("long_text", "text"):
                target.alignment = Alignment(wrap_text=True, vertical="top")
            if column.type == "formula":
                target.value = FORMULA_REF.sub(lambda m, row=row: f"{letters[m.group(1)]}{row}", column.formula)
                target.number_format = NUMBER_FORMATS.get(column.shows or "", "General")
    for r, filled in enumerate(data.rows, 3):
        for column_id, text in filled.items():
            cell = sheet.cell(row=r, column=list(letters).index(column_id) + 1, value=text[language])
            if "[" in text[language]:
                cell.fill = INPUT_FILL
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(data.columns))}{max(last, 2)}"
    sheet.oddFooter.center.text = t["licence_short"]


def workbook(template: Template, language: str, epoch: int, platforms: dict[str, Platform], module_titles: dict[str, str]) -> bytes:
    book = Workbook()
    _how_to_sheet(book.active, template, language, module_titles)
    for data in template.sheets:
        _data_sheet(book.create_sheet(), data, template, language, platforms)
    when = stamp(epoch)
    props = book.properties
    props.creator = props.lastModifiedBy = AUTHOR
    props.title = template.title[language]
    props.subject = template.purpose[language]
    props.description = _words(language)["licence"]
    props.language = LOCALE[language]
    props.created = props.modified = when
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(book, archive).save()  # not openpyxl's save_workbook, which stamps "modified" with the clock
    return repack(buffer.getvalue(), epoch)


# --- Documents --------------------------------------------------------------------------------


def _runs(paragraph, text: str, bold: bool = False) -> None:
    """``text`` into ``paragraph``, each ``[field]`` a highlighted run the user types over."""
    for piece, is_field in split_fields(text):
        run = paragraph.add_run(piece)
        run.bold = bold or None
        if is_field:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _set_language(doc, language: str) -> None:
    """The document's language (spelling check, screen readers): on the Normal style."""
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LOCALE[language])


def _numbered(doc, items: list[str]) -> None:
    """A numbered list that starts at 1: Word numbers every "List Number" paragraph in one sequence
    unless a list has its own numbering instance (a ``w:num`` restarting the style's list)."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    own = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
    own.add_lvlOverride(ilvl=0).add_startOverride(1)
    for item in items:
        paragraph = doc.add_paragraph(style="List Number")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = own.numId
        _runs(paragraph, item)


def _table(doc, headings: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings):
        cell.paragraphs[0].text = ""
        _runs(cell.paragraphs[0], text, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            _runs(cell.paragraphs[0], text)


def _section(doc, part: Section, language: str) -> None:
    t = _words(language)
    doc.add_heading(part.heading[language], level=1)
    for block in part.blocks:
        if block.text:
            _runs(doc.add_paragraph(), block.text[language])
        if block.kind == "bullets":
            for item in block.items:
                _runs(doc.add_paragraph(style="List Bullet"), item[language])
        elif block.kind == "steps":
            _numbered(doc, [item[language] for item in block.items])
        elif block.kind == "fields":
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for item in block.items:
                cells = table.add_row().cells
                _runs(cells[0].paragraphs[0], item[language], bold=True)
                _runs(cells[1].paragraphs[0], t["fill_in"])
        elif block.kind == "table":
            _table(doc, [c[language] for c in block.columns], [[cell[language] for cell in row] for row in block.rows])


def document(template: Template, language: str, epoch: int, module_titles: dict[str, str]) -> bytes:
    t = _words(language)
    doc = Document()
    _set_language(doc, language)
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(template.title[language], level=0)
    _runs(doc.add_paragraph(), template.purpose[language])
    meta = doc.add_paragraph()
    meta.add_run(t["module"].format(module=module_titles.get(template.module, template.module))).italic = True
    if template.training_example:
        doc.add_paragraph().add_run(t["training_example"]).bold = True
    doc.add_heading(t["how_to_use"], level=1)
    _runs(doc.add_paragraph(), t["steps_intro"])  # its "[like this]" is highlighted as every field is
    _numbered(doc, list(template.how_to_use[language]))
    doc.add_paragraph().add_run(t["licence"]).italic = True
    for part in template.sections:
        _section(doc, part, language)
    if template.sources:
        doc.add_heading(t["sources"], level=1)
        for source in template.sources:
            doc.add_paragraph(source.text + (f" ({source.url})" if source.url else ""), style="List Bullet")
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = f"{template.title[language]} · {t['licence_short']}"
    when = stamp(epoch).replace(tzinfo=dt.timezone.utc)
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = template.title[language]
    props.subject = template.purpose[language]
    props.comments = t["licence"]
    props.language = LOCALE[language]
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.keywords = "Portal Bimtek"
    props.category = template.module
    buffer = io.BytesIO()
    doc.save(buffer)
    return repack(buffer.getvalue(), epoch)


# --- Calendars (RFC 5545), written by hand: a few lines, no library needed -------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar(template: Template, language: str, epoch: int, schedule: Schedule | None) -> bytes:
    t = _words(language)
    stamp_text = _utc(stamp(epoch).replace(tzinfo=dt.timezone.utc))
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Portal Bimtek//{template.id}//{language.upper()}", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(t['calendar_name'])}",
        f"X-WR-CALDESC:{_escape(template.purpose[language] + ' ' + t['licence'])}",
    ]
    for event in template.events:
        description = event.description[language]
        if event.url:
            description += "\n" + t["source_line"].format(source=event.url)
        lines += [
            "BEGIN:VEVENT", f"UID:{template.id}-{event.id}@portal-bimtek.example", f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}", f"DTEND;VALUE=DATE:{event.end + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(event.summary[language])}", f"LOCATION:{_escape(event.location[language])}",
            f"DESCRIPTION:{_escape(description)}", "TRANSP:TRANSPARENT",
        ]
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    if template.agenda_date and schedule is not None:
        day = template.agenda_date
        note = t["agenda_description"].format(date=long_date(day, language))
        for i, slot in enumerate(schedule.slots, 1):
            start = dt.datetime.combine(day, slot.start.time(), WIB)
            end = dt.datetime.combine(day, slot.end.time(), WIB)
            label = f"{clock_time(slot.start, language)}–{clock_time(slot.end, language)} WIB"
            lines += [
                "BEGIN:VEVENT", f"UID:{template.id}-agenda-{i:02d}@portal-bimtek.example", f"DTSTAMP:{stamp_text}",
                f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}",
                f"SUMMARY:{_escape(t['agenda_summary'].format(title=slot.title[language]))}",
                f"DESCRIPTION:{_escape(label + '. ' + note)}", "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
