"""Approved narratives: the record's checks, X's count, and the publishing gate.

The gate is proven on real builds of a project copy that also holds a draft
and an embargoed narrative (``tests/fixtures/narratives/``), each carrying a
unique marker: after the build no file of the site, compressed or not,
contains either marker; once "now" passes the embargo, that one appears.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
from pathlib import Path

import pytest

from caption_cases import X_CASES
from conftest import REPO, copy_project, once_per_run, run_build, site_texts
from portal import captions, clock
from portal.captions import hashtags, is_camel_case, measure, non_https_urls, weighted_length
from portal.findings import PortalError
from portal.localserver import serve
from portal.narratives.load import load_catalogue, load_narratives, load_taxonomy
from portal.narratives.model import ARCHIVED, HIDDEN, IN_FORCE
from portal.narratives.pages import archive_markdown, display_title, index_markdown, page_markdown
from portal.platforms import load_platforms
from portal.session import Session

FIXTURES = Path(__file__).parent / "fixtures" / "narratives"
DRAFT_MARKER = "zq-draft-marker-4711"
EMBARGO_MARKER = "zq-embargo-marker-0815"
BEFORE_EMBARGO = "2026-11-29T12:00:00+07:00"
EMBARGO_ENDS = "2026-12-01T09:00:00+07:00"  # the fixture's embargo_until: published from this instant

RECORD = """\
---
title: Contoh uji
description: Narasi untuk uji.
id: contoh-uji
event: none
topics: [literasi-digital]
status: approved
issuing_office: Tim uji
approver: Contoh pelatihan — bukan persetujuan resmi
approved_on: 2025-12-15T10:00:00+07:00
valid_from: 2026-01-01T00:00:00+07:00
valid_until: 2027-12-31T23:59:59+07:00
hashtags: ["#ContohNarasi", "#LiterasiDigital"]
key_message: Pesan kunci.
facts:
  satu:
    text: Fakta pertama.
    source: Sumber pertama
captions:
  x: "Keterangan X #ContohNarasi"
  threads: "Keterangan Threads #ContohNarasi"
---
"""
ENGLISH = """\
---
title: Test example
description: A narrative for tests.
issuing_office: Test team
approver: Training example — not an official approval
key_message: Key message.
facts:
  satu: First fact.
captions:
  x: "X caption #ContohNarasi"
  threads: "Threads caption #ContohNarasi"
