"""The toolkit: working documents built from one source each, opened with their own libraries.

Every generated file is opened with the library an office would use to read it
(openpyxl for the workbooks, python-docx for the documents, a line parser for
the calendars) and compared with its template source in both languages; the
two languages' files differ; two builds of one commit give the same bytes and
another commit time changes them (so no clock leaks in); a bad template is a
finding at its file and line, in ``portal check`` and in the build; the built
site serves every file, in the offline bundle too, with the size and SHA-256
its pages print.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from openpyxl import load_workbook

from conftest import COMMIT_EPOCH, REPO, copy_project, run_build
from portal import LANGUAGES, clock
from portal.buildcache import ContentCache
from portal.captions import measure
from portal.checks.runner import check_sources
from portal.numbers import human_size
from portal.session import Session
from portal.sources import load_yaml
from portal.toolkit.bundle import DOWNLOADS, build_toolkit, stamp
from portal.toolkit.model import COLUMN_TYPES, FIELD, parse_template
from portal.words import section
from portal.zipbuild import zip_time

EPOCH = int(COMMIT_EPOCH)
TEMPLATES = REPO / "docs/perangkat/_templates"


@pytest.fixture(scope="module")
def session():
    current = Session(REPO / "docs", clock.now({"SOURCE_DATE_EPOCH": COMMIT_EPOCH}))
    current.epoch = EPOCH
    yield current
    current.close()


@pytest.fixture(scope="module")
def files(session):
    return {language: {f.template.id: f for f in session.toolkit_files(language)} for language in LANGUAGES}


def test_every_template_source_loads_and_belongs_to_a_module(session):
    toolkit = session.toolkit
    assert sorted(t.id for t in toolkit.templates) == sorted(p.stem for p in TEMPLATES.glob("*.yml"))
    modules = session.curriculum.by_id()
    assert all(t.module in modules for t in toolkit.templates)
    formats = {t.format for t in toolkit.templates}
    assert formats == {"xlsx", "docx", "ics"}
    # what the issue asks for, at least
    for needed in ("kalender-konten", "linimasa-ktt", "laporan-situasi-harian", "log-pemantauan", "siaran-pers", "tanya-jawab",
                   "pernyataan-sementara", "akun-diambil-alih", "laporan-amplifikasi", "laporan-evaluasi", "kalender-acara"):
        assert needed in toolkit.by_id(), needed


# --- Workbooks ------------------------------------------------------------------------------


def _workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_each_workbook_opens_and_holds_its_sheets_and_columns_in_both_languages(session, files):
    for template in (t for t in session.toolkit.templates if t.format == "xlsx"):
        for language in LANGUAGES:
            t = section("toolkit", language)
            book = _workbook(files[language][template.id].data)
            assert book.sheetnames == [t["how_to_use_sheet"]] + [s.title[language] for s in template.sheets], template.id
            how = book[t["how_to_use_sheet"]]
            text = "\n".join(str(c.value) for c in how["A"] if c.value)
            assert how["A1"].value == template.title[language]
            assert t["licence"] in text and all(step in text for step in template.how_to_use[language])
            if template.training_example:
                assert t["training_example"] in text
            assert book.properties.creator == "Portal Bimtek" and book.properties.language
            for sheet in template.sheets:
                ws = book[sheet.title[language]]
                assert [c.value for c in ws[2]] == [c.heading[language] for c in sheet.columns], (template.id, sheet.id)
                assert ws.oddFooter.center.text == t["licence_short"]
                for r, row in enumerate(sheet.rows, 3):
                    for i, column in enumerate(sheet.columns, 1):
                        if column.id in row:
                            assert ws.cell(row=r, column=i).value == row[column.id][language]


def test_workbook_columns_carry_their_choices_notes_and_formulas(session, files):
    platforms = session.platforms
    template = session.toolkit.by_id()["kalender-konten"]
    for language in LANGUAGES:
        t = section("toolkit", language)
        ws = _workbook(files[language]["kalender-konten"].data)[template.sheets[0].title[language]]
        lists = {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1.strip('"').split(",") for v in ws.data_validations.dataValidation}
        headings = [c.value for c in ws[2]]
        letter = {h: chr(ord("A") + i) for i, h in enumerate(headings)}
        assert lists[letter["Platform"]] == [p.name for p in platforms.values()]
        status = template.sheets[0].column("status")
        assert lists[letter[status.heading[language]]] == list(status.choices[language])
        aksesibilitas = template.sheets[0].column("aksesibilitas")
        assert lists[letter[aksesibilitas.heading[language]]] == [t["yes"], t["no"]]
        note = ws[f"{letter['Platform']}2"].comment.text
        for p in platforms.values():  # the platform limits of docs/_data/platforms.yml, as a note
            assert p.name in note and p.source in note
        roles = _workbook(files[language]["kalender-konten"].data)[template.sheets[1].title[language]]
        assert [roles.cell(row=r, column=1).value for r in range(3, 8)] == t["roles"]
    amplification = session.toolkit.by_id()["laporan-amplifikasi"]
    ws = _workbook(files["id"]["laporan-amplifikasi"].data)[amplification.sheets[0].title["id"]]
    ids = [c.id for c in amplification.sheets[0].columns]
    column = ids.index("tingkat-engagement") + 1
    reach, interactions = (chr(ord("A") + ids.index(name)) for name in ("jangkauan", "interaksi"))
    formula = ws.cell(row=3, column=column).value
    assert formula == f'=IF(N({reach}3)>0,N({interactions}3)/N({reach}3),"")', formula
    assert ws.cell(row=40, column=column).value.count("40") == 3  # every prepared row computes its own
    assert ws.cell(row=3, column=column).number_format == "0.0%"


# --- Documents ------------------------------------------------------------------------------


def _document(data: bytes):
    return Document(io.BytesIO(data))


def _all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_each_document_opens_and_holds_its_sections_in_both_languages(session, files):
    for template in (t for t in session.toolkit.templates if t.format == "docx"):
        for language in LANGUAGES:
            t = section("toolkit", language)
            doc = _document(files[language][template.id].data)
            title = next(p for p in doc.paragraphs if p.style.name == "Title")
            assert title.text == template.title[language]
            headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
            expected = [t["how_to_use"]] + [s.heading[language] for s in template.sections] + ([t["sources"]] if template.sources else [])
            assert headings == expected, (template.id, language)
            assert headings.index(t["how_to_use"]) == 0  # the document opens with how to use it
            text = "\n".join(p.text for p in _all_paragraphs(doc))
            assert t["licence"] in text and all(step in text for step in template.how_to_use[language])
            assert template.title[language] in doc.sections[0].footer.paragraphs[0].text
            steps = sum(1 for part in template.sections for block in part.blocks if block.kind == "steps") + 1  # + how to use
            lists = {p._p.pPr.numPr.numId.val for p in doc.paragraphs if p.style.name == "List Number"}
            assert len(lists) == steps, (template.id, lists)  # each numbered list starts at 1, not where the last one ended
            props = doc.core_properties
            assert props.author == "Portal Bimtek" and props.title == template.title[language]
            assert props.created == stamp(EPOCH).replace(tzinfo=dt.timezone.utc) == props.modified


def test_no_placeholder_is_left_but_the_marked_fields(session, files):
    """Every '[' in a document is a highlighted field the user fills in; nothing else is left open."""
    for template in (t for t in session.toolkit.templates if t.format == "docx"):
        for language in LANGUAGES:
            doc = _document(files[language][template.id].data)
            marked = 0
            for paragraph in _all_paragraphs(doc):
                assert not re.search(r"\bTODO\b|\bXXX\b|\blorem\b|\[\[|\{\{", paragraph.text, re.I), (template.id, paragraph.text)
                for run in paragraph.runs:
                    if "[" in run.text or "]" in run.text:
                        assert FIELD.fullmatch(run.text), (template.id, run.text)
                        assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW, (template.id, run.text)
                        marked += 1
            assert marked, f"{template.id} has no field to fill in"


# --- Calendars ------------------------------------------------------------------------------


def _unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # CRLF lines only (RFC 5545)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    return text.replace("\r\n ", "").split("\r\n")


def test_each_calendar_holds_its_events_and_the_bimtek_day(session, files):
    for template in (t for t in session.toolkit.templates if t.format == "ics"):
        for language in LANGUAGES:
            t = section("toolkit", language)
            lines = _unfold(files[language][template.id].data)
            assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
            events = [i for i, line in enumerate(lines) if line == "BEGIN:VEVENT"]
            slots = session.schedule.slots
            assert len(events) == len(template.events) + len(slots)
            summaries = [line.split(":", 1)[1].replace("\\,", ",") for line in lines if line.startswith("SUMMARY:")]
            for event in template.events:
                assert event.summary[language] in summaries
                assert f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}" in lines
            first = slots[0]
            assert t["agenda_summary"].format(title=first.title[language]).replace(",", "\\,") in "\n".join(lines)
            start = dt.datetime.combine(template.agenda_date, first.start.time(), dt.timezone(dt.timedelta(hours=7)))
            assert f"DTSTART:{start.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}" in lines
            uids = [line for line in lines if line.startswith("UID:")]
            assert len(set(uids)) == len(uids)
            assert f"DTSTAMP:{stamp(EPOCH):%Y%m%dT%H%M%SZ}" in lines


# --- Both languages, reproducible bytes -----------------------------------------------------


def test_the_indonesian_and_english_files_differ(session, files):
    for template in session.toolkit.templates:
        one, other = files["id"][template.id], files["en"][template.id]
        assert one.name.endswith(f"-id.{template.format}") and other.name.endswith(f"-en.{template.format}")
        assert one.data != other.data
        assert set(template.headings("id")).isdisjoint({"Cara pakai"}) or template.headings("id") != template.headings("en")
        assert template.title["id"] != template.title["en"]


def _entries(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.infolist()


def test_two_builds_give_identical_bytes_and_the_commit_time_is_the_only_time(session):
    titles = {m.id: m.title("id") for m in session.curriculum.modules}
    args = (session.toolkit, "id")
    first = build_toolkit(*args, EPOCH, session.platforms, session.schedule, titles)
    again = build_toolkit(*args, EPOCH, session.platforms, session.schedule, titles)
    later = build_toolkit(*args, EPOCH + 86400, session.platforms, session.schedule, titles)
    assert [f.data for f in first] == [f.data for f in again]
    assert all(a.data != b.data for a, b in zip(first, later))  # the time in the files is the commit's, not the clock's
    for file in first:
        if file.format == "ics":
            continue
        entries = _entries(file.data)
        assert [e.filename for e in entries] == sorted(e.filename for e in entries)
        assert {e.date_time for e in entries} == {zip_time(EPOCH)}
        package = zipfile.ZipFile(io.BytesIO(file.data))
        assert "docProps/thumbnail.jpeg" not in package.namelist() and b"thumbnail" not in package.read("_rels/.rels")
        assert b"<Application>Portal Bimtek</Application>" in package.read("docProps/app.xml")
        core = package.read("docProps/core.xml").decode()
        assert f"{stamp(EPOCH):%Y-%m-%dT%H:%M:%S}Z" in core, file.name
        assert str(dt.date.today().year) not in core or dt.date.today().year == stamp(EPOCH).year


# --- Bad template sources: a finding at file:line -----------------------------------------------


def _parse(text: str, file_id: str = "kalender-konten"):
    data = load_yaml(text, f"docs/perangkat/_templates/{file_id}.yml")
    modules = {"perencanaan-konten", "komunikasi-krisis"}
    return parse_template(data, f"docs/perangkat/_templates/{file_id}.yml", file_id, modules)


SOURCE = (TEMPLATES / "kalender-konten.yml").read_text(encoding="utf-8")


def _line(text: str, needle: str, last: bool = False) -> int:
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[-1] if last else found[0]


@pytest.mark.parametrize("old, new, needle, code", [
    ("        type: platform\n", "        type: platfrom\n", "type: platfrom", "M002"),
    ("          en: Date and time (WIB)\n", "", "id: Tanggal dan jam (WIB)", "M003"),
    ("module: perencanaan-konten\n", "module: perencanaan\n", "module: perencanaan", "M004"),
    ("format: xlsx\n", "format: docx\n", "sheets:", "M005"),
    ("      - id: pilar\n", "      - id: platform\n", "id: platform", "M006"),
    ("          id: Satu nama, bukan \"tim\".\n", "          id: Satu nama, TODO.\n", "Satu nama, TODO.", "M007"),
    ("          id: [ide, draf,", "          id: [draf,", "id: [draf,", "M008"),
    # An unquoted comma in a flow mapping ends the text: "Penyusun" and a stray key "naskah pertama".
    ("      - peran: {id: Penyusun, en: Drafter}", "      - peran: {id: Penyusun, naskah pertama, en: Drafter}", "naskah pertama", "M001"),
])
def test_a_bad_field_is_a_finding_at_its_line(old, new, needle, code):
    assert old in SOURCE
    text = SOURCE.replace(old, new, 1)
    template, found = _parse(text)
    assert template is None
    where = {(f.line, f.code) for f in found}
    line = _line(text, needle, last=code == "M006")
    assert any(c == code and abs(l - line) <= 1 for l, c in where), (code, line, found)
    assert all(f.path == "docs/perangkat/_templates/kalender-konten.yml" for f in found)


def test_every_known_column_type_is_accepted_and_an_unknown_one_lists_them():
    assert "formula" in COLUMN_TYPES
    _, found = _parse(SOURCE.replace("        type: platform\n", "        type: dropdown\n", 1))
    message = next(f.message for f in found if f.code == "M002")
    assert "'dropdown'" in message and all(kind in message for kind in COLUMN_TYPES)


def test_a_formula_naming_an_unknown_column_is_refused():
    text = (TEMPLATES / "laporan-amplifikasi.yml").read_text(encoding="utf-8").replace("N({jangkauan})>0", "N({reach})>0")
    data = load_yaml(text, "x.yml")
    _, found = parse_template(data, "x.yml", "laporan-amplifikasi", {"kolaborasi-amplifikasi"})
    assert [f.code for f in found] == ["M009"] and "{reach}" in found[0].message
    assert found[0].line == _line(text, "id: tingkat-engagement")


def test_portal_check_reports_a_bad_template_at_its_line(tmp_path):
    docs = copy_project(tmp_path / "project") / "docs"
    path = docs / "perangkat/_templates/kalender-konten.yml"
    path.write_text(SOURCE.replace("        type: platform\n", "        type: platfrom\n", 1), encoding="utf-8")
    found = {(f.path, f.line, f.code) for f in check_sources(docs) if f.severity == "error"}
    assert ("docs/perangkat/_templates/kalender-konten.yml", _line(SOURCE, "type: platform"), "M002") in found, found


@pytest.mark.build
def test_the_build_refuses_a_bad_template_naming_file_and_line(tmp_path):
    root = copy_project(tmp_path / "project")
    path = root / "docs/perangkat/_templates/log-pemantauan.yml"
    text = path.read_text(encoding="utf-8")
    heading = "        heading: {id: Ringkasan, en: Summary}\n"
    assert heading in text
    path.write_text(text.replace(heading, "        heading: {id: Ringkasan}\n"), encoding="utf-8")
    result = run_build(root, tmp_path / "site")
    assert result.returncode != 0
    line = _line(text, "heading: {id: Ringkasan, en: Summary}")
    assert f"docs/perangkat/_templates/log-pemantauan.yml:{line}: M003" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site" / "perangkat").exists()


# --- The built site -----------------------------------------------------------------------------


def _served(site: Path, language: str) -> Path:
    return site / ("" if language == "id" else language) / DOWNLOADS


def test_the_site_serves_every_file_with_the_figures_its_pages_print(built_site, session):
    for language in LANGUAGES:
        page = (built_site / ("" if language == "id" else language) / "perangkat/index.html").read_text(encoding="utf-8")
        for template in session.toolkit.templates:
            path = _served(built_site, language) / f"{template.id}-{language}.{template.format}"
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            assert digest in page, (language, path.name)
            assert human_size(len(data), language) in page
            assert f'href="unduhan/{path.name}"' in page


def test_each_module_page_links_its_own_templates(built_site, session):
    for language in LANGUAGES:
        prefix = built_site / ("" if language == "id" else language)
        for module in session.curriculum.modules:
            own = session.toolkit.for_module(module.id)
            if not own:
                continue
            page = (prefix / "kurikulum" / module.id / "index.html").read_text(encoding="utf-8")
            for template in own:
                assert f'href="../../perangkat/unduhan/{template.id}-{language}.{template.format}"' in page, (module.id, template.id)
            others = [t for t in session.toolkit.templates if t.module != module.id]
            assert not any(f"unduhan/{t.id}-{language}.{t.format}" in page for t in others), module.id


def test_the_law_page_links_the_official_texts(built_site):
    for language in LANGUAGES:
        page = (built_site / ("" if language == "id" else language) / "perangkat/hukum/index.html").read_text(encoding="utf-8")
        for law in ("39047/uu-no-14-tahun-2008", "229798/uu-no-27-tahun-2022", "37589/uu-no-11-tahun-2008",
                    "37582/uu-no-19-tahun-2016", "274494/uu-no-1-tahun-2024", "177031/pp-no-94-tahun-2021"):
            assert f'href="https://peraturan.bpk.go.id/Details/{law}"' in page, (language, law)
        for heading in ("kip", "pdp", "ite", "neutrality", "sources"):
            assert f'id="{heading}"' in page


# --- The platforms that were missing, and their rules ---------------------------------------------

ADDED = ("facebook", "whatsapp", "tiktok", "youtube")


def test_the_missing_platforms_have_their_limits_with_source_and_date(session):
    platforms = session.platforms
    for platform_id in ADDED:
        platform = platforms[platform_id]
        assert platform.caption_chars > 0 and platform.source and platform.verified_on.year >= 2026
        assert platform.note["id"] and platform.note["en"]
    assert platforms["whatsapp"].max_hashtags == 0 and platforms["youtube"].max_hashtags == 60


def test_every_narrative_in_force_has_captions_for_the_platforms_that_fit(session):
    in_force = [n for n in session.narratives.narratives if n.state(session.now) == "in-force"]
    assert in_force
    for narrative in in_force:
        captions = {c.platform.id: c for c in narrative.captions}
        assert "facebook" in captions, narrative.id  # a text platform fits every narrative
        for caption in captions.values():
            assert set(caption.text) == set(LANGUAGES)
            assert all(not m.problems for m in caption.measure.values()), (narrative.id, caption.platform.id)
    everywhere = session.narratives.narratives  # at any moment: what is in force depends on "now"
    assert all("facebook" in {c.platform.id for c in n.captions} for n in everywhere)
    assert set(ADDED) <= {c.platform.id for n in everywhere for c in n.captions}


@pytest.mark.parametrize("platform_id, text, code", [
    ("whatsapp", "Periksa dulu sebelum meneruskan kabar. #CekSebelumBagikan", "N012"),
    ("whatsapp", "a" * 1025, "N011"),
    ("youtube", " ".join(f"#Tagar{i}" for i in range(61)), "N012"),
    ("youtube", "a" * 5001, "N011"),
    ("tiktok", "a" * 2201, "N011"),
    ("facebook", "Baca di http://contoh.go.id/berita", "N013"),
])
def test_the_caption_checks_apply_the_new_platforms_rules(session, platform_id, text, code):
    assert code in {c for c, _ in measure(text, session.platforms[platform_id]).problems}
    assert not measure("Periksa dulu sebelum meneruskan kabar.", session.platforms[platform_id]).problems


def test_make_serve_makes_a_file_again_only_when_its_inputs_change(session):
    cache = ContentCache()
    titles = {m.id: m.title("id") for m in session.curriculum.modules}
    args = ("id", EPOCH, session.platforms, session.schedule, titles)
    first = build_toolkit(session.toolkit, *args, cache=cache)
    again = build_toolkit(session.toolkit, *args, cache=cache)
    count = len(session.toolkit.templates)
    assert [f.data for f in again] == [f.data for f in first] == [f.data for f in build_toolkit(session.toolkit, *args)]
    assert f"toolkit {count} hit/{count} made" in cache.report()
    edited = replace(session.toolkit, templates=tuple(
        replace(t, title={"id": t.title["id"] + " (diubah)", "en": t.title["en"]}) if t.id == "siaran-pers" else t
        for t in session.toolkit.templates))
    build_toolkit(edited, *args, cache=cache)
    assert f"toolkit {2 * count - 1} hit/{count + 1} made" in cache.report()
