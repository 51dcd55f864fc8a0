"""The curriculum's generated pages: schedule, module boxes, key points, handout, print book.

Every sentence and label comes from :mod:`portal.words` (section
``curriculum``), never from templates; every figure from the records of
:mod:`portal.curriculum.model`.
"""

from __future__ import annotations

import re

from portal.curriculum.model import Curriculum, Module
from portal.curriculum.schedule import Schedule
from portal.numbers import integer
from portal.words import clock_time, section

PRINT_PDF = {"id": "kurikulum-bimtek-id.pdf", "en": "kurikulum-bimtek-en.pdf"}
PRINT_PAGE = "kurikulum/cetak"  # docs-relative, without the language suffix


def _words(language: str) -> dict:
    return section("curriculum", language)


def _hours(minutes: int, language: str) -> str:
    h, m = divmod(minutes, 60)
    if language == "id":
        return f"{h} jam {m} menit" if m else f"{h} jam"
    return f"{h} h {m} min" if m else f"{h} h"


def schedule_table(schedule: Schedule, language: str) -> str:
    t = _words(language)
    rows = [f"| {t['time']} | {t['session']} | {t['duration']} |", "|---|---|---|"]
    for slot in schedule.slots:
        title = slot.title[language]
        if slot.kind == "module":
            title = f"**[{title}]({slot.module_id}.md)**"
        elif slot.kind == "break":
            title = f"*{title}*"
        rows.append(f"| {clock_time(slot.start, language)}–{clock_time(slot.end, language)} | {title} | {integer(slot.minutes, language)} {t['minutes']} |")
    first, last = schedule.slots[0].start, schedule.slots[-1].end
    rows.append(
        f"| **{clock_time(first, language)}–{clock_time(last, language)}** | **{t['total']}**: "
        f"{integer(schedule.total('module'), language)} {t['minutes']} {t['module'].lower()} "
        f"({t['teaching']} + {t['exercise']}), {integer(schedule.total('break'), language)} {t['minutes']} {t['breaks']} "
        f"| **{_hours(schedule.total(), language)}** |"
    )
    return "\n".join(rows)


def module_summary(curriculum: Curriculum, module: Module, language: str) -> str:
    """The metadata box under a module's title: level, time, prerequisites."""
    t = _words(language)
    by_id = curriculum.by_id()
    prerequisites = ", ".join(f"[{by_id[p].title(language)}]({p}.md)" for p in module.prerequisites) or t["none"]
    return (
        '<div class="portal-module-meta" markdown>\n\n'
        f"**{t['level']}:** {t['levels'][module.level]} · "
        f'<span class="portal-trainer-only">**{t["time_needed"]}:** {module.teaching_minutes} {t["minutes"]} {t["teaching"]} + '
        f"{module.exercise_minutes} {t['minutes']} {t['exercise']} · </span>"
        f"**{t['prerequisites']}:** {prerequisites}\n\n</div>"
    )


def view_switch(language: str) -> str:
    """Learner and trainer views of a module page, as two plain links.

    Without JavaScript the links set the address's fragment and the stylesheet
    reads it: the two empty targets stand first in the article, so
    ``#trainer-view:target ~ ...`` reaches everything after them with sibling
    selectors (cheap, unlike ``:has()``, which slowed every module page's
    start-up). ``#trainer-view`` shows the timings and trainer notes and opens
    the solutions. ``portal.js`` remembers the choice in the browser
    (localStorage) and applies it on the next module page.
    """
    t = _words(language)
    return (
        '<div id="learner-view" class="portal-view__target"></div>\n'
        '<div id="trainer-view" class="portal-view__target"></div>\n'
        f'<nav class="portal-view" aria-label="{t["view_label"]}">'
        f'<a class="portal-view__link" href="#learner-view" data-portal-view="learner">{t["view_learner"]}</a> '
        f'<a class="portal-view__link" href="#trainer-view" data-portal-view="trainer">{t["view_trainer"]}</a>'
        f'<span class="portal-view__note">{t["view_note"]}</span></nav>'
    )


def module_list(curriculum: Curriculum, language: str) -> str:
    t = _words(language)
    return "\n".join(
        f"{m.order}. [{m.title(language)}]({m.id}.md) — {t['levels'][m.level]}, "
        f"{m.minutes} {t['minutes']}" for m in curriculum.modules
    )


def key_points(curriculum: Curriculum, language: str) -> str:
    t = _words(language)
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
    t = _words(language)
    head = (
        f'<p class="portal-download"><a href="{PRINT_PDF[language]}" download>{t["download_pdf"]}</a> · '
        f'{t["print_hint"]}</p>'
    )
    return head + "\n\n" + "\n\n".join(_print_body(curriculum, m, language) for m in curriculum.modules)


def module_page(curriculum: Curriculum, module: Module, language: str, markdown: str) -> str:
    """A module page's Markdown with its view switch and level/time/prerequisites box under the ``#`` title."""
    lines = markdown.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if at is None:
        return markdown
    summary = module_summary(curriculum, module, language)
    return "\n".join(lines[: at + 1] + ["", view_switch(language), "", summary, ""] + lines[at + 1 :])