---
"""


@functools.cache
def taxonomy_and_platforms():
    return load_taxonomy(REPO / "docs"), load_platforms(REPO / "docs")


def write_pair(docs: Path, record: str | None = RECORD, english: str | None = ENGLISH, folder="umum", slug="contoh"):
    """One narrative in a tiny ``docs/`` that holds the real taxonomy and platform limits."""
    for data in ("narasi/_data/taxonomy.yml", "_data/platforms.yml"):
        if not (docs / data).exists():
            (docs / data).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / "docs" / data, docs / data)
    target = docs / "narasi" / folder
    target.mkdir(parents=True, exist_ok=True)
    if record is not None:
        (target / f"{slug}.md").write_text(record, encoding="utf-8")
    if english is not None:
        (target / f"{slug}.en.md").write_text(english, encoding="utf-8")


def load(docs: Path):
    return load_narratives(docs, *taxonomy_and_platforms())


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def seen(findings) -> set[tuple[str, int, str, str]]:
    return {(f.path.rsplit("/", 1)[-1], f.line, f.code, f.severity) for f in findings}


# --- The record -----------------------------------------------------------------


def test_a_valid_record_loads_without_findings(tmp_path):
    write_pair(tmp_path / "docs")
    (narrative,), findings = load(tmp_path / "docs")
    assert findings == []
    assert narrative.id == "contoh-uji" and narrative.paths == {"id": "narasi/umum/contoh.md", "en": "narasi/umum/contoh.en.md"}
    assert narrative.words["en"].approver == "Training example — not an official approval"
    assert [c.platform.id for c in narrative.captions] == ["x", "threads"]


def test_a_training_example_is_labelled_in_its_copied_captions_and_title(tmp_path):
    write_pair(tmp_path / "docs")
    (narrative,), _ = load(tmp_path / "docs")
    assert narrative.example is True
    for caption in narrative.captions:
        assert caption.text["id"].startswith("[Contoh pelatihan]\n") and caption.text["en"].startswith("[Training example]\n")
        # The label counts against the limit: it is part of what the reader copies.
        assert caption.measure["id"].length == len(caption.text["id"])
    assert display_title(narrative, "id") == "Contoh uji (contoh pelatihan)"
    assert display_title(narrative, "en") == "Test example (training example)"


def test_a_real_narrative_names_its_approval_and_carries_no_example_label(tmp_path):
    record = edit(RECORD, "approver: Contoh pelatihan — bukan persetujuan resmi", "example: false\napprover: Kepala Biro Humas\napproval_ref: ND-12/HM.01/2026")
    write_pair(tmp_path / "docs", record, edit(ENGLISH, "approver: Training example — not an official approval", "approver: Head of Public Relations"))
    (narrative,), findings = load(tmp_path / "docs")
    assert findings == [] and narrative.example is False and narrative.approval_ref == "ND-12/HM.01/2026"
    assert narrative.captions[0].text["id"] == "Keterangan X #ContohNarasi"
    assert display_title(narrative, "id") == "Contoh uji"
    page = page_markdown(load_catalogue(tmp_path / "docs", clock.parse_aware(BEFORE_EMBARGO)), narrative, "id")
    assert "portal-training" not in page and "contoh pelatihan" not in page.casefold().split("\n", 1)[0]


# (case, edit of the Indonesian file, edit of the English file, file, line needle, code)
BAD_INPUT = [
    ("unknown status", ("status: approved", "status: published"), None, "contoh.md", "status:", "N001"),
    ("missing approver", ("approver: Contoh pelatihan — bukan persetujuan resmi\n", ""), None, "contoh.md", "title:", "N005"),
    ("missing approval date", ("approved_on: 2025-12-15T10:00:00+07:00\n", ""), None, "contoh.md", "title:", "N005"),
    ("naive datetime", ("valid_from: 2026-01-01T00:00:00+07:00", "valid_from: 2026-01-01T00:00:00"), None, "contoh.md", "valid_from:", "N004"),
    ("date without time or zone", ("valid_from: 2026-01-01T00:00:00+07:00", "valid_from: 2026-01-01"), None, "contoh.md", "valid_from:", "N004"),
    ("unparseable datetime", ("valid_until: 2027-12-31T23:59:59+07:00", "valid_until: akhir 2027"), None, "contoh.md", "valid_until:", "N004"),
    ("valid_until before valid_from", ("valid_until: 2027-12-31T23:59:59+07:00", "valid_until: 2025-12-31T23:59:59+07:00"), None, "contoh.md", "valid_until:", "N003"),
    ("unknown event", ("event: none", "event: ktt-44"), None, "contoh.md", "event:", "N006"),
    ("event of another folder", ("event: none", "event: ktt-43"), None, "contoh.md", "event:", "N006"),
    ("unknown topic", ("topics: [literasi-digital]", "topics: [astrologi]"), None, "contoh.md", "topics:", "N007"),
    ("unknown platform", ('  threads: "Keterangan Threads #ContohNarasi"', '  mastodon: "Keterangan #ContohNarasi"'), None, "contoh.md", "mastodon:", "N008"),
    ("X caption over its limit", ('  x: "Keterangan X #ContohNarasi"', '  x: "' + "日" * 141 + '"'), None, "contoh.md", "  x:", "N011"),
    ("two hashtags on Threads", ('  threads: "Keterangan Threads #ContohNarasi"', '  threads: "Keterangan #ContohNarasi #LiterasiDigital"'), None, "contoh.md", "threads:", "N012"),
    ("http link in a caption", ('  x: "Keterangan X #ContohNarasi"', '  x: "Baca http://contoh.go.id/berita #ContohNarasi"'), None, "contoh.md", "  x:", "N013"),
    ("bare domain in a caption", ('  x: "Keterangan X #ContohNarasi"', '  x: "Baca www.komdigi.go.id #ContohNarasi"'), None, "contoh.md", "  x:", "N013"),
    ("http source of a fact", ("    source: Sumber pertama\n", "    source: Sumber pertama\n    url: http://contoh.go.id/fakta\n"), None, "contoh.md", "url:", "N013"),
    ("missing caption translation", None, ('  threads: "Threads caption #ContohNarasi"\n', ""), "contoh.en.md", "captions:", "N014"),
    ("missing English key message", None, ("key_message: Key message.\n", ""), "contoh.en.md", "title:", "N014"),
    ("missing English fact", None, ("  satu: First fact.\n", "  dua: Second fact.\n"), "contoh.en.md", "dua:", "N017"),
    ("English fact written the Indonesian way", None, ("  satu: First fact.\n", "  satu:\n    text: First fact.\n    source: Source one\n"), "contoh.en.md", "satu:", "N014"),
    ("gap left in an approved narrative", ("key_message: Pesan kunci.", 'key_message: "[[Pesan kunci]]"'), None, "contoh.md", "key_message:", "N023"),
    ("gap left in the English words", None, ("title: Test example", 'title: "Test [[example]]"'), "contoh.en.md", "title:", "N023"),
    ("hashtag not in CamelCase", ('hashtags: ["#ContohNarasi", "#LiterasiDigital"]', 'hashtags: ["#ContohNarasi", "#literasidigital"]'), None, "contoh.md", "hashtags:", "N015"),
    ("caption hashtag not declared", ('  x: "Keterangan X #ContohNarasi"', '  x: "Keterangan X #TagarLain"'), None, "contoh.md", "  x:", "N016"),
    ("language-neutral field in English", None, ("key_message:", "status: approved\nkey_message:"), "contoh.en.md", "status:", "N018"),
    ("misspelt field", ("valid_until:", "valid_untill: 2027-12-31T23:59:59+07:00\nvalid_until:"), None, "contoh.md", "valid_untill:", "N019"),
    ("source dated after approval", ("    source: Sumber pertama\n", "    source: Sumber pertama\n    date: 2025-12-16\n"), None, "contoh.md", "date:", "N025"),
    ("embargo after validity", ("valid_until:", "embargo_until: 2028-01-01T00:00:00+07:00\nvalid_until:"), None, "contoh.md", "embargo_until:", "N021"),
    ("retired without retired_on", ("status: approved", "status: retired"), None, "contoh.md", "title:", "N002"),
    ("missing id", ("id: contoh-uji\n", ""), None, "contoh.md", "title:", "N002"),
    ("topics not a list", ("topics: [literasi-digital]", "topics: literasi-digital"), None, "contoh.md", "topics:", "N020"),
    ("real narrative with a training approver", ("status: approved", "status: approved\nexample: false\napproval_ref: ND-1/2026"), None, "contoh.md", "example:", "N024"),
    ("real narrative without approval reference", ("approver: Contoh pelatihan — bukan persetujuan resmi", "example: false\napprover: Kepala Biro Humas"), None, "contoh.md", "example:", "N024"),
    ("example not a yes/no", ("status: approved", "status: approved\nexample: barangkali"), None, "contoh.md", "example:", "N020"),
]


@pytest.mark.parametrize("case, record_edit, english_edit, path, needle, code", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_an_error_naming_file_and_line(tmp_path, case, record_edit, english_edit, path, needle, code):
    record = edit(RECORD, *record_edit) if record_edit else RECORD
    english = edit(ENGLISH, *english_edit) if english_edit else ENGLISH
    write_pair(tmp_path / "docs", record, english)
    narratives, findings = load(tmp_path / "docs")
    line = line_of(record if path == "contoh.md" else english, needle)
    assert (path, line, code, "error") in seen(findings), [str(f) for f in findings]
    assert narratives == []
    with pytest.raises(PortalError) as exc:
        load_catalogue(tmp_path / "docs", clock.parse_aware(BEFORE_EMBARGO))
    assert f"docs/narasi/umum/{path}:{line}: {code} " in str(exc.value)


def test_a_source_of_the_approval_day_is_not_after_it(tmp_path):
    """N025 compares days: a report published on the day of approval may support it."""
    write_pair(tmp_path / "docs", edit(RECORD, "    source: Sumber pertama\n", "    source: Sumber pertama\n    date: 2025-12-15\n"))
    (narrative,), findings = load(tmp_path / "docs")
    assert findings == [] and narrative.facts[0].date.isoformat() == "2025-12-15"


def test_broken_front_matter_names_the_file(tmp_path):
    write_pair(tmp_path / "docs", english=edit(ENGLISH, "key_message: Key message.", "key_message: [Key message."))
    narratives, findings = load(tmp_path / "docs")
    assert [(f.path, f.code) for f in findings] == [("docs/narasi/umum/contoh.en.md", "N000")] and narratives == []
    assert findings[0].line >= line_of(ENGLISH, "key_message:")


def test_duplicate_id_names_the_second_file(tmp_path):
    write_pair(tmp_path / "docs", slug="contoh")
    write_pair(tmp_path / "docs", slug="contoh2")
    narratives, findings = load(tmp_path / "docs")
    assert [str(f) for f in findings] == [
        f"docs/narasi/umum/contoh2.md:{line_of(RECORD, 'id:')}: N009 duplicate id 'contoh-uji': already used by docs/narasi/umum/contoh.md"
    ]
    assert len(narratives) == 1


@pytest.mark.parametrize("missing, path", [("en", "contoh.md"), ("id", "contoh.en.md")])
def test_language_file_without_counterpart(tmp_path, missing, path):
    write_pair(tmp_path / "docs", None if missing == "id" else RECORD, None if missing == "en" else ENGLISH)
    narratives, findings = load(tmp_path / "docs")
    assert seen(findings) == {(path, 1, "N010", "error")} and narratives == []


@pytest.mark.parametrize(
    "record_edit, english_edit, code",
    [
        (('  x: "Keterangan X #ContohNarasi"', '  x: "' + "日" * 141 + '"'), None, "N011"),
        (None, ('  threads: "Threads caption #ContohNarasi"\n', ""), "N014"),
        (('  threads: "Keterangan Threads #ContohNarasi"', '  threads: "Keterangan #ContohNarasi #LiterasiDigital"'), None, "N012"),
        (("key_message: Pesan kunci.", 'key_message: "[[Pesan kunci]]"'), None, "N023"),
    ],
)
@pytest.mark.parametrize("status", ["draft", "review"])
def test_caption_faults_of_a_draft_are_warnings(tmp_path, record_edit, english_edit, code, status):
    record = edit(RECORD, "status: approved", f"status: {status}")
    record = edit(record, *record_edit) if record_edit else record
    english = edit(ENGLISH, *english_edit) if english_edit else ENGLISH
    write_pair(tmp_path / "docs", record, english)
    catalogue = load_catalogue(tmp_path / "docs", clock.parse_aware(BEFORE_EMBARGO))  # does not raise
    assert [(f.code, f.severity) for f in catalogue.warnings] == [(code, "warning")]
    assert catalogue.narratives[0].state(catalogue.now) == HIDDEN


def test_every_fault_is_reported_at_once(tmp_path):
    record = edit(edit(RECORD, "status: approved", "status: published"), "event: none", "event: ktt-44")
    write_pair(tmp_path / "docs", record)
    _, findings = load(tmp_path / "docs")
    assert {f.code for f in findings} == {"N001", "N006"}


# --- The gate -------------------------------------------------------------------


def _narrative(tmp_path, record):
    write_pair(tmp_path / "docs", record)
    (narrative,), findings = load(tmp_path / "docs")
    assert findings == []
    return narrative


@pytest.mark.parametrize(
    "status, extra, now, state",
    [
        ("approved", "", "2025-12-31T23:59:59+07:00", HIDDEN),  # not yet valid
        ("approved", "", "2026-01-01T00:00:00+07:00", IN_FORCE),  # valid_from is inclusive
        ("approved", "", "2027-12-31T23:59:59+07:00", IN_FORCE),  # so is valid_until
        ("approved", "", "2028-01-01T00:00:00+07:00", ARCHIVED),  # expired
        ("approved", "embargo_until: 2026-03-01T09:00:00+07:00\n", "2026-03-01T08:59:59+07:00", HIDDEN),
        ("approved", "embargo_until: 2026-03-01T09:00:00+07:00\n", "2026-03-01T02:00:00Z", IN_FORCE),  # 09:00 WIB
        ("draft", "", "2026-06-01T00:00:00+07:00", HIDDEN),
        ("review", "", "2026-06-01T00:00:00+07:00", HIDDEN),
        ("retired", "retired_on: 2026-05-01T00:00:00+07:00\n", "2026-06-01T00:00:00+07:00", ARCHIVED),
        ("retired", "retired_on: 2026-05-01T00:00:00+07:00\n", "2025-06-01T00:00:00+07:00", HIDDEN),  # never public
    ],
)
def test_publishing_state(tmp_path, status, extra, now, state):
    record = edit(RECORD, "status: approved\n", f"status: {status}\n{extra}")
    assert _narrative(tmp_path, record).state(clock.parse_aware(now)) == state


def test_index_lists_only_narratives_in_force_and_archive_only_the_others(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs" / "narasi", docs / "narasi")
    shutil.copytree(REPO / "docs" / "_data", docs / "_data")
    for name in (f"{DRAFT_MARKER}.md", f"{DRAFT_MARKER}.en.md", f"{EMBARGO_MARKER}.md", f"{EMBARGO_MARKER}.en.md"):
        shutil.copy2(FIXTURES / name, docs / "narasi" / "umum" / name)
    catalogue = load_catalogue(docs, clock.parse_aware(BEFORE_EMBARGO))
    for language in ("id", "en"):
        index, archive = index_markdown(catalogue, language), archive_markdown(catalogue, language)
        assert "umum/narasi-tunggal.md" in index and "umum/narasi-tunggal.md" not in archive
        assert "umum/narasi-tunggal-kominfo.md" in archive and "umum/narasi-tunggal-kominfo.md" not in index
        assert "ktt-43/jakarta-tuan-rumah.md" in archive and "ktt-43/jakarta-tuan-rumah.md" not in index
        for marker in (DRAFT_MARKER, EMBARGO_MARKER):
            assert marker not in index and marker not in archive
    assert "Saat ini ada <span data-portal-in-force-count>7</span> narasi yang berlaku." in index_markdown(catalogue, "id")
    assert {n.id for n in catalogue.with_state(HIDDEN)} == {DRAFT_MARKER, EMBARGO_MARKER}


def test_published_content_counts_and_states_at_the_commit_time():
    """The repository's own narratives: the statuses the issue asks for exist."""
    catalogue = load_catalogue(REPO / "docs", clock.parse_aware("2026-11-29T22:30:00+07:00"))
    assert len(catalogue.narratives) >= 12 and catalogue.warnings == ()
    statuses = [n.status for n in catalogue.narratives]
    assert statuses.count("retired") >= 1
    assert any(n.status == "approved" and n.state(catalogue.now) == ARCHIVED for n in catalogue.narratives)  # expired
    assert len(catalogue.with_state(IN_FORCE)) >= 5
    assert {n.event for n in catalogue.narratives} == {"ktt-42", "ktt-43", "none"}
    for n in catalogue.narratives:
        assert "Contoh pelatihan" in n.words["id"].approver and "Training example" in n.words["en"].approver, n.id


