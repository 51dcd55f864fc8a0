"""The validation toolkit: one injected fault of each kind gives exactly its finding.

Source faults are injected into a copy of ``docs/`` and checked without a
build; site faults are written into a copy of the sources as raw HTML (which
MkDocs does not validate), built once, and found in the built site.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, SITE_URL, copy_project, run_build
from portal.bench.synthetic import generate, inject_faults
from portal.checks.external import Cache, check_external
from portal.checks.report import as_json, as_markdown, as_text
from portal.checks.runner import check_sources
from portal.checks.site_links import check_site
from portal.checks.translation_checks import stamp
from portal.findings import Finding
from portal.sources import read_markdown


@pytest.fixture
def docs(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(REPO / "docs", target)
    return target


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def append(path: Path, text: str) -> int:
    """Append ``text`` and return the file line where it starts."""
    before = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(before + "\n\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 3


def found(docs: Path) -> set[tuple[str, int, str]]:
    """What the injected fault adds: the real content's standing R013 warnings (addresses not yet opened) left out."""
    return {(f.path, f.line, f.code) for f in check_sources(docs) if f.code != "R013"}


def test_real_sources_give_no_error():
    """What fails the suite is exactly what fails make check: an error (a draft in progress may warn)."""
    assert [str(f) for f in check_sources(REPO / "docs") if f.severity == "error"] == []


def test_real_built_site_gives_no_finding(built_site):
    result = check_site(built_site, REPO / "docs", SITE_URL)
    assert result.findings == []
    assert result.external, "external links were collected"


# --- source faults: translations ---------------------------------------------------------

def test_TR001_heading_id_differs(docs):
    page = docs / "acara/ktt-42.en.md"
    line = line_of(page, "{#")
    text = page.read_text(encoding="utf-8").splitlines()
    text[line - 1] = text[line - 1].replace("{#", "{#renamed-", 1)
    page.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert found(docs) == {("docs/acara/ktt-42.en.md", line, "TR001")}


@pytest.mark.parametrize(
    "code, addition",
    [("TR002", "![A diagram of the process](assets/images/logo.svg)"), ("TR003", "```text\nexample\n```")],
)
def test_TR002_TR003_images_and_code_blocks_must_match(docs, code, addition):
    page = docs / "tentang.en.md"
    append(page, addition)
    body_line = read_markdown(page, docs).body_line
    assert found(docs) == {("docs/tentang.en.md", body_line, code)}


def test_TR004_exercise_count_must_match(docs):
    page = docs / "kurikulum/evaluasi.en.md"
    append(page, '!!! exercise "Exercise 9: Extra"\n\n    Do it.\n\n    ??? solution "Suggested answer"\n\n        Done.')
    assert found(docs) == {("docs/kurikulum/evaluasi.en.md", read_markdown(page, docs).body_line, "TR004")}


def test_TR005_changed_source_makes_translation_outdated(docs):
    source, english = docs / "tentang.md", docs / "tentang.en.md"
    append(source, "Kalimat tambahan.")
    assert found(docs) == {("docs/tentang.en.md", line_of(english, "translation_of:"), "TR005")}
    (finding,) = [f for f in check_sources(docs) if f.code == "TR005"]
    # An error, as in the suite: make check fails on it (exit 1) as CI does.
    assert finding.severity == "error" and "git diff " in finding.message
    assert as_text([finding]).endswith("1 error(s), 0 warning(s)")
    stamp(docs, Path("tentang.en.md"))
    assert found(docs) == set()


def test_TR006_unstamped_translation(docs):
    page = docs / "tentang.en.md"
    page.write_text("".join(l for l in page.read_text(encoding="utf-8").splitlines(True) if not l.startswith("translation_of:")))
    assert found(docs) == {("docs/tentang.en.md", 1, "TR006")}
    assert [f.severity for f in check_sources(docs) if f.code != "R013"] == ["error"]


