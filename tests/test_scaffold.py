"""``portal new``: drafts that build at once, pass ``make check`` with warnings, and are never published.

One copy of the project gets all four scaffolds (narrative, kit, module,
page) through the real command line; its sources are checked without a
build, and one strict build of it proves nothing of the drafts reaches the
site. A second copy turns every draft into published material with its gaps
still in it: each gap becomes an error at its file and line, and the build
stops before writing anything. Refusals run against a pristine copy whose
every byte is compared before and after.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, copy_project, run_build, traces
from portal import cli
from portal.checks.runner import check_sources
from portal.checks.translation_checks import HEADING_ID
from portal.curriculum.load import load_curriculum
from portal.sources import read_markdown

NARRATIVE = "uji-scaffold-narasi"
KIT = "uji-scaffold-kit"
MODULE = "uji-scaffold-modul"
PAGE = "docs/acara/uji-scaffold-halaman.md"
MARKER = "uji-scaffold"  # in every slug: nothing of a draft may carry it into the site
GAP_TEXTS = ("[[Judul narasi", "[[Narrative title", "Kit media [[nama acara]]", "[[Event name]] press kit",
             "[[Judul modul]]", "[[Module title]]", "[[Judul halaman]]", "[[Page title]]")

FILES = {
    "narrative": [f"docs/narasi/ktt-43/{NARRATIVE}.md", f"docs/narasi/ktt-43/{NARRATIVE}.en.md"],
    "kit": [f"docs/kit-media/_kits/{KIT}/kit.yml", *(f"docs/kit-media/_kits/{KIT}/{name}" for name in (
        "lembar-fakta.md", "lembar-fakta.en.md", "pesan-kunci.md", "pesan-kunci.en.md", "kontak-media.md", "kontak-media.en.md")),
        f"docs/kit-media/{KIT}/index.md", f"docs/kit-media/{KIT}/index.en.md"],
    "module": [f"docs/kurikulum/{MODULE}.md", f"docs/kurikulum/{MODULE}.en.md"],
    "page": [PAGE, PAGE.replace(".md", ".en.md")],
}
COMMANDS = {
    "narrative": ["new", "narrative", NARRATIVE, "--event", "ktt-43"],
    "kit": ["new", "kit", KIT],
    "module": ["new", "module", MODULE],
    "page": ["new", "page", PAGE],
}


def portal(project: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["-C", str(project), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Path:
    """A copy of the project with every scaffold written by the command line."""
    project = copy_project(tmp_path_factory.mktemp("scaffolded") / "project")
    for kind, args in COMMANDS.items():
        code = cli.main(["-C", str(project), *args])
        assert code == 0, kind
    return project


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


def snapshot(project: Path) -> dict[str, str]:
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(project.rglob("*")) if p.is_file()}


# --- What each command writes ----------------------------------------------------------------------------


def test_each_command_reports_the_files_it_wrote(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    for kind, args in COMMANDS.items():
        code, out, err = portal(project, capsys, *args)
        assert code == 0 and err == "", (kind, err)
        assert [line.removeprefix("wrote ") for line in out.splitlines() if line.startswith("wrote ")] == FILES[kind]
        assert "draft" in out
        for rel in FILES[kind]:
            assert (project / rel).is_file(), rel


def test_the_narrative_is_a_draft_record_with_its_english_words_only(scaffolded):
    source = read_markdown(scaffolded / FILES["narrative"][0], scaffolded / "docs").meta
    english = read_markdown(scaffolded / FILES["narrative"][1], scaffolded / "docs").meta
    assert source["status"] == "draft" and source["event"] == "ktt-43" and source["id"] == f"ktt43-{NARRATIVE}"
    for key in ("title", "description", "key_message", "valid_from", "valid_until", "topics", "facts", "captions"):
        assert key in source, key
    assert source["approver"] == "Contoh pelatihan — bukan persetujuan resmi" and "approved_on" not in source
    assert source["facts"]["fakta-1"]["source"].startswith("[[")
    # The English file the English way: each fact is its text only, and no language-neutral field.
    assert isinstance(english["facts"]["fakta-1"], str) and english["facts"]["fakta-1"].startswith("[[")
    assert not {"id", "event", "status", "valid_from", "valid_until", "topics"} & set(english)
    assert english["approver"] == "Training example — not an official approval"


def test_the_kit_is_a_draft_training_example_with_its_page_pair(scaffolded):
    manifest = (scaffolded / FILES["kit"][0]).read_text(encoding="utf-8")
    assert re.search(r"^draft: true$", manifest, re.M) and re.search(r"^training_example: true$", manifest, re.M)
    assert f"id: {KIT}" in manifest and "placeholders_allowed" not in manifest
    for page in FILES["kit"][-2:]:
        assert f"<!-- portal:press-kit-{KIT} -->" in (scaffolded / page).read_text(encoding="utf-8")


def test_the_module_is_a_draft_after_the_last_module_out_of_every_generated_page(scaffolded):
    meta = read_markdown(scaffolded / FILES["module"][0], scaffolded / "docs").meta
    real = load_curriculum(REPO / "docs")
    assert meta["draft"] is True and meta["module"]["order"] == max(m.order for m in real.modules) + 1
    curriculum = load_curriculum(scaffolded / "docs")
    assert [m.id for m in curriculum.drafts] == [MODULE]
    assert [m.id for m in curriculum.modules] == [m.id for m in real.modules]
    text = (scaffolded / FILES["module"][0]).read_text(encoding="utf-8")
    for needed in ("??? trainer", "!!! exercise", "    ??? solution", "{#key-points}", "{#sources}"):
        assert needed in text, needed


@pytest.mark.parametrize("kind", ["module", "page", "kit"])
def test_twins_carry_the_same_heading_ids_and_front_matter(scaffolded, kind):
    pairs = [FILES[kind]] if kind != "kit" else [FILES[kind][-2:], *(FILES[kind][i:i + 2] for i in (1, 3, 5))]
    for source, english in pairs:
        texts = [(scaffolded / rel).read_text(encoding="utf-8") for rel in (source, english)]
        assert set(HEADING_ID.findall(texts[0])) == set(HEADING_ID.findall(texts[1])) != set(), source
        for rel in (source, english):
            meta = read_markdown(scaffolded / rel, scaffolded / "docs").meta
            assert meta.get("title") and meta.get("description"), rel
    if kind == "page":
        assert read_markdown(scaffolded / PAGE, scaffolded / "docs").meta["draft"] is True


def test_kit_module_and_page_join_their_nav_section_with_the_rest_of_mkdocs_yml_untouched(scaffolded):
    before = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    after = (scaffolded / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert added == [f"      - kurikulum/{MODULE}.md", f"      - kit-media/{KIT}/index.md", f"      - acara/{Path(PAGE).name}"]
    assert [line for line in after if line not in added] == before
    assert after[after.index(added[0]) - 1] == "      - kurikulum/etika-aturan.md"  # the last module, by order
    assert after[after.index(added[1]) - 1] == "      - kit-media/ktt-42/index.md"
    assert after[after.index(added[2]) - 1] == "      - acara/ktt-43.md"


def test_a_page_in_a_section_without_nav_entry_says_where_it_belongs(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    code, out, _ = portal(project, capsys, "new", "page", "docs/bagian-baru/halaman.md")
    assert code == 0 and "no nav entry lists a page of docs/bagian-baru/" in out and "nav_translations" in out
    assert (project / "mkdocs.yml").read_bytes() == (REPO / "mkdocs.yml").read_bytes()


# --- make check: warnings while a draft, errors once published ---------------------------------------------


def new_findings(docs: Path):
    return [f for f in check_sources(docs) if MARKER in f.path]


def test_the_drafts_give_only_warnings(scaffolded):
    findings = [f for f in check_sources(scaffolded / "docs") if f.code != "R013"]  # the real content's standing warnings
    assert [f for f in findings if f.severity == "error"] == []
    assert all(MARKER in f.path for f in findings), [str(f) for f in findings if MARKER not in f.path]
    codes = {(f.path.split("/")[1], f.code) for f in findings}
    assert {("narasi", "N023"), ("kit-media", "K015"), ("kurikulum", "R008"), ("acara", "R008")} <= codes
    assert {code for _, code in codes} <= {"N023", "K015", "R008", "TR006"}
    # A gap is reported at its line.
    page = scaffolded / PAGE
    assert any(f.path == PAGE and f.line == line_of(page, "# [[Judul halaman]]") and f.code == "R008" for f in findings)


@pytest.fixture
def published(scaffolded, tmp_path) -> Path:
    """The scaffolds approved or undrafted, every gap still in them."""
    project = tmp_path / "project"
    shutil.copytree(scaffolded, project)
    edits = {FILES["narrative"][0]: ("status: draft", "status: approved"), FILES["kit"][0]: ("draft: true", "draft: false"),
             FILES["module"][0]: ("draft: true", "draft: false"), PAGE: ("draft: true", "draft: false")}
    for rel, (old, new) in edits.items():
        path = project / rel
        text, count = re.subn(rf"^{old}$", new, path.read_text(encoding="utf-8"), flags=re.M)
        assert count == 1, rel
        path.write_text(text, encoding="utf-8")
    return project


def test_published_with_gaps_every_gap_is_an_error_at_its_file_and_line(published):
    findings = check_sources(published / "docs")
    errors = {(f.path, f.line, f.code) for f in findings if f.severity == "error"}
    narrative, english = (published / rel for rel in FILES["narrative"])
    expected = {
        (FILES["narrative"][0], line_of(narrative, 'title: "[[Judul narasi'), "N023"),
        (FILES["narrative"][0], line_of(narrative, "valid_until:"), "N023"),
        (FILES["narrative"][1], line_of(english, "fakta-1: >-") + 1, "N023"),
        (FILES["kit"][0], line_of(published / FILES["kit"][0], "  page: acara/index.md"), "K015"),
        (f"docs/kit-media/_kits/{KIT}/lembar-fakta.md", line_of(published / f"docs/kit-media/_kits/{KIT}/lembar-fakta.md", "| Tempat |"), "K015"),
        (FILES["kit"][-1], line_of(published / FILES["kit"][-1], "# [[Event name]] press kit"), "K015"),
        (FILES["module"][0], line_of(published / FILES["module"][0], "level: dasar"), "R008"),
        (PAGE, line_of(published / PAGE, "# [[Judul halaman]]"), "R008"),
    }
    assert expected <= errors, sorted(expected - errors)
    narrative_gaps = [f for f in findings if f.code == "N023"]
    assert narrative_gaps and all(f.severity == "error" and "approved narrative" in f.message for f in narrative_gaps)


# --- The build: strict, and no trace of a draft ---------------------------------------------------------------


@pytest.mark.build
def test_the_strict_build_passes_and_publishes_no_draft(scaffolded, tmp_path):
    site = tmp_path / "site"
    result = run_build(scaffolded, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (site / "kurikulum/evaluasi/index.html").is_file() and (site / "en/acara/ktt-43/index.html").is_file()
    assert traces(site, [MARKER, *GAP_TEXTS]) == []
    log = result.stdout + result.stderr
    assert f"{KIT} (draft)" in log
    assert f"docs/narasi/ktt-43/{NARRATIVE}.md: not published (draft)" in log


@pytest.mark.build
def test_a_gap_left_in_a_published_page_stops_the_build_naming_file_and_line(published, tmp_path):
    result = run_build(published, tmp_path / "site")
    assert result.returncode != 0
    line = line_of(published / PAGE, "# [[Judul halaman]]")
    assert f"{PAGE}:{line}: R008 gap [[Judul halaman]] left in a published page" in result.stderr
    assert not (tmp_path / "site/index.html").exists()


# --- Refusals: one line, exit status 2, nothing written ---------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["new", "narrative", "cek-sebelum-bagikan", "--event", "none"],
     "portal new narrative: docs/narasi/umum/cek-sebelum-bagikan.md exists already: choose another slug, or edit that file"),
    (["new", "narrative", "kabar-baru", "--event", "ktt-99"],
     "portal new narrative: unknown event 'ktt-99': use one of ktt-42, ktt-43, none (from docs/narasi/_data/taxonomy.yml)"),
    (["new", "narrative", "Kabar_Baru", "--event", "none"], "portal new narrative: 'Kabar_Baru' is not a valid narrative slug"),
    (["new", "narrative", "kabar-baru", "--event", "none", "--topic", "cuaca"], "portal new narrative: unknown topic 'cuaca'"),
    (["new", "kit", "ktt-43"], "portal new kit: docs/kit-media/_kits/ktt-43 exists already"),
    (["new", "kit", "kit baru"], "portal new kit: 'kit baru' is not a valid kit id"),
    (["new", "module", "evaluasi"], "portal new module: docs/kurikulum/evaluasi.md exists already"),
    (["new", "module", "jadwal"], "portal new module: docs/kurikulum/jadwal.md exists already"),
    (["new", "page", "../luar.md"], "portal new page: ../luar.md is outside docs/"),
    (["new", "page", "README.md"], "portal new page: README.md is outside docs/"),
    (["new", "page", "docs/acara/contoh.en.md"], "portal new page: docs/acara/contoh.en.md is an English page: give the Indonesian page (docs/acara/contoh.md)"),
    (["new", "page", "docs/acara/contoh.txt"], "portal new page: docs/acara/contoh.txt is not a Markdown page"),
    (["new", "page", "docs/tentang.md"], "portal new page: docs/tentang.md exists already"),
    (["new", "page", "docs/_data/catatan.md"], "portal new page: docs/_data/catatan.md is in a folder the site never publishes"),
    (["new", "page", "docs/narasi/umum/kabar.md"], "portal new page: docs/narasi/umum/kabar.md would be read as a narrative"),
])
def test_a_refusal_names_what_is_wrong_exits_2_and_writes_nothing(pristine, capsys, monkeypatch, args, message):
    monkeypatch.chdir(pristine)  # relative page paths are read from the working directory, like a shell's
    before = snapshot(pristine)
    code, out, err = portal(pristine, capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err
    assert snapshot(pristine) == before
