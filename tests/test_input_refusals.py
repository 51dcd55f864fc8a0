"""Input the publishing gate must never guess about is refused: a finding at file:line, never a traceback.

Each fault is injected into a copy of the project (``copy_project``) and
checked by ``check_sources`` (no build); one strict build proves the build
refuses them all at once, before anything is published; the CLI turns a bad
``PORTAL_NOW`` into one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project, run_build
from portal.checks.runner import check_sources
from portal.checks.translation_checks import stamp
from portal.files import slug

NARRATIVE = "narasi/umum/lawan-hoaks.md"  # approved and in force: a page of the real site
PNG = REPO / "docs/kit-media/_kits/ktt-43/kartu-lanskap.png"


@pytest.fixture
def docs(tmp_path) -> Path:
    return copy_project(tmp_path / "project") / "docs"


def insert(path: Path, line: int, text: str) -> None:
    """Insert ``text`` so that it becomes file line ``line``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line - 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(needle))


def findings(docs: Path) -> dict[tuple[str, int, str], str]:
    return {(f.path, f.line, f.code): f.message for f in check_sources(docs) if f.severity == "error"}


def test_the_real_sources_are_accepted():
    assert [f for f in check_sources(REPO / "docs") if f.severity == "error"] == []


# --- A key written twice, in every YAML the portal reads ------------------------------------


def test_a_narrative_saying_draft_then_approved_is_refused(docs):
    path = docs / NARRATIVE
    insert(path, 2, "status: draft")
    approved = line_of(path, "status: approved")
    found = findings(docs)
    assert (f"docs/{NARRATIVE}", approved, "N000") in found, found
    assert "'status' written twice (first at line 2)" in found[(f"docs/{NARRATIVE}", approved, "N000")]


@pytest.mark.parametrize("rel, key, code", [
    ("kit-media/_kits/ktt-43/boilerplate.md", "title:", "K013"),  # a kit document
    ("kit-media/_kits/ktt-43/kit.yml", "id:", "K009"),  # a kit manifest
    ("kit-media/ktt-43/index.md", "title:", "K012"),  # a kit's page
    ("tentang.md", "title:", "R001"),  # an ordinary page
    ("tentang.en.md", "title:", "R001"),  # an English one (the pairing reads only the Indonesian)
    ("kurikulum/etika-aturan.md", "title:", "C000"),  # a module
    ("_data/glossary.yml", "terms:", "G000"),
    ("_data/platforms.yml", "platforms:", "P000"),
    ("_data/schedule.yml", "start:", "S000"),
    ("narasi/_data/taxonomy.yml", "events:", "N000"),
])
def test_a_key_written_twice_is_refused_in_any_yaml(docs, rel, key, code):
    path = docs / rel
    first = line_of(path, key)
    insert(path, first, path.read_text(encoding="utf-8").splitlines()[first - 1])
    found = findings(docs)
    assert (f"docs/{rel}", first + 1, code) in found, found
    assert f"written twice (first at line {first})" in found[(f"docs/{rel}", first + 1, code)]


# --- Front matter MkDocs would print as text ------------------------------------------------


@pytest.mark.parametrize("rel", ["tentang.md", "acara/index.en.md"])
def test_an_impossible_date_in_front_matter_is_refused(docs, rel):
    insert(docs / rel, 2, "date: 2023-02-30")
    found = findings(docs)
    # R001 only: the content rules and the translation check read it too, but one fault is one finding
    assert {code for path, line, code in found if (path, line) == (f"docs/{rel}", 2)} == {"R001"}, found
    assert "'2023-02-30'" in found[(f"docs/{rel}", 2, "R001")]


def test_a_real_date_and_a_quoted_one_are_accepted(docs):
    insert(docs / "tentang.md", 2, "date: 2023-02-28")
    insert(docs / "tentang.en.md", 2, 'date: "2023-02-30"')
    stamp(docs, Path("tentang.en.md"))  # the Indonesian page changed: its translation is recorded as up to date
    assert findings(docs) == {}