def test_an_outdated_translation_of_a_draft_page_is_only_a_warning(docs):
    """A draft is published nowhere: its unfinished translation warns, as its gaps do (R008)."""
    source = docs / "tentang.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    (finding,) = [f for f in check_sources(docs) if f.code.startswith("TR")]
    assert (finding.code, finding.severity) == ("TR005", "warning") and "while the page is a draft" in finding.message


def test_T001_missing_translation(docs):
    (docs / "tentang.en.md").unlink()
    assert found(docs) == {("docs/tentang.md", 1, "T001")}


# --- source faults: content rules -------------------------------------------------------


def test_R008_gap_left_in_a_published_page_is_an_error_at_its_line(docs):
    line = append(docs / "tentang.md", "Kontak: [[nama petugas]].")
    stamp(docs, Path("tentang.en.md"))  # not the outdated translation (TR005): the gap is the fault here
    errors = {(f.path, f.line, f.code) for f in check_sources(docs) if f.severity == "error"}
    assert errors == {("docs/tentang.md", line, "R008")}


def test_R008_gaps_in_a_draft_are_warnings_and_in_code_are_examples(docs):
    page = docs / "tentang.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    line = append(page, "Kontak: [[nama petugas]]; contoh isian: `[[seperti ini]]`.\n\n```text\n[[juga contoh]]\n```")
    gaps = [f for f in check_sources(docs) if f.code == "R008"]
    assert [(f.path, f.line, f.severity) for f in gaps] == [("docs/tentang.md", line, "warning")]
    assert "[[nama petugas]]" in gaps[0].message


@pytest.mark.parametrize("page, value, message", [
    ("tentang.md", "ya", "draft: must be true or false, not 'ya'"),
    ("tentang.en.md", "true", "draft: is written once, in the Indonesian page"),
    ("narasi/umum/lawan-hoaks.md", "true", "draft: does not apply here"),
])
def test_R009_misplaced_or_malformed_draft(docs, page, value, message):
    path = docs / page
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\ndraft: {value}\n", 1), encoding="utf-8")
    errors = [f for f in check_sources(docs) if f.code == "R009"]
    assert [(f.path, f.line) for f in errors] == [(f"docs/{page}", 2)] and message in errors[0].message

def test_R002_image_without_alt_text(docs):
    # Added to both languages, so the translation stays parallel and only R002 remains.
    expected = set()
    for rel in ("tentang.md", "tentang.en.md"):
        line = append(docs / rel, "![](assets/images/logo.svg)")  # image paths are relative to the source file
        expected.add((f"docs/{rel}", line, "R002"))
    line = append(docs / "acara/index.md", '<img src="../assets/images/logo.svg">')
    expected.add(("docs/acara/index.md", line, "R002"))
    line = append(docs / "acara/index.en.md", '<img src="../assets/images/logo.svg" alt="">')
    expected.add(("docs/acara/index.en.md", line, "R002"))
    for rel in ("tentang.en.md", "acara/index.en.md"):
        stamp(docs, Path(rel))
    assert found(docs) == expected


CONTENT_FAULTS = [
    ("R003", "<script>alert(1)</script>"),
    ("R003", '<span onclick="steal()">Tekan</span>'),
    ("R003", "[Buka](javascript:alert(1))"),
    ("R004", "[Situs ASEAN](http://asean.org)"),
    ("R005", "Untuk istilah, [klik di sini](glosarium.md)."),
    ("R006", "#### Bagian yang terlalu dalam"),
    ("R007", "Kelola akun sosial media instansi Anda dengan rapi."),
]


@pytest.mark.parametrize("code, addition", CONTENT_FAULTS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CONTENT_FAULTS)])
def test_content_rule_fault(docs, code, addition):
    page = docs / "tentang.md"
    line = append(page, addition)
    stamp(docs, Path("tentang.en.md"))  # keep the translation current: only the injected fault remains
    assert found(docs) == {("docs/tentang.md", line, code)}


def test_R001_missing_description(docs):
    page = docs / "tentang.md"
    page.write_text("".join(l for l in page.read_text(encoding="utf-8").splitlines(True) if not l.startswith("description:")))
    stamp(docs, Path("tentang.en.md"))
    assert found(docs) == {("docs/tentang.md", 1, "R001")}


