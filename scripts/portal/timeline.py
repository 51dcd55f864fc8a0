"""The coming changes of what the site publishes: narratives and kits appearing, expiring, archived.

The publishing gate (:meth:`Narrative.state`, :meth:`Kit.published`) decides
what a build shows at one moment; this module turns the same records into the
list of moments at which that answer changes. ``portal schedule`` prints it,
``make check`` warns about a narrative in force that expires soon (W001),
and every build records its next change in ``build.json`` so the scheduled
deploy knows whether it has anything to do.

Moments are shown in WIB, and also in the record's own zone when it was
written in WITA (+08:00) or WIT (+09:00), e.g. an event in Labuan Bajo.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from portal import clock
from portal.findings import Finding
from portal.narratives.model import IN_FORCE, Catalogue as Narratives, Narrative
from portal.presskits.model import Catalogue as Kits

ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}
VISIBLE, EXPIRES, ARCHIVED = "visible", "expires", "archived"
EXPIRY_WARNING_DAYS = 7


@dataclass(frozen=True)
class Change:
    moment: dt.datetime  # as the record wrote it (its own UTC offset)
    kind: str  # narrative | kit
    change: str  # visible | expires | archived
    id: str
    title: dict[str, str]
    path: str  # docs-relative source

    @property
    def zone(self) -> str:
        hours = self.moment.utcoffset().total_seconds() / 3600
        return ZONES.get(int(hours), f"UTC{hours:+g}") if hours == int(hours) else f"UTC{hours:+g}"

    def as_json(self) -> dict:
        return {
            "moment": self.moment.astimezone(clock.WIB).isoformat(), "local": self.moment.isoformat(), "zone": self.zone,
            "kind": self.kind, "change": self.change, "id": self.id, "title": self.title, "path": f"docs/{self.path}",
        }


def _narrative_changes(n: Narrative) -> list[tuple[dt.datetime, str]]:
    start = max(n.valid_from, n.embargo_until) if n.embargo_until else n.valid_from
    if n.status == "approved":
        return [(start, VISIBLE), (n.valid_until, EXPIRES)] if start <= n.valid_until else []
    if n.status == "retired":
        return [(start, ARCHIVED)]  # appears straight in the archive, once it was ever public
    return []  # a draft or one in review has no date: approving it is a commit


def changes(narratives: Narratives, kits: Kits) -> list[Change]:
    """Every scheduled change of every record, in time order (past ones too)."""
    found = []
    for n in narratives.narratives:
        titles = {language: w.title for language, w in n.words.items()}
        for moment, change in _narrative_changes(n):
            found.append(Change(moment, "narrative", change, n.id, titles, n.paths["id"]))
    for kit in kits.kits:
        if kit.embargo_until is not None and not kit.draft:
            found.append(Change(kit.embargo_until, "kit", VISIBLE, kit.id, dict(kit.title), kit.manifest.removeprefix("docs/")))
    return sorted(found, key=lambda c: (c.moment, c.kind, c.id, c.change))


def between(all_changes: list[Change], start: dt.datetime, days: float) -> list[Change]:
    """The changes after ``start`` and up to ``days`` later."""
    end = start + dt.timedelta(days=days)
    return [c for c in all_changes if start < c.moment <= end]


def next_change(all_changes: list[Change], now: dt.datetime) -> dt.datetime | None:
    """The first moment after ``now`` at which a build would publish something else."""
    return next((c.moment for c in all_changes if c.moment > now), None)


def expiring_soon(narratives: Narratives, days: int = EXPIRY_WARNING_DAYS) -> list[Finding]:
    """W001: a narrative in force whose validity ends within ``days`` of the catalogue's now."""
    now, limit = narratives.now, narratives.now + dt.timedelta(days=days)
    return [
        Finding(f"docs/{n.paths['id']}", n.valid_until_line, "W001",
                f"in force until {n.valid_until.isoformat()} (in {_span(n.valid_until - now)}): renew it with a new "
                "approval, or let it lapse into the archive", "warning")
        for n in narratives.with_state(IN_FORCE) if n.valid_until <= limit
    ]


def _span(delta: dt.timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"{hours // 24} day(s) {hours % 24} hour(s)" if hours >= 24 else f"{hours} hour(s)"


def table(selected: list[Change], start: dt.datetime, days: float) -> str:
    """The changes as a plain-text table, one row each, moments in WIB (and the record's own zone)."""
    header = f"Changes after {start.astimezone(clock.WIB).strftime('%Y-%m-%d %H:%M')} WIB, over {days:g} day(s): {len(selected)}"
    if not selected:
        return header
    rows = [("When (WIB)", "Local", "Kind", "Change", "Id", "Title")]
    for c in selected:
        local = "" if c.zone == "WIB" else f"{c.moment.strftime('%Y-%m-%d %H:%M')} {c.zone}"
        rows.append((c.moment.astimezone(clock.WIB).strftime("%Y-%m-%d %H:%M"), local, c.kind, c.change, c.id, c.title.get("id", "")))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join([header, "", lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def as_json(selected: list[Change], start: dt.datetime, days: float) -> str:
    return json.dumps({"from": start.isoformat(), "days": days, "changes": [c.as_json() for c in selected]},
                      ensure_ascii=False, indent=2)

