"""The live site follows time: clocks, previews, the schedule, the reader's clock, the feeds, the workflow.

The gate itself (what is in force at a moment) is proven in test_narratives;
here: which "now" a build uses and what it says about it, the coming changes
(``portal schedule``, W001), ``build.json`` and the scheduled deploy's
decision, the narratives' window in the reader's browser, and the Atom and
JSON feeds read back with a real parser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
import yaml

from conftest import REPO, copy_project
from portal import cli, clock, livestate, mkdocs_run, timeline
from portal.localserver import serve
from portal.narratives.load import load_catalogue
from portal.narratives.model import IN_FORCE
from portal.narratives.pages import display_title
from portal.session import Session
from test_narratives import BEFORE_EMBARGO, DRAFT_MARKER, EMBARGO_MARKER, _build_once, files_containing, material_mounted

WIB, WITA, WIT = (dt.timezone(dt.timedelta(hours=h)) for h in (7, 8, 9))


# --- Which "now" ------------------------------------------------------------------------


def test_each_clock_names_its_source():
    assert clock.read({"PORTAL_NOW": "2027-01-01T00:00:00+08:00", "SOURCE_DATE_EPOCH": "1693267200"}) == (
        dt.datetime(2027, 1, 1, tzinfo=WITA), clock.PREVIEW)
    assert clock.read({"SOURCE_DATE_EPOCH": "1693267200"}) == (dt.datetime(2023, 8, 29, 7, tzinfo=WIB), clock.COMMIT)
    before = dt.datetime.now(clock.WIB).replace(microsecond=0)
    live = clock.read({"PORTAL_CLOCK": "live", "SOURCE_DATE_EPOCH": "1693267200"})
    assert live.source == clock.LIVE and before <= live.now <= dt.datetime.now(clock.WIB)  # the real time, not the commit's


@pytest.mark.parametrize("env, message", [
    ({"PORTAL_CLOCK": "live", "PORTAL_NOW": "2027-01-01T00:00:00+07:00"}, "cannot be a live build"),
    ({"PORTAL_CLOCK": "besok"}, "PORTAL_CLOCK: 'besok' is not one of commit, live"),
])
def test_contradictory_or_unknown_clocks_are_refused(env, message):
    with pytest.raises(clock.ClockError, match=message):
        clock.read(env)


def test_live_clock_is_the_callers_switch_only(tmp_path):
    shell = {"PORTAL_CLOCK": "live", "PATH": os.environ["PATH"]}
    assert "PORTAL_CLOCK" not in mkdocs_run.environment(tmp_path, base=shell)  # a test or release never inherits it
    assert mkdocs_run.environment(tmp_path, base={}, live_clock=True)["PORTAL_CLOCK"] == "live"


def test_a_preview_builds_into_its_own_folder(tmp_path):
    args = argparse.Namespace(root=tmp_path, site_dir=None)
    assert cli.site_folder(args, {"PORTAL_NOW": "2027-01-01T00:00:00+07:00"}) == tmp_path / "site-preview"
    assert cli.site_folder(args, {"PORTAL_CLOCK": "live"}) == tmp_path / "site"
    assert cli.site_folder(args, {}) == tmp_path / "site"
    with pytest.raises(clock.ClockError):
        cli.site_folder(args, {"PORTAL_NOW": "morgen"})


# --- The schedule ------------------------------------------------------------------------

NARRATIVE = """\
---
title: {title}
description: Jadwal uji.
id: {ident}
event: none
topics: [literasi-digital]
status: {status}
issuing_office: Tim uji
approver: Contoh pelatihan — bukan persetujuan resmi
approved_on: 2026-11-01T10:00:00+07:00
valid_from: {start}
valid_until: {end}
{extra}key_message: Pesan kunci.
facts:
  satu:
    text: Fakta.
    source: Sumber
captions:
  x: "Keterangan X"
---
"""
ENGLISH = """\
---
title: Schedule test
description: Schedule test.
issuing_office: Test team
approver: Training example — not an official approval
key_message: Key message.
facts:
  satu: Fact.
captions:
  x: "X caption"
