"""Loaders of the data files and the translation pairing, on tiny fixtures."""

from __future__ import annotations

import textwrap

import pytest

from portal.directives import expand
from portal.findings import PortalError
from portal.glossary import load_glossary
from portal.numbers import human_size, integer
from portal.platforms import load_platforms
from portal.translations import pair_pages
from portal.urls import language_of_url, localized_url, neutral_path


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def codes(exc):
    return [(f.line, f.code) for f in exc.value.findings]


def test_pairing_reports_each_kind_of_unpaired_page(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "a.md", "# A\n")
    write(docs / "a.en.md", "# A\n")
    write(docs / "b.md", "# B\n")  # no twin
    write(docs / "c.md", "---\ntranslation: pending\n---\n# C\n")  # allowed
    write(docs / "d.en.md", "# D\n")  # no source
    write(docs / "e.md", "---\ntitle: E\ntranslation: later\n---\n# E\n")  # bad value, and no twin
    write(docs / "_data/x.md", "# ignored\n")
    pairs, findings = pair_pages(docs)
    assert {(p.source.as_posix(), p.pending) for p in pairs} == {("a.md", False), ("c.md", True)}
    assert sorted(str(f) for f in findings) == [
        "docs/b.md:1: T001 no English translation docs/b.en.md: write it, or mark this page 'translation: pending' in its front matter",
        "docs/d.en.md:1: T002 English page has no Indonesian source docs/d.md",
        "docs/e.md:1: T001 no English translation docs/e.en.md: write it, or mark this page 'translation: pending' in its front matter",
        "docs/e.md:3: T003 translation: must be 'pending' or absent, not 'later'",
    ]


def test_a_module_without_its_english_page_is_not_told_to_be_pending(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "kurikulum/baru.md", "---\ntitle: Baru\nmodule:\n  id: baru\n---\n# Baru\n")
    _, findings = pair_pages(docs)
    assert [str(f) for f in findings] == [
        "docs/kurikulum/baru.md:1: T001 no English translation docs/kurikulum/baru.en.md: write it (a curriculum module "
        "cannot be 'translation: pending'; mark the module 'draft: true' to keep it unpublished meanwhile)",
    ]


def test_pending_mark_on_a_translated_page_is_reported(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "a.md", "---\ntranslation: pending\n---\n")
    write(docs / "a.en.md", "# A\n")
    _, findings = pair_pages(docs)
    assert [(f.line, f.code) for f in findings] == [(2, "T004")]


GOOD_TERM = """
  - term: KTT
    abbreviation: true
    expansion: Konferensi Tingkat Tinggi
    english: Summit
    definition: {id: Pertemuan puncak., en: A summit.}
    translation: official
    source: brief
"""


def test_glossary_errors_name_the_line(tmp_path):
    write(
        tmp_path / "docs/_data/glossary.yml",
        "terms:" + GOOD_TERM + """
  - term: Bimtek
    expansion: Bimbingan Teknis
    english: Technical guidance
    definition: {id: Pelatihan.}
    translation: official
    source: brief
  - term: WIB
    expansion: Waktu Indonesia Barat
    english: Western Indonesia Time
    definition: {id: Zona., en: Zone.}
    translation: guessed
    source: brief
  - term: ktt
    expansion: x
    english: x
    definition: {id: x, en: x}
    translation: working
    source: x
  - term: Tagar
    english: hashtag
""",
    )
    with pytest.raises(PortalError) as exc:
        load_glossary(tmp_path / "docs")
    assert codes(exc) == [(13, "G003"), (20, "G004"), (22, "G005"), (28, "G002")]


def test_glossary_tooltips_per_language(tmp_path):
    write(tmp_path / "docs/_data/glossary.yml", "terms:" + GOOD_TERM)
    (term,) = load_glossary(tmp_path / "docs")
    assert term.tooltip("id") == "Konferensi Tingkat Tinggi"
    assert term.tooltip("en") == "Konferensi Tingkat Tinggi (Summit)"


def test_invalid_yaml_names_file_and_line(tmp_path):
    write(tmp_path / "docs/_data/glossary.yml", "terms:\n  - term: [unclosed\n")
    with pytest.raises(PortalError) as exc:
        load_glossary(tmp_path / "docs")
    assert exc.value.findings[0].code == "G000" and exc.value.findings[0].line >= 2


def test_platform_errors_name_the_line(tmp_path):
    write(
        tmp_path / "docs/_data/platforms.yml",
        """
        platforms:
          - id: x
            name: X
            caption_chars: "280"
            counting: weighted
            url_length: 23
            note: {id: a, en: b}
            source: s
            verified_on: 2026-11-29
          - id: t
            name: Threads
            caption_chars: 500
            counting: fuzzy
            note: {id: a, en: b}
            source: s
            verified_on: 2026-11-29
          - id: y
            name: YouTube
            caption_chars: 5000
            counting: plain
            note: {id: a, en: b}
            source: s
            verified_on: yesterday
        """,
    )
    with pytest.raises(PortalError) as exc:
        load_platforms(tmp_path / "docs")
    assert codes(exc) == [(4, "P002"), (13, "P002"), (23, "P002")]


def test_real_data_files_load():
    from conftest import REPO

    platforms = load_platforms(REPO / "docs")
    assert platforms["x"].counting == "weighted" and platforms["instagram"].max_hashtags == 5
    assert len(load_glossary(REPO / "docs")) >= 25


def test_unknown_directive_reports_its_line():
    with pytest.raises(PortalError) as exc:
        expand("intro\n\n<!-- portal:nope -->\n", "id", {"known": lambda lang: ""}, "docs/x.md", first_line=5)
    assert str(exc.value.findings[0]) == "docs/x.md:7: D001 unknown directive portal:nope (known: known)"


def test_directive_is_replaced_in_the_page_language():
    out = expand("a\n<!-- portal:hello -->\nb", "en", {"hello": lambda lang: f"hi-{lang}"}, "x.md", 1)
    assert out == "a\nhi-en\nb"


@pytest.mark.parametrize(
    "url, language, neutral",
    [("", "id", ""), ("en/", "en", ""), ("en/kurikulum/x/", "en", "kurikulum/x/"), ("kurikulum/", "id", "kurikulum/"), ("english/", "id", "english/")],
)
def test_url_language_mapping(url, language, neutral):
    assert language_of_url(url) == language
    assert neutral_path(url) == neutral
    assert localized_url(neutral, language) == url


def test_numbers_follow_each_languages_convention():
    assert integer(63206, "id") == "63.206" and integer(63206, "en") == "63,206"
    assert human_size(1_234_567, "id") == "1,2 MB" and human_size(1_234_567, "en") == "1.2 MB"
