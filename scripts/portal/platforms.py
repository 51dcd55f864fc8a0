"""Platform limits: one data file, read by the curriculum and the caption checks.

Each limit carries its source and the date it was last checked, because
platforms change their rules (Instagram cut hashtags from 30 to 5 in 2025).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from portal.citations import as_markdown
from portal.findings import Finding, PortalError
from portal.sources import LineDict, load_data_list

PLATFORMS_FILE = Path("_data") / "platforms.yml"
COUNTING = ("plain", "weighted")


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    caption_chars: int
    counting: str
    max_hashtags: int | None
    note: dict[str, str]
    source: str
    verified_on: dt.date
    url_length: int | None = None
    title_chars: int | None = None
    line: int = 0


def _source_text(source) -> str:
    """A limit's sources as Markdown, each title linked (checked by ``make check``, R011)."""
    entries = source if isinstance(source, list) else [source]
    return "; ".join(as_markdown(e) if isinstance(e, dict) else str(e) for e in entries)


def load_platforms(docs_dir: Path) -> dict[str, Platform]:
    shown, entries = load_data_list(docs_dir, PLATFORMS_FILE, "platforms", "P")
    findings, platforms = [], {}
    for entry in entries:
        line = getattr(entry, "line", 1)
        try:
            if not isinstance(entry, LineDict):
                raise ValueError("each platform must be a mapping")
            for key in ("id", "name", "caption_chars", "counting", "note", "source", "verified_on"):
                if entry.get(key) in (None, ""):
                    line = entry.line
                    raise ValueError(f"missing {key}")
            for key in ("caption_chars", "max_hashtags", "url_length", "title_chars"):
                value = entry.get(key)
                if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                    line = entry.line_of(key)
                    raise ValueError(f"{key} must be a whole number, not {value!r}")
            if entry["counting"] not in COUNTING:
                line = entry.line_of("counting")
                raise ValueError(f"counting must be one of {', '.join(COUNTING)}")
            if entry["counting"] == "weighted" and not entry.get("url_length"):
                line = entry.line
                raise ValueError("weighted counting needs url_length")
            try:
                verified = dt.date.fromisoformat(str(entry["verified_on"]))
            except ValueError:
                line = entry.line_of("verified_on")
                raise ValueError("verified_on must be a date YYYY-MM-DD") from None
            note = entry["note"]
            if not isinstance(note, dict) or not note.get("id") or not note.get("en"):
                line = entry.line_of("note")
                raise ValueError("note needs 'id' and 'en'")
            if entry["id"] in platforms:
                line = entry.line_of("id")
                raise ValueError(f"duplicate platform id {entry['id']!r}")
            platforms[entry["id"]] = Platform(
                id=entry["id"], name=entry["name"], caption_chars=entry["caption_chars"],
                counting=entry["counting"], max_hashtags=entry.get("max_hashtags"),
                note={"id": note["id"], "en": note["en"]},
                source=_source_text(entry["source"]),
                verified_on=verified, url_length=entry.get("url_length"),
                title_chars=entry.get("title_chars"), line=entry.line,
            )
        except ValueError as exc:
            findings.append(Finding(shown, line, "P002", str(exc)))
    if findings:
        raise PortalError(findings)
    return platforms
