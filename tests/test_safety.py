"""The build refuses active and insecure content everywhere it is published, and never leaves site/ half-built."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project

from portal import atomic, safety
from portal.checks.content_rules import checked_pages
from portal.checks.runner import check_sources

KINDS = [
    ("<script>alert(1)</script>", "R003", "raw <script> in content"),
    ('<iframe src="https://example.org/"></iframe>', "R003", "raw <iframe> in content"),
    ('<object data="x.swf"></object>', "R003", "raw <object> in content"),
    ('<embed src="x.swf">', "R003", "raw <embed> in content"),
    ('<span onclick="steal()">Klik</span>', "R003", "inline event handler"),
    ("[Tautan](javascript:alert(1))", "R003", "javascript: URL"),
    ("[Unduh](data:text/html;base64,PHNjcmlwdD4=)", "R003", "data: URL"),
    ('<img src="http://example.org/a.png" alt="Gambar">', "R004", "insecure link http://example.org/a.png"),
    ("![Foto](http://example.org/b.png)", "R004", "insecure link http://example.org/b.png"),
]


@pytest.mark.parametrize("text, code, message", KINDS, ids=[k[0][:20] for k in KINDS])
def test_each_kind_of_active_or_insecure_content_is_found_at_its_line(text, code, message):
    found = safety.markdown_findings(f"---\ntitle: x\n---\n\nParagraf.\n\n{text}\n", "docs/x.md")
    assert [(f.path, f.line, f.code) for f in found] == [("docs/x.md", 7, code)] and message in found[0].message


def test_code_in_a_fence_is_shown_not_run():
    assert safety.markdown_findings("```html\n<script>alert(1)</script>\n```\n", "docs/x.md") == []


def test_every_svg_is_held_to_one_rule(tmp_path):
    svg = tmp_path / "docs/assets/images/logo.svg"
    svg.parent.mkdir(parents=True)
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://example.org/x.png"/>\n</svg>\n', encoding="utf-8")
    assert [(f.line, f.code) for f in safety.check_sources(tmp_path / "docs")] == [(2, "R003")]


def test_every_published_source_passes_through_the_rules():
    """Pages, narratives, kit documents and snippets: the safety rules read them all, the content rules every page."""
    docs = REPO / "docs"
    markdown = {p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] != "_data"}
    assert markdown <= set(safety.published_sources(docs))
    pages = {docs / rel for rel in checked_pages(docs)}
    assert {p for p in markdown if "_snippets" not in p.parts} <= pages
    assert any("_kits" in p.parts for p in pages) and any("narasi" in p.parts for p in pages)
    assert set(docs.rglob("*.svg")) <= set(safety.published_sources(docs))


def test_a_check_run_reports_a_missing_image_and_the_translation_fault_it_causes(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/tentang.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 2
    lines.insert(at, "![Foto kegiatan](gambar/tidak-ada.png)\n")
    page.write_text("\n".join(lines), encoding="utf-8")
    found = {(f.path, f.code) for f in check_sources(project / "docs")}
    assert ("docs/tentang.md", "R010") in found and ("docs/tentang.en.md", "TR002") in found
    r010 = next(f for f in check_sources(project / "docs") if f.code == "R010")
    assert r010.line == at + 1 and "gambar/tidak-ada.png does not exist" in r010.message


def fingerprint(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def portal_build(project: Path) -> subprocess.CompletedProcess:
    env = {"PORTAL_SKIP_PDF": "1", "SOURCE_DATE_EPOCH": "1693267200", "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "portal.cli", "build"], cwd=project, env=env, capture_output=True, text=True)


@pytest.mark.build
def test_make_build_refuses_active_content_anywhere_and_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "project")
    first = portal_build(project)
    assert first.returncode == 0, first.stderr[-3000:]
    before = fingerprint(project / "site")
    assert len(before) > 150
    faults = [
        ("docs/tentang.md", "<script>alert(1)</script>", "R003 raw <script>"),
        ("docs/kit-media/_kits/ktt-43/lembar-fakta.md", "[Unduh](javascript:alert(1))", "R003 javascript: URL"),
        ("docs/narasi/umum/narasi-tunggal.md", '<img src="http://example.org/a.png" alt="x">', "R004 insecure link"),
        ("docs/tentang.en.md", "[Broken](no-such-page.md)", "no-such-page.md"),  # fails late, after every page is written
    ]
    for rel, text, expected in faults:
        path = project / rel
        original = path.read_text(encoding="utf-8")
        path.write_text(original + f"\n{text}\n", encoding="utf-8")
        line = len(original.split("\n")) + 1
        result = portal_build(project)
        path.write_text(original, encoding="utf-8")
        assert result.returncode == 1, (rel, result.stderr[-2000:])
        where = f"{rel}:{line}: {expected}" if expected.startswith("R0") else expected
        assert where in result.stderr, (rel, result.stderr[-2000:])
        assert "site is as it was before" in result.stderr
        assert fingerprint(project / "site") == before, rel
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_folder_is_replaced_whole_or_not_at_all(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")

    def fail_halfway(folder: Path) -> bool:
        (folder / "index.html").write_text("half", encoding="utf-8")
        return False

    assert atomic.replace_folder(target, fail_halfway) is False
    assert (target / "index.html").read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert atomic.replace_folder(target, lambda folder: (folder / "new.html").write_text("new") > 0) is True
    assert sorted(p.name for p in target.iterdir()) == ["new.html"] and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
