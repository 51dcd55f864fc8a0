"""The landing page: built from the catalogues, never typed by hand.

It lists exactly the narratives in force at the build's "now", newest first,
in both languages (the real site is built at a pinned commit time, 29 August
2023; the blocks are also checked at other moments without a build); the
newest kit; the event under way or next, else the latest; the three ways in.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from conftest import COMMIT_EPOCH, REPO
from portal import clock, landing
from portal.events.load import load_calendar
from portal.events.model import Calendar, Event
from portal.findings import PortalError
from portal.narratives.model import IN_FORCE
from portal.session import Session

NOW = dt.datetime.fromtimestamp(int(COMMIT_EPOCH), clock.WIB)  # the real site's "now" in the tests' builds
PREFIX = {"id": "", "en": "en/"}


class HomeList(HTMLParser):
    """The links of the landing page's list of narratives in force, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.links = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "portal-home-list" in (attrs.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        elif self.depth and tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1


def expected_pages(session: Session, language: str) -> list[str]:
    out = []
    for n in landing.in_force(session.narratives):
        slug = n.paths[language].rsplit(".", 2 if language != "id" else 1)[0]
        out.append(f"/{PREFIX[language]}{slug}/")
    return out


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_landing_page_lists_exactly_the_narratives_in_force_at_the_pinned_now(built_site, language):
    session = Session(REPO / "docs", now=NOW)
    in_force = session.narratives.with_state(IN_FORCE)
    assert in_force, "the pinned moment should have narratives in force"
    parser = HomeList()
    parser.feed((built_site / PREFIX[language] / "index.html").read_text(encoding="utf-8"))
    base = f"https://portal-bimtek.example/{PREFIX[language]}"
    shown = [urljoin(base, href).removeprefix("https://portal-bimtek.example") for href in parser.links]
    assert shown == expected_pages(session, language)
    assert len(shown) == len(in_force)
    starts = [n.valid_from for n in landing.in_force(session.narratives)]
    assert starts == sorted(starts, reverse=True)  # newest first


@pytest.mark.parametrize("now", ["2023-05-01T09:00+07:00", "2023-09-06T12:00+07:00", "2026-12-01T09:00+07:00", "2031-01-01T00:00+07:00"])
def test_the_narratives_block_follows_the_catalogue_at_any_moment(now):
    session = Session(REPO / "docs", now=clock.parse_aware(now))
    for language in ("id", "en"):
        block = landing.narratives_block(session.narratives, language)
        listed = [line for line in block.splitlines() if line.startswith("- [")]
        want = landing.in_force(session.narratives)
        assert [f"(narasi/{n.link()})" in line for n, line in zip(want, listed)] == [True] * len(want)
        assert len(listed) == len(want)


def _event(src: str, starts: str, ends: str) -> Event:
    return Event(src, {"id": src, "en": src}, {"id": "", "en": ""}, dt.date.fromisoformat(starts), dt.date.fromisoformat(ends), "Jakarta")


@pytest.mark.parametrize("now, featured, state", [
    ("2023-05-01T09:00+07:00", "ktt-42", "upcoming"),
    ("2023-05-11T20:00+07:00", "ktt-42", "ongoing"),
    ("2023-08-29T07:00+07:00", "bimtek", "ongoing"),
    ("2023-09-01T07:00+07:00", "ktt-43", "upcoming"),
    ("2026-12-01T09:00+07:00", "ktt-43", "past"),
])
def test_the_featured_event_is_the_next_one_or_else_the_latest(now, featured, state):
    calendar = Calendar((_event("ktt-42", "2023-05-10", "2023-05-11"), _event("bimtek", "2023-08-29", "2023-08-29"),
                         _event("ktt-43", "2023-09-05", "2023-09-07")), clock.parse_aware(now))
    event = calendar.featured()
    assert (event.src, event.state(calendar.today)) == (featured, state)


def test_every_event_page_says_when_and_where():
    calendar = load_calendar(REPO / "docs", NOW)
    assert {e.src for e in calendar.events} == {"acara/bimtek-2023.md", "acara/ktt-42.md", "acara/ktt-43.md"}
    assert calendar.featured().src == "acara/bimtek-2023.md"  # the day of the Bimtek itself


def test_an_event_page_without_dates_is_an_error_at_its_line(tmp_path):
    folder = tmp_path / "docs" / "acara"
    folder.mkdir(parents=True)
    (folder / "x.md").write_text("---\ntitle: X\nevent:\n  starts: 2023-09-05\n  ends: 2023-09-01\n  place: Jakarta\n---\n\n# X\n")
    (folder / "y.md").write_text("---\ntitle: Y\n---\n\n# Y\n")
    (folder / "z.md").write_text("---\ntitle: Z\ndraft: true\n---\n\n# Z\n")  # a draft is not on the calendar yet
    with pytest.raises(PortalError) as caught:
        load_calendar(tmp_path / "docs", NOW)
    assert [str(f) for f in caught.value.findings] == [
        "docs/acara/x.md:5: E001 event.ends 2023-09-01 is before event.starts 2023-09-05",
        "docs/acara/y.md:2: E001 an event page needs an 'event:' block with starts, ends and place",
    ]


def test_the_newest_kit_is_the_one_whose_event_is_latest(built_site):
    session = Session(REPO / "docs", now=NOW, skip_pdf=True)
    try:
        builds = session.kit_builds("id")
        assert landing.newest_kit(builds, session.events).kit.id == "ktt-43"
        assert landing.newest_kit(list(reversed(builds)), session.events).kit.id == "ktt-43"
    finally:
        session.close()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="kit-media/ktt-43/unduhan/' in home and 'href="kurikulum/"' in home and 'href="narasi/"' in home
