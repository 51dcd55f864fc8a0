"""Issue 18: sources a reader can follow (R011, R012), one term per concept (R007),
exercises that practise every objective (C011, C013), and a way to report a mistake."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import REPO, html_pages
from portal.checks.content_rules import check_content
from portal.citations import markdown_item, markdown_problems, mapping_problems, sources_items
from portal.curriculum.load import load_curriculum
from portal.findings import PortalError
from portal.glossary import load_glossary
from portal.report import issue_link
from portal.words import section


@pytest.fixture
def docs(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(REPO / "docs", target)
    return target


def found(docs: Path, code: str) -> list[tuple[str, int, str]]:
    tally: dict[str, list[int]] = {}
    return [(f.path, f.line, f.message) for f in check_content(docs, load_glossary(docs), tally) if f.code == code]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- the shape of a source item -------------------------------------------

@pytest.mark.parametrize("text, problems", [
    ('Kompas.com, "Judul", 5 Agustus 2015. <https://kompas.example/a> (diperiksa 2026-12-01)', 0),
    ("McCombs, M. E., & Shaw, D. L. (1972). The agenda-setting function. <https://doi.org/10.1086/267990>", 0),
    ("Iyengar, S. (1987). *News That Matters* (no link: a printed book).", 0),
    ("X, *Counting characters*, undated. <https://docs.example/c> (checked 2026-12-01)", 0),
    ("jpnn.com, 29 Agustus 2023: laporan Bimtek.", 1),                          # no link
    ('Kompas.com, "Judul", 2015. <https://kompas.example/a>', 1),                # web page never checked
    ("Situs, *Judul*. <https://situs.example/> (diperiksa 2026-12-01)", 1),      # no date (the checked date is not one)
    ("Sumber.", 2),
    ("Perpres Nomor 1 Tahun 2024, 2024. <https://peraturan.go.id/id/perpres-no-1-tahun-2024> (alamat belum dibuka: pola alamat)", 0),
    ("Perpres No. 1 of 2024, 2024. <https://peraturan.go.id/id/perpres-no-1-tahun-2024> (not yet opened)", 1),  # only the marked phrase stands for a date
])
def test_a_markdown_source_item_needs_a_link_a_date_and_for_a_web_page_the_date_checked(text, problems):
    assert len(markdown_problems(markdown_item(1, text))) == problems


def test_items_are_read_from_the_sources_section_only_with_continuation_lines():
    body = "## Isi {#lesson}\n\n- bukan sumber\n\n## Sumber {#sources}\n\n- Satu, 2020.\n  <https://a.example/> (diperiksa 2026-12-01)\n- Dua\n\n## Lain {#other}\n\n- bukan\n"
    items = list(sources_items(body, 10))
    assert [(i.line, i.linked) for i in items] == [(16, True), (18, False)]


@pytest.mark.parametrize("entry, keys", [
    ({"title": "T", "url": "https://a.example/", "date": "2023-08-29", "checked": "2026-12-01"}, []),
    ({"title": "T", "doi": "10.1086/267990", "date": 1972}, []),
    ({"title": "T", "no_link": "a printed book", "date": 1987}, []),
    ({"title": "T", "url": "https://a.example/", "date": "2023"}, ["url"]),
    ({"title": "T", "date": "2023"}, ["title"]),
    ({"title": "T", "url": "http://a.example/", "checked": "2026-12-01", "date": "undated"}, ["url"]),
    ({"title": "T (Juni 2015)", "url": "https://a.example/", "checked": "2026-12-01"}, []),  # a narrative's year in the title
    ({"title": "T", "url": "https://a.example/", "date": "2014", "checked": "not yet opened"}, []),  # R013's warning, not R011
])
def test_a_yaml_source_needs_the_same_four_things(entry, keys):
    assert [key for key, _ in mapping_problems(entry)] == keys


# --- R011 and R012 on the real content and on injected faults ---------------

def test_the_real_content_is_followable_in_both_languages(docs):
    tally: dict[str, list[int]] = {}
    findings = [f for f in check_content(docs, load_glossary(docs), tally) if f.code in ("R007", "R011", "R012")]
    assert findings == []
    for language in ("id", "en"):
        linked, total = tally[language]
        assert total > 150 and linked / total >= 0.9, (language, linked, total)


def test_R011_names_the_line_of_an_unlinked_item_in_a_page_and_a_kit_document(docs):
    page, kit = docs / "tentang.md", docs / "kit-media/_kits/ktt-43/lembar-fakta.en.md"
    for path, item in ((page, "- jpnn.com, 29 Agustus 2023: laporan tentang Bimtek."), (kit, "- A press release, 2023.")):
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n{item}\n", encoding="utf-8")
    got = found(docs, "R011")
    assert ("docs/tentang.md", line_of(page, "laporan tentang Bimtek."), got[0][2]) in got
    assert any(p == "docs/kit-media/_kits/ktt-43/lembar-fakta.en.md" and n == line_of(kit, "A press release") for p, n, _ in got)


def test_R011_in_the_glossary_the_platform_limits_and_a_narrative_fact(docs):
    glossary = docs / "_data/glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace('        url: "https://worldjpn.net/documents/texts/asean/20230905.D1E.html"\n', "", 1), encoding="utf-8")
    platforms = docs / "_data/platforms.yml"
    platforms.write_text(platforms.read_text(encoding="utf-8").replace("        date: undated\n", "", 1), encoding="utf-8")
    fact = docs / "narasi/ktt-43/hasil-ktt.md"
    fact.write_text(fact.read_text(encoding="utf-8").replace("    checked: 2026-12-01\n", "", 1), encoding="utf-8")
    got = {(p, m.split(" ")[1]) for p, _, m in found(docs, "R011")}
    assert ("docs/_data/glossary.yml", "has") in got          # no url any more
    assert ("docs/_data/platforms.yml", "has") in got         # no date
    assert ("docs/narasi/ktt-43/hasil-ktt.md", "links") in got  # a web page never checked


def test_R013_warns_at_each_address_nobody_has_opened_and_stops_once_it_is_checked(docs):
    page = docs / "kurikulum/produksi-publikasi.md"
    glossary = docs / "_data/glossary.yml"
    warned = {(f.path, f.line, f.severity) for f in check_content(docs, load_glossary(docs)) if f.code == "R013"}
    assert ("docs/kurikulum/produksi-publikasi.md", line_of(page, "keppres-no-41-tahun-1987"), "warning") in warned
    assert ("docs/_data/glossary.yml", line_of(glossary, "checked: not yet opened"), "warning") in warned
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("(alamat belum dibuka: disusun menurut pola alamat peraturan.go.id)", "(diperiksa 2027-01-04)"), encoding="utf-8")
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("checked: not yet opened", "checked: 2027-01-04"), encoding="utf-8")
    after = {(f.path, f.code) for f in check_content(docs, load_glossary(docs)) if f.code in ("R011", "R013")}
    assert ("docs/kurikulum/produksi-publikasi.md", "R013") not in after
    assert not any(p == "docs/_data/glossary.yml" for p, _ in after)


def test_R012_when_fewer_than_nine_in_ten_items_of_a_language_link(docs):
    for path in sorted(docs.rglob("*.en.md")):
        text = path.read_text(encoding="utf-8")
        if "{#sources}" in text:
            path.write_text(text.replace("<https://", "<hxxps://"), encoding="utf-8")
    got = found(docs, "R012")
    assert len(got) == 1 and "'en'" in got[0][2]


# --- R007: the terms file --------------------------------------------------

def test_R007_reads_the_toolkit_templates_in_each_language_at_the_line(docs):
    template = docs / "perangkat/_templates/siaran-pers.yml"
    text = template.read_text(encoding="utf-8")
    text = text.replace("  id: Siaran pers\n", "  id: Siaran pers institusi\n", 1).replace("  en: Press release\n", "  en: Press release with subtitles\n", 1)
    template.write_text(text, encoding="utf-8")
    got = {(p, n, m) for p, n, m in found(docs, "R007") if p.endswith("siaran-pers.yml")}
    assert got == {
        ("docs/perangkat/_templates/siaran-pers.yml", line_of(template, "Siaran pers institusi"), "write 'instansi', not 'institusi'"),
        ("docs/perangkat/_templates/siaran-pers.yml", line_of(template, "with subtitles"), "write 'captions', not 'subtitles'"),
    }


def test_R007_applies_the_terms_file_per_language_at_the_line(docs):
    page, english = docs / "kurikulum/evaluasi.md", docs / "kurikulum/evaluasi.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nKami menulis takarir dan keluaran untuk institusi.\n", encoding="utf-8")
    english.write_text(english.read_text(encoding="utf-8") + "\nEvery video needs subtitles; the word 'takarir' is Indonesian.\n", encoding="utf-8")
    got = found(docs, "R007")
    line = line_of(page, "Kami menulis takarir")
    assert sorted(m for p, n, m in got if p == "docs/kurikulum/evaluasi.md" and n == line) == [
        "write 'instansi', not 'institusi'", "write 'keterangan unggahan', not 'takarir'", "write 'output', not 'keluaran'"]
    assert [(n, m) for p, n, m in got if p == "docs/kurikulum/evaluasi.en.md"] == [(line_of(english, "Every video"), "write 'captions', not 'subtitles'")]


def test_R007_reads_a_narrative_front_matter_and_spares_quoted_mentions(docs):
    narrative = docs / "narasi/umum/lawan-hoaks.md"
    text = narrative.read_text(encoding="utf-8")
    narrative.write_text(text.replace("\n---\n", "\n# institusi\n---\n", 1), encoding="utf-8")  # a YAML comment in the front matter
    page = docs / "tentang.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nJangan menulis "institusi" atau `takarir`.\n', encoding="utf-8")
    got = found(docs, "R007")
    assert [p for p, _, _ in got] == ["docs/narasi/umum/lawan-hoaks.md"]


def test_a_scoped_concept_applies_only_to_its_folders(docs):
    guide, module = docs / "panduan/index.md", docs / "kurikulum/evaluasi.md"
    for path in (guide, module):
        path.write_text(path.read_text(encoding="utf-8") + "\nKeluaran pembangunan ada di site/.\n", encoding="utf-8")
    assert [p for p, _, _ in found(docs, "R007")] == ["docs/kurikulum/evaluasi.md"]


def test_a_malformed_terms_entry_is_R007_at_its_line(docs):
    terms = docs / "_data/terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8") + "  - concept: broken\n    id:\n      use: kata\n", encoding="utf-8")
    got = found(docs, "R007")
    assert got and got[0][0] == "docs/_data/terms.yml" and got[0][1] == len(terms.read_text().splitlines()) - 1


# --- C011 and C013: objectives and exercises -------------------------------

def test_every_real_objective_is_practised_by_an_exercise():
    curriculum = load_curriculum(REPO / "docs")
    objectives = sum(len(m.text["id"].objectives) for m in curriculum.modules)
    assert objectives >= 30
    assert all(not m.uncovered() for m in curriculum.modules)
    for module in curriculum.modules:  # the record reaches the exercises of both languages
        assert [e.objectives for e in module.text["en"].exercises] == module.coverage
        assert all(e.solution for text in module.text.values() for e in text.exercises)


def test_C011_an_objective_no_exercise_practises_is_named_at_its_line(docs):
    page = docs / "kurikulum/evaluasi.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("    - objectives: [1, 4, 5]\n", "    - objectives: [1, 4]\n"), encoding="utf-8")
    with pytest.raises(PortalError) as error:
        load_curriculum(docs)
    assert [(f.path, f.line, f.code) for f in error.value.findings] == [
        ("docs/kurikulum/evaluasi.md", line_of(page, "menyusun kerangka laporan pascakampanye"), "C011")]


def test_C013_a_record_that_does_not_fit_the_page(docs):
    page = docs / "kurikulum/evaluasi.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("    - objectives: [1, 4, 5]\n", "    - objectives: [1, 4, 5, 9]\n    - objectives: [3]\n"), encoding="utf-8")
    with pytest.raises(PortalError) as error:
        load_curriculum(docs)
    messages = [f.message for f in error.value.findings if f.code == "C013"]
    assert any("lists 3 exercises, the page has 2" in m for m in messages)
    assert any("objective 9" in m for m in messages)


# --- a way to report a mistake ----------------------------------------------

def test_the_issue_link_names_the_page_in_its_language():
    link = issue_link("https://git.example/o/r/issues/new", "Evaluasi", "https://portal.example/kurikulum/evaluasi/", section("site", "id"))
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("https://git.example/o/r/issues/new?")
    assert query["title"] == ["Kesalahan di halaman: Evaluasi"]
    assert "https://portal.example/kurikulum/evaluasi/" in query["body"][0]


@pytest.mark.build
def test_every_built_page_tells_the_reader_how_to_report_a_mistake(built_site):
    words = {language: section("site", language) for language in ("id", "en")}
    missing = []
    for path in html_pages(built_site):
        rel = path.relative_to(built_site).as_posix()
        if rel.endswith("404.html"):
            continue
        language = "en" if rel.startswith("en/") else "id"
        html = path.read_text(encoding="utf-8")
        if f'<p class="portal-report">{words[language]["report_prompt"]} <a href="' not in html:
            missing.append(rel)
    assert missing == []