def test_models_are_checked_through_their_loaders(docs):
    module = docs / "kurikulum/evaluasi.md"
    line = line_of(module, "teaching:")
    module.write_text(module.read_text(encoding="utf-8").replace("teaching: 30", "teaching: tiga puluh"), encoding="utf-8")
    stamp(docs, Path("kurikulum/evaluasi.en.md"))
    assert found(docs) == {("docs/kurikulum/evaluasi.md", line, "C002")}


def test_D001_unknown_directive_without_a_build(docs):
    page = docs / "glosarium.md"
    line = line_of(page, "<!-- portal:glossary -->")
    page.write_text(page.read_text(encoding="utf-8").replace("portal:glossary", "portal:glosary"), encoding="utf-8")
    stamp(docs, Path("glosarium.en.md"))
    assert ("docs/glosarium.md", line, "D001") in found(docs)


# --- site faults: one build holding one fault of each kind ---------------------------------

SITE_FAULTS = {
    "tentang.md": ('<a href="../tidak-ada/">Halaman hilang</a>', "L001"),
    "acara/index.md": ('<a href="../glosarium/#tidak-ada">Istilah</a>', "L002"),
    "kit-media/index.md": ('<a href="../en/glosarium/">Glossary</a>', "L003"),
    "acara/ktt-42.md": ('<a href="/tentang/">Tentang</a>', "L004"),
    "acara/ktt-43.md": (f'<a href="{SITE_URL}tentang/">Tentang</a>', "L004"),
    "acara/bimtek-2023.md": ('<img src="../../assets/images/tidak-ada.png" alt="Foto kegiatan">', "L001"),
}


# A build without PDFs (rendering them is most of a build's time, and these tests read
# none) leaves exactly one trace: the print page's link to its PDF, in each language.
# That the link resolves once the PDFs are there is checked on the real site, built
# with them (test_real_built_site_gives_no_finding).
UNRENDERED_PDFS = {("docs/kurikulum/cetak.md", 1, "L001"), ("docs/kurikulum/cetak.en.md", 1, "L001")}


@pytest.mark.build
def test_site_faults_are_found_at_their_source_line(tmp_path):
    project = copy_project(tmp_path / "project")
    expected = set()
    for rel, (html, code) in SITE_FAULTS.items():
        line = append(project / "docs" / rel, html)
        expected.add((f"docs/{rel}", line, code))
    css = project / "docs/assets/stylesheets/portal.css"
    css_line = append(css, ".broken { background: url(../images/tidak-ada.svg); }")
    expected.add(("site/assets/stylesheets/portal.css", css_line, "L001"))
    result = run_build(project, tmp_path / "site")  # no PDFs: see UNRENDERED_PDFS
    assert result.returncode == 0, result.stderr  # MkDocs itself sees none of these
    links = check_site(tmp_path / "site", project / "docs", SITE_URL)
    assert {(f.path, f.line, f.code) for f in links.findings} == expected | UNRENDERED_PDFS


# --- external links, against a server on 127.0.0.1 -----------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    busy_calls = 0

    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        path = self.path
        if path == "/ok":
            self.send_response(200)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif path == "/gone":
            self.send_response(404)
        elif path == "/broken":
            self.send_response(500)
        elif path == "/busy":
            Handler.busy_calls += 1
            if Handler.busy_calls == 1:
                self.send_response(429)
                self.send_header("Retry-After", "1")
            else:
                self.send_response(200)
        elif path == "/slow":
            time.sleep(2)
            self.send_response(200)
        elif path == "/no-head":
            self.send_response(200 if body else 405)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.busy_calls = 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_external_links_each_status(server, tmp_path):
    links = {f"{server}{p}": {"tentang/index.html"} for p in ("/ok", "/moved", "/gone", "/broken", "/busy", "/slow", "/no-head")}
    cache = Cache(tmp_path / "cache.json", ttl=3600)
    started = time.time()
    findings = check_external(links, cache, timeout=0.5, progress=False)
    codes = {f.message.split(": ", 1)[-1].split(" ")[0] if f.code != "X003" else f.message: f.code for f in findings}
    by_url = {next(u for u in links if u in f.message): (f.code, f.severity) for f in findings}
    assert by_url == {
        f"{server}/moved": ("X003", "warning"),
        f"{server}/gone": ("X001", "warning"),
        f"{server}/broken": ("X001", "warning"),
        f"{server}/slow": ("X002", "warning"),
    }, codes
    assert Handler.busy_calls == 2  # retried after Retry-After
    assert time.time() - started < 20
    assert all(f.path == "site/tentang/index.html" for f in findings)


