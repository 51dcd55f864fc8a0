"""Event pages -> records: ``path:line: E001`` for an ``event:`` block that is missing or malformed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portal import LANGUAGES
from portal.drafts import is_draft
from portal.events.model import EVENTS_DIR, Calendar, Event
from portal.findings import Finding, PortalError
from portal.sources import LineDict, SourceError, read_markdown


def event_pages(docs_dir: Path) -> list[Path]:
    """The Indonesian event pages (``docs/acara/*.md`` but the index and the English twins)."""
    folder = Path(docs_dir) / EVENTS_DIR
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md" and p.name.count(".") == 1)


class _Bad(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


def _date(block: LineDict, key: str) -> dt.date:
    value = block.get(key)
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _Bad(block.line_of(key) if key in block else block.line, f"event.{key} must be a date YYYY-MM-DD, not {value!r}") from None


def _event(path: Path, docs_dir: Path) -> Event | None:
    source = read_markdown(path, docs_dir)
    if is_draft(source.meta):
        return None  # a draft (``portal new page docs/acara/...``) is not published, so not on the calendar
    block = source.meta.get("event")
    if not isinstance(block, LineDict):
        raise _Bad(2, "an event page needs an 'event:' block with starts, ends and place")
    starts, ends = _date(block, "starts"), _date(block, "ends")
    if ends < starts:
        raise _Bad(block.line_of("ends"), f"event.ends {ends} is before event.starts {starts}")
    if not block.get("place"):
        raise _Bad(block.line, "event.place is missing")
    titles, descriptions = {}, {}
    for language in LANGUAGES:
        twin = path if language == LANGUAGES[0] else path.with_suffix(f".{language}.md")
        meta = source.meta if twin == path or not twin.exists() else read_markdown(twin, docs_dir).meta
        titles[language] = str(meta.get("title") or source.meta.get("title") or path.stem)
        descriptions[language] = str(meta.get("description") or source.meta.get("description") or "")
    return Event(path.relative_to(docs_dir).as_posix(), titles, descriptions, starts, ends, str(block["place"]))


def load_calendar(docs_dir: Path, now: dt.datetime) -> Calendar:
    docs_dir = Path(docs_dir)
    findings, events = [], []
    for path in event_pages(docs_dir):
        shown = path.relative_to(docs_dir.parent).as_posix()
        try:
            event = _event(path, docs_dir)
            if event is not None:
                events.append(event)
        except _Bad as exc:
            findings.append(Finding(shown, exc.line, "E001", exc.message))
        except SourceError as exc:
            findings.append(Finding(exc.path, exc.line, "E000", exc.message))
    if findings:
        raise PortalError(findings)
    return Calendar(tuple(events), now)