def test_front_matter_closed_by_dots_is_read_as_mkdocs_reads_it(docs):
    path = docs / "tentang.en.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    path.write_text(head + "\ndate: 2023-02-30\n...\n" + rest, encoding="utf-8")
    assert ("docs/tentang.en.md", head.count("\n") + 2, "R001") in findings(docs)


# --- Not UTF-8 ------------------------------------------------------------------------------


@pytest.mark.parametrize("rel, code", [("panduan/rilis.en.md", "R001"), (NARRATIVE, "N000"), ("_data/glossary.yml", "G000")])
def test_a_file_that_is_not_utf8_is_refused_at_its_line(docs, rel, code):
    path = docs / rel
    lines = path.read_bytes().split(b"\n")
    lines[9] += " caf\xe9".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    found = findings(docs)
    assert (f"docs/{rel}", 10, code) in found, found
    assert "not UTF-8" in found[(f"docs/{rel}", 10, code)]


# --- Published files: names and images ------------------------------------------------------


def test_a_name_outside_the_slug_alphabet_is_refused_with_its_slug(docs):
    (docs / "assets/images/Foto Rapat.PNG").write_bytes(PNG.read_bytes())
    (docs / "acara/Lampiran").mkdir()
    (docs / "acara/Lampiran/agenda.pdf").write_bytes(b"%PDF-1.4\n")
    (docs / "_data/Catatan Lama.txt").write_text("never published\n")  # excluded: not a finding
    found = findings(docs)
    assert set(found) == {("docs/assets/images/Foto Rapat.PNG", 1, "F001"), ("docs/acara/Lampiran/", 1, "F001")}, found
    assert "'foto-rapat.png'" in found[("docs/assets/images/Foto Rapat.PNG", 1, "F001")]
    assert "'lampiran'" in found[("docs/acara/Lampiran/", 1, "F001")]


