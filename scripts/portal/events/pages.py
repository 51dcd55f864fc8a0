"""What the site shows of an event outside its own page: the landing page's card."""

from __future__ import annotations

import posixpath

from portal.events.model import Calendar, Event
from portal.words import long_date, section


def _words(language: str) -> dict:
    return section("landing", language)


def dates(event: Event, language: str) -> str:
    """``5 September 2023`` or ``5 September 2023 – 7 September 2023``."""
    if event.starts == event.ends:
        return long_date(event.starts, language)
    return f"{long_date(event.starts, language)} – {long_date(event.ends, language)}"


def featured_block(calendar: Calendar, language: str, from_dir: str = "") -> str:
    """The event under way or next; when none is ahead, the latest one, said as such."""
    t = _words(language)
    event = calendar.featured()
    if event is None:
        return t["event_none"]
    label = t[f"event_{event.state(calendar.today).replace('-', '_')}"]
    link = posixpath.relpath(event.src, from_dir or ".")
    return (
        '<div class="portal-home-card" markdown>\n\n'
        f"{label}\n{{: .portal-home-card__label }}\n\n"
        f"**[{event.title[language]}]({link})**\n\n"
        f"{dates(event, language)} · {event.place}\n\n"
        f"{event.description[language]}\n\n</div>"
    )