# --- The clock ------------------------------------------------------------------


def test_now_prefers_portal_now_then_the_commit_time():
    assert clock.now({"PORTAL_NOW": "2026-12-01T09:00:00+07:00", "SOURCE_DATE_EPOCH": "0"}) == dt.datetime(2026, 12, 1, 2, tzinfo=dt.timezone.utc)
    commit = clock.now({"SOURCE_DATE_EPOCH": "1693267200"})
    assert commit.utcoffset() == dt.timedelta(hours=7) and commit.isoformat() == "2023-08-29T07:00:00+07:00"
    assert clock.now({}).tzinfo is not None


def test_naive_portal_now_is_refused():
    with pytest.raises(clock.ClockError, match="PORTAL_NOW: '2026-12-01T09:00:00' has no timezone"):
        clock.now({"PORTAL_NOW": "2026-12-01T09:00:00"})


def test_a_session_keeps_one_now_for_the_whole_build(monkeypatch):
    """Read once when the build starts: a clock that moves mid-build never splits the site."""
    monkeypatch.setenv("PORTAL_NOW", EMBARGO_ENDS)
    session = Session(REPO / "docs")
    monkeypatch.setenv("PORTAL_NOW", BEFORE_EMBARGO)
    assert session.now == clock.parse_aware(EMBARGO_ENDS)
    assert session.narratives.now == session.now and session.presskits.now == session.now
    assert clock.now() == clock.parse_aware(BEFORE_EMBARGO)


