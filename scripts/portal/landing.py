"""The landing page of each language, for the portal's three kinds of visitor, from the catalogues.

Blocks for ``docs/index.md`` / ``index.en.md`` (:mod:`portal.generated`):

- ``home-ways``: the three ways in (Belajar / Unduh kit media / Narasi berlaku);
- ``home-narratives``: the narratives in force at the build's "now", newest
  first (by the start of their validity), each with its validity;
- ``home-kit``: the newest published press kit (the one whose event is
  latest), with its one-tap ZIP;
- ``home-event``: the event under way or next, or else the latest.

Nothing here decides what may be published: the catalogues' ``now`` does. A
page writer: it is handed its records and reads no file.
"""

from __future__ import annotations

import posixpath

from portal.curriculum.model import Curriculum
from portal.events import pages as events
from portal.events.model import Calendar
from portal.narratives.model import IN_FORCE, Catalogue as Narratives, Narrative
from portal.narratives.pages import display_title, when
from portal.numbers import human_size, integer
from portal.presskits.bundle import KitBuild
from portal.words import long_date, section

HOME_DIR = ""  # the landing page is docs/index.md: links are docs-relative


def _words(language: str) -> dict:
    return section("landing", language)


def in_force(catalogue: Narratives) -> list[Narrative]:
    """In force now, newest first: latest start of validity, then latest approval, then id."""
    items = catalogue.with_state(IN_FORCE)
    items.sort(key=lambda n: n.id)
    items.sort(key=lambda n: (n.valid_from, n.approved_on or n.valid_from), reverse=True)
    return items


def ways(curriculum: Curriculum, narratives: Narratives, kits: list[KitBuild], language: str) -> str:
    t = _words(language)
    cards = [
        ("kurikulum/index.md", t["way_learn"], t["way_learn_body"].format(count=integer(len(curriculum.modules), language))),
        ("kit-media/index.md", t["way_kits"], t["way_kits_body"].format(count=integer(len(kits), language))),
        ("narasi/index.md", t["way_narratives"], t["way_narratives_body"].format(count=integer(len(in_force(narratives)), language))),
    ]
    body = "\n\n".join(
        f'<div class="portal-way" markdown>\n\n[{title}]({link}){{ .portal-way__link }}\n\n{text}\n\n</div>'
        for link, title, text in cards
    )
    return f'<nav class="portal-ways" aria-label="{t["ways_label"]}" markdown>\n\n{body}\n\n</nav>'


def narratives_block(catalogue: Narratives, language: str) -> str:
    t = _words(language)
    items = in_force(catalogue)
    moment = long_date(catalogue.now.date(), language)
    if not items:
        return t["narratives_none"].format(date=moment)
    count = f"<span data-portal-in-force-count>{integer(len(items), language)}</span>"
    lines = [t["narratives_count"].format(count=count, date=moment), "", '<div class="portal-home-list" markdown>', ""]
    for n in items:
        validity = t["validity"].format(start=when(n.valid_from, language), end=when(n.valid_until, language))
        # As on the narratives index, the reader's clock drops it from the list once it expires (portal.js).
        lines.append(f'- [{display_title(n, language)}](narasi/{n.link()}){{ data-portal-valid-until="{n.valid_until.isoformat()}" }} · {validity}')
    lines += ["", "</div>", "", f"[{t['narratives_all']}](narasi/index.md)"]
    return "\n".join(lines)


def newest_kit(kits: list[KitBuild], calendar: Calendar) -> KitBuild | None:
    """The kit whose event started last (by the event pages); the catalogue's order breaks a tie."""
    starts = {e.src: e.starts for e in calendar.events}

    def rank(pair: tuple[int, KitBuild]) -> tuple:
        index, build = pair
        start = starts.get(build.kit.event_page)
        return (start is None, -start.toordinal() if start else 0, index)

    ranked = sorted(enumerate(kits), key=rank)
    return ranked[0][1] if ranked else None


def kit_block(kits: list[KitBuild], calendar: Calendar, language: str) -> str:
    t = _words(language)
    build = newest_kit(kits, calendar)
    if build is None:
        return t["kit_none"]
    kit = build.kit
    page = posixpath.relpath(kit.page_src("id"), HOME_DIR or ".")
    archive = posixpath.relpath(f"{build.folder}/{build.archive.name}", HOME_DIR or ".")
    return (
        '<div class="portal-home-card" markdown>\n\n'
        f"**[{kit.title[language]}]({page})**\n\n"
        f"{kit.event_name[language]} · {t['kit_files'].format(count=integer(len(build.items), language))}\n\n"
        f"[{t['kit_zip']}]({archive}){{ .md-button }} ZIP · {human_size(build.archive.size, language)}\n\n</div>"
    )


def event_block(calendar: Calendar, language: str) -> str:
    return events.featured_block(calendar, language, HOME_DIR)