def test_external_cache_serves_offline_and_strict_makes_errors(server, tmp_path):
    url = f"{server}/gone"
    cache = Cache(tmp_path / "cache.json", ttl=3600)
    check_external({url: {"a/index.html"}}, cache, progress=False)
    offline = check_external({url: {"a/index.html"}, "https://unknown.example/": {"a/index.html"}},
                             Cache(tmp_path / "cache.json", ttl=3600), offline=True, strict=True, progress=False)
    assert {(f.code, f.severity) for f in offline} == {("X001", "error"), ("X004", "warning")}


def test_expired_cache_entries_are_checked_again(server, tmp_path):
    path = tmp_path / "cache.json"
    path.write_text(json.dumps({f"{server}/gone": {"url": f"{server}/gone", "status": 200, "final_url": None, "error": "", "checked_at": 0}}))
    findings = check_external({f"{server}/gone": {"a/index.html"}}, Cache(path, ttl=60), progress=False)
    assert [f.code for f in findings] == ["X001"]


# --- output ---------------------------------------------------------------------------------

def test_report_formats():
    findings = [Finding("docs/a.md", 3, "R004", "insecure link"), Finding("site/b.html", 0, "X003", "moved", "warning")]
    assert as_text([]) == ""
    text = as_text(findings).splitlines()
    assert text[0] == "docs/a.md:3: R004 insecure link" and text[-1] == "1 error(s), 1 warning(s)"
    data = json.loads(as_json(findings))
    assert data["summary"] == {"error": 1, "warning": 1} and data["findings"][0]["line"] == 3
    assert "| error | `docs/a.md:3` | R004 | insecure link |" in as_markdown(findings)


@pytest.mark.build
def test_synthetic_site_faults_are_all_found(tmp_path):

    project = tmp_path / "synthetic"
    generate(REPO, project, pages=6, modules=1)
    inject_faults(project, 2)
    result = run_build(project, tmp_path / "site")  # no PDFs: see UNRENDERED_PDFS
    assert result.returncode == 0, result.stderr
    findings = check_site(tmp_path / "site", project / "docs", SITE_URL).findings
    assert UNRENDERED_PDFS <= {(f.path, f.line, f.code) for f in findings}
    findings = [f for f in findings if (f.path, f.line, f.code) not in UNRENDERED_PDFS]
    counts = {code: sum(f.code == code for f in findings) for code in ("L001", "L002", "L003")}
    assert counts == {"L001": 2, "L002": 2, "L003": 2}
    assert all(f.path.startswith("docs/sintetis/halaman-") and f.line > 1 for f in findings)


def test_external_findings_point_at_the_markdown_source(server, tmp_path):
    from portal.checks.sourcemap import SourceMap

    url = f"{server}/gone"
    sources = SourceMap(REPO / "docs")
    page = "kurikulum/penetapan-agenda/index.html"
    findings = check_external({url: {page}}, Cache(tmp_path / "c.json", 60), progress=False,
                              locate=lambda p, u: sources.locate(p, ["doi.org"]))
    (finding,) = findings
    source = REPO / "docs/kurikulum/penetapan-agenda.md"
    assert (finding.path, finding.line) == ("docs/kurikulum/penetapan-agenda.md", line_of(source, "doi.org"))