# --- Counting as the platforms count --------------------------------------------


@pytest.mark.parametrize("text, expected", X_CASES)
def test_x_weighted_count(text, expected):
    assert weighted_length(text, 23) == expected


def test_x_limit_comes_from_the_platforms_file():
    x = taxonomy_and_platforms()[1]["x"]
    assert measure("日" * 140, x).problems == ()
    ((code, message),) = measure("日" * 141, x).problems
    assert code == "N011" and "282 weighted characters, over the limit of 280" in message


def test_plain_platforms_count_code_points_after_nfc():
    threads = taxonomy_and_platforms()[1]["threads"]
    assert measure("e\u0301👍🏽", threads).length == 3


def test_hashtags_are_found_outside_links_and_checked_for_camel_case():
    assert hashtags("Lihat https://x.com/a#atas #TagarSatu, #tagar_dua dan C#7 &#39; #2023") == ["#TagarSatu", "#tagar_dua"]
    assert [is_camel_case(t) for t in ("#LiterasiDigital", "#KttAsean43", "#literasidigital", "#Literasi_Digital")] == [True, True, False, False]
    assert non_https_urls("https://a.go.id ok, http://b.go.id no, ftp://c.go.id no") == ["http://b.go.id", "ftp://c.go.id"]
    assert captions.X_CONFIG["ranges"][0] == {"start": 0, "end": 4351, "weight": 100}