@pytest.mark.parametrize("name, expected", [
    ("Foto Rapat.PNG", "foto-rapat.png"), ("Ringkasan (final) v2.pdf", "ringkasan-final-v2.pdf"),
    ("Pédoman Ñ.md", "pedoman-n.md"), ("LICENSE", "license"),
])
def test_slug(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("name, data, code", [
    ("kosong.png", b"", "F002"),
    ("kosong.svg", b"", "F002"),
    ("terpotong.png", PNG.read_bytes()[:200], "F003"),
    ("rusak.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "F003"),
    ("bukan.webp", PNG.read_bytes(), "F003"),  # a PNG by its bytes
    ("rusak.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", "F003"),
    ("bukan.svg", b"<html></html>", "F003"),
])
def test_an_empty_or_undecodable_image_is_refused_referenced_or_not(docs, name, data, code):
    (docs / "assets/images" / name).write_bytes(data)
    found = findings(docs)
    assert set(found) == {(f"docs/assets/images/{name}", 1, code)}, found


def test_a_kit_image_is_checked_once(docs):
    kit = docs / "kit-media/_kits/ktt-43"
    (kit / "kartu-lanskap.png").write_bytes(PNG.read_bytes()[:200])  # right magic, broken bytes: the files rule
    found = findings(docs)
    assert ("docs/kit-media/_kits/ktt-43/kartu-lanskap.png", 1, "F003") in found, found
    (kit / "kartu-lanskap.png").write_bytes(b"")  # no magic at all: the kit loader's K003, not F002 too
    codes = {code for _, _, code in findings(docs)}
    assert "K003" in codes and not codes & {"F002", "F003"}, codes


# --- No traceback from the command ----------------------------------------------------------


def portal(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")} | (env or {})
    return subprocess.run([sys.executable, "-m", "portal.cli", *args], capture_output=True, text=True, env=environ, timeout=120)


def test_portal_check_reports_a_non_utf8_page_without_a_traceback(docs):
    (docs / "tentang.en.md").write_bytes((docs / "tentang.en.md").read_bytes() + b"\nsalah \xff\n")
    result = portal("-C", str(docs.parent), "check", "--no-build", "--no-external")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "docs/tentang.en.md:" in result.stdout and "R001 not UTF-8" in result.stdout


def test_a_non_utf8_snippet_is_a_finding_at_its_line(docs):
    """pymdownx.snippets would stop the build with a UnicodeDecodeError traceback; it is R001 at file:line instead."""
    snippet = docs / "_snippets/nginx.conf"
    data = snippet.read_bytes()
    snippet.write_bytes(data + b"# salah \xff\n")
    assert findings(docs) == {("docs/_snippets/nginx.conf", data.count(b"\n") + 1, "R001"): (
        f"not UTF-8 text (byte 0xff at offset {len(data) + 8}): save the file as UTF-8 (a snippet pages include)")}
    result = portal("-C", str(docs.parent), "check", "--no-build", "--no-external")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "docs/_snippets/nginx.conf:" in result.stdout


FRONT_MATTER_FAULTS = [  # (file, its kind's code): one fault, one finding, under that code only
    ("kurikulum/penetapan-agenda.md", "C000"),
    ("tentang.md", "R001"),
    ("tentang.en.md", "R001"),
    (NARRATIVE, "N000"),
    ("kit-media/ktt-43/index.md", "K012"),
    ("kit-media/_kits/ktt-43/lembar-fakta.md", "K013"),
]


@pytest.mark.parametrize("rel, code", FRONT_MATTER_FAULTS)
@pytest.mark.parametrize("fault", ["date: 2023-02-30", "title: [tidak ditutup", "non-utf8"])
def test_one_fault_in_a_file_is_one_finding_under_its_kinds_code(docs, rel, code, fault):
    """Not C000 + R001 + T000 (loader, content rules, translations) and a follow-on C007 for one fault."""
    path = docs / rel
    if fault == "non-utf8":
        path.write_bytes(path.read_bytes() + b"\nsalah \xff\n")
    else:
        insert(path, 2, fault)
    found = findings(docs)
    assert len(found) == 1 and next(iter(found))[::2] == (f"docs/{rel}", code), found


def test_a_bad_portal_now_is_one_line_and_exit_2():
    result = portal("-C", str(REPO), "check", "--no-build", env={"PORTAL_NOW": "2026-12-01T09:00:00"})
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        "portal: PORTAL_NOW: '2026-12-01T09:00:00' has no timezone: add the offset, e.g. +07:00 for WIB"]


# --- The strict build refuses them all at once, publishing nothing --------------------------


@pytest.mark.build
def test_the_build_refuses_every_fault_at_once_and_publishes_nothing(tmp_path):
    root = copy_project(tmp_path / "project")
    docs = root / "docs"
    insert(docs / NARRATIVE, 2, "status: draft")
    approved = line_of(docs / NARRATIVE, "status: approved")
    insert(docs / "tentang.md", 2, "date: 2023-02-30")
    (docs / "panduan/rilis.en.md").write_bytes((docs / "panduan/rilis.en.md").read_bytes() + b"\nsalah \xff\n")
    rilis_line = (docs / "panduan/rilis.en.md").read_bytes().count(b"\n")
    (docs / "assets/images/kosong.png").write_bytes(b"")
    (docs / "assets/images/Foto Rapat.PNG").write_bytes(PNG.read_bytes())
    (docs / "_snippets/nginx.conf").write_bytes(b"# salah \xff\n" + (docs / "_snippets/nginx.conf").read_bytes())
    site = tmp_path / "site"
    result = run_build(root, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    for where in (f"docs/{NARRATIVE}:{approved}: N000 key 'status' written twice (first at line 2)",
                  "docs/tentang.md:2: R001 invalid YAML: '2023-02-30'",
                  f"docs/panduan/rilis.en.md:{rilis_line}: R001 not UTF-8",
                  "docs/assets/images/kosong.png:1: F002",
                  "docs/assets/images/Foto Rapat.PNG:1: F001",
                  "docs/_snippets/nginx.conf:1: R001 not UTF-8"):
        assert where in output, output
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not [p for p in published if p.suffix in (".html", ".json")], published  # no page, no search index
