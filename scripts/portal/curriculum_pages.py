"""Pages generated from the curriculum: schedule, key points, handout, print book.

Each function returns Markdown in one language; the ``generated`` hook puts it
where a page says ``<!-- portal:NAME -->``. Text that frames the generated
parts lives in :data:`LABELS`, never in templates.
"""

from __future__ import annotations

import re
from pathlib import Path

from portal.curriculum import Curriculum, Module, load_curriculum
from portal.numbers import integer
from portal.schedule import Schedule, build_schedule

PRINT_PDF = {"id": "kurikulum-bimtek-id.pdf", "en": "kurikulum-bimtek-en.pdf"}

LABELS = {
    "id": {
        "time": "Waktu (WIB)", "session": "Sesi", "duration": "Durasi",
        "minutes": "menit", "teaching": "materi", "exercise": "latihan",
        "total": "Total", "breaks": "rehat", "day": "Sehari penuh",
        "level": "Tingkat", "time_needed": "Waktu", "prerequisites": "Prasyarat", "none": "tidak ada",
        "open_module": "Buka modul", "levels": {"dasar": "dasar", "lanjutan": "lanjutan"},
        "module": "Modul", "exercises_for": "Latihan modul", "download_pdf": "Unduh versi PDF",
        "print_hint": "Gunakan menu cetak peramban Anda; navigasi situs tidak ikut tercetak.",
    },
    "en": {
        "time": "Time (WIB, UTC+7)", "session": "Session", "duration": "Length",
        "minutes": "min", "teaching": "teaching", "exercise": "exercises",
        "total": "Total", "breaks": "breaks", "day": "Whole day",
        "level": "Level", "time_needed": "Time", "prerequisites": "Prerequisites", "none": "none",
        "open_module": "Open the module", "levels": {"dasar": "foundation", "lanjutan": "advanced"},
        "module": "Module", "exercises_for": "Exercises of module", "download_pdf": "Download the PDF version",
        "print_hint": "Use your browser's print menu; the site navigation is not printed.",
    },
}


def _clock(moment, language: str) -> str:
    return moment.strftime("%H.%M" if language == "id" else "%H:%M")


def _hours(minutes: int, language: str) -> str:
    h, m = divmod(minutes, 60)
    if language == "id":
        return f"{h} jam {m} menit" if m else f"{h} jam"
    return f"{h} h {m} min" if m else f"{h} h"


def schedule_table(schedule: Schedule, language: str) -> str:
    t = LABELS[language]
    rows = [f"| {t['time']} | {t['session']} | {t['duration']} |", "|---|---|---|"]
    for slot in schedule.slots:
        title = slot.title[language]
        if slot.kind == "module":
            title = f"**[{title}]({slot.module_id}.md)**"
        elif slot.kind == "break":
            title = f"*{title}*"
        rows.append(f"| {_clock(slot.start, language)}–{_clock(slot.end, language)} | {title} | {integer(slot.minutes, language)} {t['minutes']} |")
    first, last = schedule.slots[0].start, schedule.slots[-1].end
    rows.append(
        f"| **{_clock(first, language)}–{_clock(last, language)}** | **{t['total']}**: "
        f"{integer(schedule.total('module'), language)} {t['minutes']} {t['module'].lower()} "
        f"({t['teaching']} + {t['exercise']}), {integer(schedule.total('break'), language)} {t['minutes']} {t['breaks']} "
        f"| **{_hours(schedule.total(), language)}** |"
    )
    return "\n".join(rows)


def module_summary(curriculum: Curriculum, module: Module, language: str) -> str:
    """The metadata box under a module's title: level, time, prerequisites."""
    t = LABELS[language]
    by_id = curriculum.by_id()
    prerequisites = ", ".join(f"[{by_id[p].title(language)}]({p}.md)" for p in module.prerequisites) or t["none"]
    return (
        '<div class="portal-module-meta" markdown>\n\n'
        f"**{t['level']}:** {t['levels'][module.level]} · "
        f"**{t['time_needed']}:** {module.teaching_minutes} {t['minutes']} {t['teaching']} + "
        f"{module.exercise_minutes} {t['minutes']} {t['exercise']} · "
        f"**{t['prerequisites']}:** {prerequisites}\n\n</div>"
    )


def module_list(curriculum: Curriculum, language: str) -> str:
    t = LABELS[language]
    return "\n".join(
        f"{m.order}. [{m.title(language)}]({m.id}.md) — {t['levels'][m.level]}, "
        f"{m.minutes} {t['minutes']}" for m in curriculum.modules
    )


def key_points(curriculum: Curriculum, language: str) -> str:
    t = LABELS[language]
    parts = []
    for m in curriculum.modules:
        points = "\n".join(f"- {p}" for p in m.text[language].key_points)
        parts.append(f"## {m.order}. {m.title(language)} {{#{m.id}}}\n\n{points}\n\n[{t['open_module']}]({m.id}.md)")
    return "\n\n".join(parts)


def exercise_handout(curriculum: Curriculum, language: str) -> str:
    """Every exercise's task, without solutions, to print for participants."""
    parts = []
    for m in curriculum.modules:
        parts.append(f"## {m.order}. {m.title(language)} {{#{m.id}}}")
        for number, exercise in enumerate(m.text[language].exercises, 1):
            parts.append(f"### {exercise.title} {{#{m.id}-exercise-{number}}}\n\n{exercise.task}")
    return "\n\n".join(parts)


_ATTR_ID = re.compile(r"\{([^}]*?)#([\w-]+)([^}]*)\}")
_LINK = re.compile(r"\]\((?:(?P<file>[\w-]+)\.md)?(?:#(?P<anchor>[\w-]+))?\)")


def _print_body(curriculum: Curriculum, module: Module, language: str) -> str:
    """A module's body made safe to sit beside the others on one page."""
    module_ids = set(curriculum.by_id())
    out = []
    for line in module.text[language].body.splitlines():
        if line.startswith("#"):
            if line.startswith("# "):
                line = f"## {line[2:].strip()} {{#{module.id} .portal-module}}\n\n{module_summary(curriculum, module, language)}"
            else:
                line = "#" + _ATTR_ID.sub(lambda m: f"{{{m.group(1)}#{module.id}-{m.group(2)}{m.group(3)}}}", line)
        line = re.sub(r"^(\s*)\?\?\? ", r"\1???+ ", line)  # solutions and notes open on paper

        def relink(match):
            target, anchor = match.group("file"), match.group("anchor")
            if target is None and anchor:
                return f"](#{module.id}-{anchor})"
            if target in module_ids:
                return f"](#{target}-{anchor})" if anchor else f"](#{target})"
            return match.group(0)

        out.append(_LINK.sub(relink, line))
    return "\n".join(out)


def print_book(curriculum: Curriculum, language: str) -> str:
    t = LABELS[language]
    head = (
        f'<p class="portal-download"><a href="{PRINT_PDF[language]}" download>{t["download_pdf"]}</a> · '
        f'{t["print_hint"]}</p>'
    )
    return head + "\n\n" + "\n\n".join(_print_body(curriculum, m, language) for m in curriculum.modules)


def providers(docs_dir: Path) -> dict:
    curriculum = load_curriculum(docs_dir)
    schedule = build_schedule(docs_dir, curriculum)
    return {
        "module-list": lambda lang: module_list(curriculum, lang),
        "schedule": lambda lang: schedule_table(schedule, lang),
        "key-points": lambda lang: key_points(curriculum, lang),
        "exercise-handout": lambda lang: exercise_handout(curriculum, lang),
        "print-book": lambda lang: print_book(curriculum, lang),
    }