# --- Real builds ----------------------------------------------------------------


def _project_with_fixtures(root: Path) -> Path:
    project = copy_project(root)
    for path in FIXTURES.glob("zq-*.md"):
        shutil.copy2(path, project / "docs" / "narasi" / "umum" / path.name)
    return project


def _build(tmp_root: Path, now: str) -> tuple[Path, str]:
    project = _project_with_fixtures(tmp_root / "project")
    site = tmp_root / "site"
    result = run_build(project, site, env={"PORTAL_NOW": now})
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout + result.stderr


def _build_once(request, name: str, now: str) -> tuple[Path, str]:
    """``_build`` once per run, shared by all pytest-xdist workers (conftest.once_per_run)."""
    site, log = once_per_run(request, name, lambda folder: [str(x) for x in _build(folder, now)])
    return Path(site), log


@pytest.fixture(scope="module")
def gated_site(request) -> tuple[Path, str]:
    return _build_once(request, "narratives-before-embargo", BEFORE_EMBARGO)


@pytest.fixture(scope="module")
def embargo_passed_site(request) -> tuple[Path, str]:
    return _build_once(request, "narratives-embargo-passed", EMBARGO_ENDS)


def files_containing(site: Path, marker: str) -> list[str]:
    return [rel for rel, text in site_texts(site) if marker in text or marker in rel]