---
"""
# (slug, status, valid_from, valid_until, extra lines): a window in each of Indonesia's three zones.
SCHEDULED = [
    ("jadwal-wib", "approved", "2026-12-02T08:00:00+07:00", "2026-12-05T23:59:59+07:00", ""),
    ("jadwal-wita", "approved", "2026-12-01T20:00:00+08:00", "2026-12-20T17:00:00+08:00", "embargo_until: 2026-12-03T09:00:00+08:00\n"),
    ("jadwal-wit", "retired", "2026-12-04T06:00:00+09:00", "2027-01-31T23:59:59+09:00", "retired_on: 2026-11-30T12:00:00+09:00\n"),
    ("jadwal-draf", "draft", "2026-12-02T00:00:00+07:00", "2026-12-03T00:00:00+07:00", ""),
]
FROM = "2026-12-01T12:00:00+07:00"


@pytest.fixture
def scheduled_project(tmp_path) -> Path:
    """The real project plus four narratives with windows in WIB, WITA and WIT."""
    root = copy_project(tmp_path / "p")
    folder = root / "docs/narasi/umum"
    for slug, status, start, end, extra in SCHEDULED:
        text = NARRATIVE.format(title=f"Uji {slug}", ident=f"umum-{slug}", status=status, start=start, end=end, extra=extra)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        (folder / f"{slug}.en.md").write_text(ENGLISH, encoding="utf-8")
    return root


def schedule(root: Path, capsys, *args: str) -> str:
    assert cli.main(["-C", str(root), "schedule", *args]) == 0
    return capsys.readouterr().out


def test_schedule_lists_the_coming_changes_in_each_zone(scheduled_project, capsys):
    changes = json.loads(schedule(scheduled_project, capsys, "--from", FROM, "--days", "7", "--format", "json"))["changes"]
    seen = [(c["moment"], c["local"], c["zone"], c["change"], c["id"]) for c in changes]
    assert seen == [
        ("2026-12-02T08:00:00+07:00", "2026-12-02T08:00:00+07:00", "WIB", "visible", "umum-jadwal-wib"),
        # The embargo (WITA) comes after valid_from: the narrative appears when it lifts.
        ("2026-12-03T08:00:00+07:00", "2026-12-03T09:00:00+08:00", "WITA", "visible", "umum-jadwal-wita"),
        # Retired before it was ever public: it appears straight in the archive.
        ("2026-12-04T04:00:00+07:00", "2026-12-04T06:00:00+09:00", "WIT", "archived", "umum-jadwal-wit"),
        ("2026-12-05T23:59:59+07:00", "2026-12-05T23:59:59+07:00", "WIB", "expires", "umum-jadwal-wib"),
    ]  # the draft has no date: approving it is a commit; the real content changes only in 2027
    assert changes[0]["title"] == {"id": "Uji jadwal-wib", "en": "Schedule test"}
    assert changes[0]["path"] == "docs/narasi/umum/jadwal-wib.md" and changes[0]["kind"] == "narrative"
    table = schedule(scheduled_project, capsys, "--from", FROM, "--days", "7").splitlines()
    assert table[0] == "Changes after 2026-12-01 12:00 WIB, over 7 day(s): 4"
    row = next(line for line in table if "umum-jadwal-wita" in line).split()
    assert row[:6] == ["2026-12-03", "08:00", "2026-12-03", "09:00", "WITA", "narrative"] and row[6:8] == ["visible", "umum-jadwal-wita"]
    # --days bounds the span; --from moves it.
    assert "over 1 day(s): 1" in schedule(scheduled_project, capsys, "--from", FROM, "--days", "1")
    later = schedule(scheduled_project, capsys, "--from", "2026-12-10T00:00:00+07:00", "--days", "30")
    assert "umum-jadwal-wita" in later and "expires" in later and "umum-jadwal-wib" not in later


def test_schedule_names_kits_whose_embargo_lifts(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    manifest = root / "docs/kit-media/_kits/ktt-43/kit.yml"
    text = manifest.read_text(encoding="utf-8")  # no embargo today: give it one, in WITA
    manifest.write_text(text.replace("training_example: true\n", "training_example: true\nembargo_until: 2026-12-03T09:00:00+08:00\n"), encoding="utf-8")
    changes = json.loads(schedule(root, capsys, "--from", FROM, "--days", "7", "--format", "json"))["changes"]
    assert [(c["kind"], c["change"], c["id"], c["zone"], c["path"]) for c in changes] == [
        ("kit", "visible", "ktt-43", "WITA", "docs/kit-media/_kits/ktt-43/kit.yml")]


def test_schedule_refuses_a_moment_without_zone(scheduled_project, capsys):
    assert cli.main(["-C", str(scheduled_project), "schedule", "--from", "2026-12-01T12:00:00"]) == 2
    assert "has no timezone" in capsys.readouterr().err


def test_a_narrative_expiring_within_seven_days_is_a_warning(scheduled_project):
    docs = scheduled_project / "docs"
    for now, expected in (("2026-12-03T00:00:00+07:00", ["umum-jadwal-wib"]), ("2026-11-28T00:00:00+07:00", [])):
        warnings = timeline.expiring_soon(Session(docs, clock.parse_aware(now), skip_pdf=True).narratives)
        assert [w.path for w in warnings] == [f"docs/narasi/umum/jadwal-{x.split('-')[-1]}.md" for x in expected]
    (warning,) = timeline.expiring_soon(Session(docs, clock.parse_aware("2026-12-03T00:00:00+07:00"), skip_pdf=True).narratives)
    record = (docs / "narasi/umum/jadwal-wib.md").read_text(encoding="utf-8").splitlines()
    assert warning.severity == "warning" and warning.code == "W001"
    assert record[warning.line - 1].startswith("valid_until:")  # it points at the line to change
    assert "in 2 day(s) 23 hour(s)" in warning.message


# --- build.json and the scheduled deploy ---------------------------------------------------


@pytest.mark.parametrize("live, now, expected", [
    (None, "2027-01-01T00:00:00+07:00", (False, "missing or unreadable")),
    ({"commit": "abc", "clock": "commit", "next_change": None}, "2027-01-01T00:00:00+07:00", (True, "'commit' clock")),
    ({"commit": "abc", "clock": "live", "next_change": "2027-12-31T23:59:59+07:00"}, "2027-12-31T23:59:58+07:00", (False, "nothing due before")),
    ({"commit": "abc", "clock": "live", "next_change": "2027-12-31T23:59:59+07:00"}, "2027-12-31T17:00:00+00:00", (True, "was due at")),
    ({"commit": "abc", "clock": "live", "next_change": None}, "2030-01-01T00:00:00+07:00", (False, "no change is scheduled")),
])
def test_the_schedule_rebuilds_only_when_a_change_is_due(live, now, expected):
    due, reason = livestate.due(live, clock.parse_aware(now))
    assert (due, expected[1] in reason) == (expected[0], True), reason


def test_the_due_check_needs_the_standard_library_only(tmp_path):
    state = tmp_path / "build.json"
    state.write_text(json.dumps({"commit": "c0ffee", "clock": "live", "next_change": "2027-12-31T23:59:59+07:00"}))
    env = {"PYTHONPATH": str(REPO / "scripts"), "PATH": os.environ["PATH"]}
    # -S: no site-packages, as on a bare runner before anything is installed.
    out = subprocess.run([sys.executable, "-S", "-m", "portal.livestate", "--state", str(state), "--now", "2028-01-01T00:00:00+07:00"],
                         env=env, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["due=true", "commit=c0ffee"], out.stderr


def test_the_workflow_follows_the_clock():
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare "on" as true
    assert {"cron": "*/15 * * * *"} in triggers["schedule"] and "workflow_dispatch" in triggers and "push" in triggers
    jobs = workflow["jobs"]
    assert jobs["test"]["if"] == "github.event_name != 'schedule'"  # the schedule never runs the suite
    due_step = next(s for s in jobs["due"]["steps"] if s.get("id") == "due")
    assert due_step["run"].startswith("make due LIVE_URL=") and ">> \"$GITHUB_OUTPUT\"" in due_step["run"]
    assert all("pip" not in s.get("run", "") and "setup-python" not in s.get("uses", "") for s in jobs["due"]["steps"])
    deploy = jobs["deploy"]
    assert "needs.due.outputs.due == 'true'" in deploy["if"] and "needs.test.result == 'success'" in deploy["if"]
    runs = [s.get("run", "") for s in deploy["steps"]]
    build = next(r for r in runs if "make build" in r)
    assert "CLOCK=live" in build and "PORTAL_NOW" not in str(deploy)  # the real time, never the commit's or a preview's
    checkout = next(s for s in deploy["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert "needs.due.outputs.commit" in checkout["with"]["ref"]  # the schedule republishes the live, tested commit


def test_make_build_passes_the_clock_through():
    make = subprocess.run(["make", "-n", "build", "CLOCK=live", "STAMP="], cwd=REPO, capture_output=True, text=True, check=True)
    assert "build --clock live" in make.stdout


def test_make_due_answers_from_the_live_build_json_with_no_venv(tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    (live / "build.json").write_text(json.dumps({"commit": "c0ffee", "clock": "live", "next_change": "2020-01-01T00:00:00+07:00"}))
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}  # a file:// URL: curl reads it, nothing leaves the machine
    out = subprocess.run(["make", "-s", "due", f"LIVE_URL=file://{live}"], cwd=REPO, env=env, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.splitlines() == ["due=true", "commit=c0ffee"], out.stdout + out.stderr
    missing = subprocess.run(["make", "-s", "due", f"LIVE_URL=file://{tmp_path}/nowhere"], cwd=REPO, env=env, capture_output=True, text=True)
    assert missing.stdout.splitlines() == ["due=false", "commit="], missing.stderr  # unknown state: nothing guessed


# --- Built sites: a preview, the feeds, the reader's clock ---------------------------------


@pytest.fixture(scope="module")
def gated_site(request) -> tuple[Path, str]:
    return _build_once(request, "narratives-before-embargo", BEFORE_EMBARGO)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.build
def test_every_page_of_a_preview_says_so_and_a_normal_build_does_not(gated_site, built_site):
    site, _ = gated_site
    banner = {"id": "Pratinjau: situs ini dibangun seolah-olah sekarang Minggu, 29 November 2026 pukul 12.00 WIB",
              "en": "Preview: this site was built as if it were Sunday, 29 November 2026, 12:00 WIB"}
    pages = html_files(site)
    assert len(pages) > 100 and {"404.html", "en/404.html"} <= {p.relative_to(site).as_posix() for p in pages}
    for page in pages:
        language = "en" if page.relative_to(site).parts[0] == "en" else "id"
        assert banner[language] in page.read_text(encoding="utf-8"), page
    assert json.loads((site / "build.json").read_text())["clock"] == clock.PREVIEW
    assert not [p for p in html_files(built_site) if "portal-preview" in p.read_text(encoding="utf-8")]
    state = json.loads((built_site / "build.json").read_text())
    assert state["clock"] == clock.COMMIT and state["now"] == "2023-08-29T07:00:00+07:00"
    assert state["next_change"] == "2023-08-29T12:00:00+07:00"  # the next narrative in the schedule (apresiasi-amplifikasi)


@pytest.mark.build
@pytest.mark.parametrize("language", ["id", "en"])
def test_feeds_list_exactly_what_is_published_in_their_language(gated_site, language):
    site, _ = gated_site
    root, prefix = (site, "") if language == "id" else (site / "en", "en/")
    base = "https://portal-bimtek.example/"
    # At the pinned now the fixtures' draft and embargoed narratives are hidden: the real ones are what is in force.
    in_force = sorted(load_catalogue(REPO / "docs", clock.parse_aware(BEFORE_EMBARGO)).with_state(IN_FORCE),
                      key=lambda n: (n.approved_on or n.valid_from, n.id), reverse=True)
    atom = feedparser.parse((root / "narasi/atom.xml").read_bytes())
    assert not atom.bozo, atom.bozo_exception
    assert atom.feed.language == language
    assert [e.link for e in atom.entries] == [f"{base}{prefix}narasi/{n.folder}/{n.slug}/" for n in in_force]
    label = {"id": "Contoh pelatihan, bukan narasi resmi: ", "en": "Training example, not an official narrative: "}[language]
    for entry, n in zip(atom.entries, in_force):
        assert entry.title == display_title(n, language)
        assert entry.summary.startswith(label)
        assert [t.term for t in entry.tags] == [tag.lstrip("#") for tag in n.hashtags]
        assert n.valid_until.astimezone(clock.WIB).strftime("%Y") in entry.content[0].value
    # Every page the feed links exists in its language, and every narrative page in force is in the feed.
    for entry in atom.entries:
        assert (site / entry.link.removeprefix(base) / "index.html").is_file()
    listed = (root / "narasi/index.html").read_text(encoding="utf-8")
    assert all(f'href="{n.folder}/{n.slug}/"' in listed for n in in_force)
    json_feed = json.loads((root / "narasi/feed.json").read_text(encoding="utf-8"))
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1" and json_feed["language"] == language
    assert [i["url"] for i in json_feed["items"]] == [e.link for e in atom.entries]
    for item, n in zip(json_feed["items"], in_force):
        assert item["_portal"]["example"] is True and item["_portal"]["valid_until"] == n.valid_until.isoformat()
        assert all(text.startswith({"id": "[Contoh pelatihan]\n", "en": "[Training example]\n"}[language])
                   for text in item["_portal"]["captions"].values())
    kits = feedparser.parse((root / "kit-media/atom.xml").read_bytes())
    assert not kits.bozo and len(kits.entries) == 2  # both kits are past their embargo at the pinned now
    assert [e.link for e in kits.entries] == [f"{base}{prefix}kit-media/ktt-43/", f"{base}{prefix}kit-media/ktt-42/"]
    # Every page advertises its language's feeds.
    page = (root / "kurikulum/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="../narasi/atom.xml"' in page
    assert '<link rel="alternate" type="application/feed+json" href="../kit-media/feed.json"' in page


@pytest.mark.build
def test_no_feed_carries_a_draft_or_an_embargoed_narrative(gated_site):
    site, _ = gated_site
    feeds = ["narasi/atom.xml", "narasi/feed.json", "en/narasi/atom.xml", "en/narasi/feed.json"]
    for marker in (DRAFT_MARKER, EMBARGO_MARKER):
        assert not [f for f in files_containing(site, marker) if f in feeds]
    # The same search finds what is published: the feeds are part of what the leak test reads.
    assert set(feeds) <= set(files_containing(site, "umum/narasi-tunggal/"))


@pytest.mark.build
def test_two_builds_write_the_same_feeds(gated_site, tmp_path):
    from test_narratives import _build

    again, _ = _build(tmp_path / "again", BEFORE_EMBARGO)
    site, _ = gated_site
    for rel in ("narasi/atom.xml", "narasi/feed.json", "en/kit-media/atom.xml", "build.json"):
        assert (Path(again) / rel).read_bytes() == (site / rel).read_bytes(), rel


IN_FORCE_PAGE = "narasi/umum/narasi-tunggal/"
VALID_UNTIL = dt.datetime(2027, 12, 31, 23, 59, 59, tzinfo=WIB)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_readers_clock_ends_a_narrative_on_time(gated_site, browser, language):
    site, _ = gated_site
    server, base = serve(site)
    prefix = "" if language == "id" else "en/"
    note = {"id": "Menurut jam perangkat Anda", "en": "By your device's clock"}[language]
    try:
        for moment, in_force in ((VALID_UNTIL - dt.timedelta(hours=1), True), (VALID_UNTIL + dt.timedelta(days=1), False)):
            context = browser.new_context()
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
            page = context.new_page()
            page.clock.set_fixed_time(moment)
            page.goto(base + prefix + IN_FORCE_PAGE)
            material_mounted(page)
            buttons = page.locator('.portal-caption button[data-md-type="copy"]')
            assert buttons.count() == 4
            assert all(buttons.nth(i).is_visible() for i in range(4)) is in_force
            assert page.locator(".portal-expired-note").is_visible() is not in_force
            if not in_force:
                assert note in page.locator(".portal-expired-note").inner_text()
                assert page.locator(".portal-approval dd").first.inner_text() != {"id": "Berlaku", "en": "In force"}[language]
            # The index drops it (and every other narrative of that window) from the "in force" list.
            page.goto(base + prefix + "narasi/")
            link = page.locator('a[href="umum/narasi-tunggal/"]').first
            assert link.is_visible() is in_force
            count = page.locator("[data-portal-in-force-count]").inner_text()
            assert (count == "7") is in_force and (count == "0") is not in_force  # all seven end on the same day
            context.close()
    finally:
        server.shutdown()


@pytest.mark.build
def test_without_javascript_a_page_shows_its_window(gated_site):
    html = (gated_site[0] / IN_FORCE_PAGE / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-01-01T00:00:00+07:00">1 Januari 2026 pukul 00.00 WIB</time>' in html
    assert '<time datetime="2027-12-31T23:59:59+07:00">31 Desember 2027 pukul 23.59 WIB</time>' in html
    assert 'class="portal-expired-note" role="status" hidden' in html  # shown only by the reader's clock
