"""The curriculum as data: modules, their texts and exercises. No file access.

A module is ``docs/kurikulum/<id>.md`` (Indonesian, with the language-neutral
``module:`` metadata written once) plus ``<id>.en.md`` (English words only),
read and checked by :mod:`portal.curriculum.load`. The schedule, key-points,
handout and print pages are generated from these records
(:mod:`portal.curriculum.pages`). A module whose Indonesian page says
``draft: true`` is checked like the others but kept in
:attr:`Curriculum.drafts`, out of every generated page (see :mod:`portal.drafts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CURRICULUM_DIR = "kurikulum"
LEVELS = ("dasar", "lanjutan")
REQUIRED_SECTIONS = ("questions", "objectives", "worked-example", "exercises", "checklist", "key-points", "sources")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*(?:\{([^}]*)\})?[ \t]*$")
HEADING_ID = re.compile(r"#([\w-]+)")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
EXERCISE = re.compile(r'^(?P<indent>[ \t]*)[!?]{3}\+?[ \t]+exercise(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
SOLUTION = re.compile(r'^[ \t]+[!?]{3}\+?[ \t]+solution\b')
TRAINER = re.compile(r'^[ \t]*[!?]{3}\+?[ \t]+trainer\b')


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class Objective:
    """One learning objective: an item of the ``{#objectives}`` list."""

    text: str
    line: int


@dataclass
class Exercise:
    title: str
    task: str  # Markdown, dedented, without the solution
    solution: str
    line: int
    objectives: list[int] = field(default_factory=list)  # 1-based numbers of the objectives it practises (module.exercises)


@dataclass
class ModuleText:
    """One language's words of a module."""

    path: str
    title: str
    body: str
    body_line: int
    headings: list[Heading]
    exercises: list[Exercise]
    key_points: list[str]
    has_trainer_note: bool
    objectives: list[Objective] = field(default_factory=list)

    @property
    def title_line(self) -> int:
        """Where a fault of the whole module is reported: its ``#`` title."""
        return next((h.line for h in self.headings if h.level == 1), self.body_line)

    @property
    def heading_ids(self) -> set[str]:
        return {h.id for h in self.headings if h.level >= 2 and h.id}


@dataclass
class Module:
    id: str
    order: int
    level: str
    teaching_minutes: int
    exercise_minutes: int
    prerequisites: list[str]
    text: dict[str, ModuleText] = field(default_factory=dict)
    draft: bool = False  # ``draft: true`` in the Indonesian page: checked, never published
    # Per exercise, in page order: the objectives it practises (``module.exercises`` in the Indonesian page).
    coverage: list[list[int]] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return self.teaching_minutes + self.exercise_minutes

    def uncovered(self, language: str = "id") -> list[Objective]:
        """The objectives no exercise practises: each must be exercised at least once (C011)."""
        covered = {number for numbers in self.coverage for number in numbers}
        return [o for number, o in enumerate(self.text[language].objectives, 1) if number not in covered]

    def title(self, language: str) -> str:
        return self.text[language].title



@dataclass
class Curriculum:
    modules: list[Module]  # published, in order: what the schedule, summaries and print book show
    drafts: list[Module] = field(default_factory=list)  # checked like the others, published nowhere

    def by_id(self) -> dict[str, Module]:
        return {m.id: m for m in self.modules}

    @property
    def teaching_minutes(self) -> int:
        return sum(m.teaching_minutes for m in self.modules)

    @property
    def exercise_minutes(self) -> int:
        return sum(m.exercise_minutes for m in self.modules)