@pytest.mark.build
def test_no_file_under_the_site_holds_a_draft_or_embargoed_narrative(gated_site):
    site, log = gated_site
    assert files_containing(site, DRAFT_MARKER) == []
    assert files_containing(site, EMBARGO_MARKER) == []
    # The search above can fail: the same grep finds the narratives that are published.
    assert "search/search_index.json" in files_containing(site, "satu pemerintah, satu narasi")
    assert "sitemap.xml.gz" in files_containing(site, "narasi/umum/narasi-tunggal/")
    assert not [p for p in site.rglob("*") if p.suffix in (".md", ".yml")]  # no source was copied
    # The draft's Threads caption has two hashtags: reported as a warning, the strict build passed.
    assert re.search(rf"{DRAFT_MARKER}\.md:\d+: N012 .*\[warning", log), log
    assert f"narratives at {BEFORE_EMBARGO}: 7 in force, 10 archived, 2 not published" in log


@pytest.mark.build
def test_embargoed_narrative_appears_once_now_passes_its_embargo(embargo_passed_site):
    site, log = embargo_passed_site
    assert f"narratives at {EMBARGO_ENDS}: 8 in force, 10 archived, 1 not published" in log
    slug = f"narasi/umum/{EMBARGO_MARKER}/"
    for language_root, index in ((site, "search/search_index.json"), (site / "en", "en/search/search_index.json")):
        assert (language_root / slug / "index.html").exists()
        assert slug in {d["location"].split("#")[0] for d in json.loads((site / index).read_text())["docs"]}
        assert f'href="umum/{EMBARGO_MARKER}/"' in (language_root / "narasi/index.html").read_text()
    assert f"/{slug}" in (site / "sitemap.xml").read_text()
    assert files_containing(site, DRAFT_MARKER) == []  # the draft stays out


