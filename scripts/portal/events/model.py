"""Event records and the one rule the landing page needs: the next event, or else the latest. No file access.

Each event page in ``docs/acara/`` (the section's index aside) says when and
where in its Indonesian front matter, written once for both languages::

    event:
      starts: 2023-09-05
      ends: 2023-09-07
      place: Jakarta

The title and description come from each language's own page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal import clock

EVENTS_DIR = "acara"


@dataclass(frozen=True)
class Event:
    src: str  # docs-relative Indonesian page, e.g. acara/ktt-43.md
    title: dict[str, str]
    description: dict[str, str]
    starts: dt.date
    ends: dt.date
    place: str

    def state(self, today: dt.date) -> str:
        if today < self.starts:
            return "upcoming"
        return "ongoing" if today <= self.ends else "past"


@dataclass(frozen=True)
class Calendar:
    events: tuple[Event, ...]
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(clock.WIB).date()

    def featured(self) -> Event | None:
        """The event under way or next to start; when none is ahead, the one that ended last."""
        ahead = [e for e in self.events if e.ends >= self.today]
        if ahead:
            return min(ahead, key=lambda e: (e.starts, e.src))
        return max(self.events, key=lambda e: (e.ends, e.src), default=None)
