"""A one-day Bimtek agenda computed from the modules' own minutes.

Nobody types a session time: change a module's minutes and the schedule, its
totals and its end time follow. ``docs/_data/schedule.yml`` holds only the
start, opening, breaks and closing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from portal.curriculum.model import Curriculum
from portal.findings import Finding, PortalError
from portal.sources import LineDict, SourceError, load_yaml, read_text

SCHEDULE_FILE = Path("_data") / "schedule.yml"


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    minutes: int
    title: dict[str, str]
    kind: str  # "module" | "break" | "opening" | "closing"
    module_id: str | None = None

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Schedule:
    slots: list[Slot]

    def total(self, kind: str | None = None) -> int:
        return sum(s.minutes for s in self.slots if kind is None or s.kind == kind)


def _titled(entry, key, shown, findings) -> tuple[int, dict[str, str]] | None:
    if not isinstance(entry, LineDict):
        findings.append(Finding(shown, 1, "S001", f"{key} must be a mapping"))
        return None
    minutes, title = entry.get("minutes"), entry.get("title")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        findings.append(Finding(shown, entry.line_of("minutes"), "S002", f"{key}.minutes must be a positive whole number, not {minutes!r}"))
        return None
    if not isinstance(title, dict) or not title.get("id") or not title.get("en"):
        findings.append(Finding(shown, entry.line_of("title"), "S001", f"{key}.title needs 'id' and 'en'"))
        return None
    return minutes, {"id": title["id"], "en": title["en"]}


def build_schedule(docs_dir: Path, curriculum: Curriculum) -> Schedule:
    shown = f"{Path(docs_dir).name}/{SCHEDULE_FILE.as_posix()}"
    try:
        data = load_yaml(read_text(Path(docs_dir) / SCHEDULE_FILE, shown), shown)
    except SourceError as exc:
        raise PortalError([Finding(exc.path, exc.line, "S000", exc.message)]) from None
    findings: list[Finding] = []
    if not isinstance(data, LineDict):
        raise PortalError([Finding(shown, 1, "S001", "expected a mapping")])
    try:
        clock = dt.datetime.combine(dt.date(2023, 8, 29), dt.time.fromisoformat(str(data.get("start"))))
    except ValueError:
        findings.append(Finding(shown, data.line_of("start"), "S002", f"start must be a time like \"08:00\", not {data.get('start')!r}"))
        clock = dt.datetime(2023, 8, 29, 8, 0)
    opening = _titled(data.get("opening"), "opening", shown, findings)
    closing = _titled(data.get("closing"), "closing", shown, findings)
    orders = {m.order: m for m in curriculum.modules}
    breaks: dict[int, tuple[int, dict[str, str]]] = {}
    for entry in data.get("breaks") or []:
        titled = _titled(entry, "breaks[]", shown, findings)
        after = entry.get("after_module") if isinstance(entry, LineDict) else None
        if titled and after not in orders:
            findings.append(Finding(shown, entry.line_of("after_module"), "S003", f"after_module {after!r} is not the order of any module ({', '.join(map(str, sorted(orders)))})"))
        elif titled:
            breaks[after] = titled
    if findings:
        raise PortalError(findings)
    slots: list[Slot] = []

    def add(minutes, title, kind, module_id=None):
        nonlocal clock
        slots.append(Slot(clock, minutes, title, kind, module_id))
        clock += dt.timedelta(minutes=minutes)

    add(*opening, "opening")
    for module in curriculum.modules:
        add(module.minutes, {lang: module.title(lang) for lang in module.text}, "module", module.id)
        if module.order in breaks:
            add(*breaks[module.order], "break")
    add(*closing, "closing")
    return Schedule(slots)