ARCHIVED_PAGES = ["narasi/umum/narasi-tunggal-kominfo", "narasi/ktt-43/jakarta-tuan-rumah"]  # retired, expired
IN_FORCE_PAGE = "narasi/umum/narasi-tunggal"


def _article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article"): html.index("</article>")]


@pytest.mark.build
@pytest.mark.parametrize("language", ["id", "en"])
def test_archive_pages_carry_a_banner_and_no_copy_button(gated_site, language):
    site, _ = gated_site
    root = site if language == "id" else site / "en"
    index = (root / "narasi/index.html").read_text(encoding="utf-8")
    archive = (root / "narasi/arsip/index.html").read_text(encoding="utf-8")
    banner = {"id": "Tidak berlaku lagi", "en": "No longer in force"}[language]
    for page in ARCHIVED_PAGES:
        article = _article(root / page / "index.html")
        assert f'<div class="admonition danger portal-archived">\n<p class="admonition-title">{banner}</p>' in article
        assert "portal-caption--archived" in article
        assert "<pre" not in article and "<code" not in article  # nothing Material could put a copy button on
        slug = page.split("/", 1)[1]
        assert f'href="../{slug}/"' in archive and f'href="{slug}/"' not in index
    article = _article(root / IN_FORCE_PAGE / "index.html")
    assert "portal-archived" not in article and '<div class="portal-caption highlight"><pre>' in article
    slug = IN_FORCE_PAGE.split("/", 1)[1]
    assert f'href="{slug}/"' in index and f'href="../{slug}/"' not in archive
    label, until = {"id": ("Contoh pelatihan", "31 Desember 2027"), "en": ("Training example", "31 December 2027")}[language]
    assert f"<strong>{label}.</strong>" in article and f"<dd>{until}</dd>" in article


@pytest.mark.build
def test_invalid_narrative_stops_the_build_and_publishes_nothing(project_copy, tmp_path):
    page = project_copy / "docs/narasi/umum/narasi-tunggal.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(edit(text, "valid_from: 2026-01-01T00:00:00+07:00", "valid_from: 2026-01-01T00:00:00"), encoding="utf-8")
    line = line_of(page.read_text(encoding="utf-8"), "valid_from:")
    result = run_build(project_copy, tmp_path / "site", env={"PORTAL_NOW": BEFORE_EMBARGO})
    assert result.returncode != 0
    assert f"docs/narasi/umum/narasi-tunggal.md:{line}: N004 valid_from: '2026-01-01T00:00:00' has no timezone" in result.stderr
    assert not list((tmp_path / "site").rglob("*.html"))  # nothing partial


def material_mounted(page) -> None:
    """Wait until Material has mounted its components on this document (copy buttons among them).

    Material mounts them, synchronously, when its ``document$`` hands it the document;
    a subscriber added now is handed the same document after Material's own.
    """
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("() => new Promise(done => window.document$.subscribe(() => done()))")


@pytest.mark.browser
def test_copy_buttons_copy_the_exact_captions(gated_site, browser):
    site, _ = gated_site
    server, base = serve(site)
    narrative = next(c for c in load_catalogue(REPO / "docs", clock.parse_aware(BEFORE_EMBARGO)).narratives if c.id == "umum-narasi-tunggal")
    try:
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page = context.new_page()
        for prefix, language in (("", "id"), ("en/", "en")):
            page.goto(base + prefix + IN_FORCE_PAGE + "/")
            material_mounted(page)  # and no further wait: the buttons are there by then
            buttons = page.locator('.portal-caption button[data-md-type="copy"]')
            assert buttons.count() == len(narrative.captions) == 5  # X, Instagram, Threads, Facebook, LinkedIn
            for index, caption in enumerate(narrative.captions):
                buttons.nth(index).click()
                copied = page.evaluate("navigator.clipboard.readText()")
                assert copied == caption.text[language]
                assert copied.startswith({"id": "[Contoh pelatihan]\n", "en": "[Training example]\n"}[language])
        page.goto(base + ARCHIVED_PAGES[0] + "/")
        page.locator(".portal-archived").wait_for()
        material_mounted(page)  # the moment copy buttons would have been added
        assert page.locator('article button[data-md-type="copy"]').count() == 0
        context.close()
    finally:
        server.shutdown()
