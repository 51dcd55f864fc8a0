"""A copy of the site with one fault must fail the strict build, naming the file."""

from __future__ import annotations

import pytest

from conftest import run_build

pytestmark = pytest.mark.build  # every test here runs a strict build of a broken copy


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_missing_english_page_fails_naming_the_page(project_copy, tmp_path):
    (project_copy / "docs/tentang.en.md").unlink()
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/tentang.md:1: T001 no English translation docs/tentang.en.md" in result.stderr
    assert not (tmp_path / "site/en/tentang/index.html").exists()


def test_pending_translation_builds_with_a_notice_and_indonesian_marked(project_copy, tmp_path):
    (project_copy / "docs/tentang.en.md").unlink()
    source = project_copy / "docs/tentang.md"
    source.write_text(source.read_text(encoding="utf-8").replace("---\n", "---\ntranslation: pending\n", 1), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/en/tentang/index.html").read_text(encoding="utf-8")
    assert 'class="admonition warning portal-pending" lang="en"' in page
    assert "This page has not been translated yet." in page
    assert '<div lang="id"><h1' in page
    # The Indonesian page itself carries no notice.
    assert "portal-pending" not in (tmp_path / "site/tentang/index.html").read_text(encoding="utf-8")


def test_english_page_without_indonesian_source_fails(project_copy, tmp_path):
    (project_copy / "docs/yatim.en.md").write_text("# Orphan\n", encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/yatim.en.md:1: T002 English page has no Indonesian source docs/yatim.md" in result.stderr


@pytest.mark.parametrize("page", ["tentang.md", "tentang.en.md"])
def test_broken_link_fails_naming_the_file(project_copy, tmp_path, page):
    _append(project_copy / "docs" / page, "\n\nLihat [halaman lain](tidak-ada.md).\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"Doc file '{page}' contains a link 'tidak-ada.md', but the target is not found" in result.stderr


@pytest.mark.parametrize("page", ["tentang.md", "tentang.en.md"])
def test_broken_anchor_fails_naming_the_file(project_copy, tmp_path, page):
    _append(project_copy / "docs" / page, "\n\nLihat [bagian lain](#tidak-ada).\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"Doc file '{page}' contains a link '#tidak-ada', but there is no such anchor on this page" in result.stderr


def test_unknown_directive_fails_naming_file_and_line(project_copy, tmp_path):
    page = project_copy / "docs/glosarium.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "<!-- portal:glossary -->" in line)
    lines[number - 1] = "<!-- portal:glosary -->"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/glosarium.md:{number}: D001 unknown directive portal:glosary" in result.stderr
