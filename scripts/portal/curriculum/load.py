"""Module pages -> records, checked for what a trainer relies on: ``path:line: Cnnn`` findings.

The loader reads both languages of each module and checks timings, order,
prerequisites, exercises with solutions, the required sections, and that both
languages carry the same heading ids (so anchors survive translation).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from portal.curriculum.model import (
    CURRICULUM_DIR, EXERCISE, FENCE, HEADING, HEADING_ID, LEVELS, REQUIRED_SECTIONS, SOLUTION, TRAINER,
    Curriculum, Exercise, Heading, Module, ModuleText, Objective,
)
from portal.drafts import is_draft
from portal.findings import Finding, PortalError
from portal.sources import SourceError, read_markdown


def parse_body(path: str, title: str, body: str, body_line: int, findings: list[Finding]) -> ModuleText:
    lines = body.splitlines()
    headings: list[Heading] = []
    exercises: list[Exercise] = []
    in_fence = False
    has_trainer = False
    for index, line in enumerate(lines):
        number = body_line + index
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if TRAINER.match(line):
            has_trainer = True
        match = HEADING.match(line)
        if match and not line.startswith(" "):
            ids = HEADING_ID.findall(match.group(3) or "")
            headings.append(Heading(len(match.group(1)), match.group(2).strip(), ids[0] if ids else None, number))
            continue
        match = EXERCISE.match(line)
        if match:
            exercises.append(_parse_exercise(path, lines, index, number, match, findings))
    return ModuleText(path, title, body, body_line, headings, exercises, _key_points(lines, headings, body_line), has_trainer,
                      _objectives(lines, headings, body_line))


def _objectives(lines: list[str], headings: list[Heading], body_line: int) -> list[Objective]:
    """The items of the ``{#objectives}`` list, each with its line."""
    start = next((h for h in headings if h.id == "objectives"), None)
    if start is None:
        return []
    found: list[Objective] = []
    for index in range(start.line - body_line + 1, len(lines)):
        line = lines[index]
        if HEADING.match(line) and not line.startswith(" "):
            break
        if re.match(r"^[-*] ", line):
            found.append(Objective(line[2:].strip(), body_line + index))
        elif found and line.startswith("  ") and line.strip():
            found[-1].text += " " + line.strip()
    return found


def _block(lines: list[str], start: int, indent: int) -> list[str]:
    """Lines after ``start`` indented deeper than ``indent`` (blank lines included)."""
    block = []
    for line in lines[start + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line)
    while block and not block[-1].strip():
        block.pop()
    return block


def _parse_exercise(path, lines, index, number, match, findings) -> Exercise:
    indent = len(match.group("indent").expandtabs(4))
    block = _block(lines, index, indent)
    solution_at = next((i for i, line in enumerate(block) if SOLUTION.match(line)), None)
    title = match.group("title") or ""
    if solution_at is None:
        findings.append(Finding(path, number, "C005", f"exercise {title!r} has no nested '??? solution'"))
        return Exercise(title, textwrap.dedent("\n".join(block)).strip(), "", number)
    task = textwrap.dedent("\n".join(block[:solution_at])).strip()
    solution_indent = len(block[solution_at]) - len(block[solution_at].lstrip())
    solution = textwrap.dedent("\n".join(_block(block, solution_at, solution_indent))).strip()
    return Exercise(title, task, solution, number)


def _key_points(lines: list[str], headings: list[Heading], body_line: int) -> list[str]:
    start = next((h for h in headings if h.id == "key-points"), None)
    if start is None:
        return []
    points: list[str] = []
    for line in lines[start.line - body_line + 1 :]:
        if HEADING.match(line) and not line.startswith(" "):
            break
        if re.match(r"^[-*] ", line):
            points.append(line[2:].strip())
        elif points and line.startswith("  ") and line.strip():
            points[-1] += " " + line.strip()
    return points


def _int_minutes(meta, path, findings, key) -> int:
    minutes = meta.get("minutes")
    value = minutes.get(key) if isinstance(minutes, dict) else None
    line = minutes.line_of(key) if hasattr(minutes, "line_of") else meta.line
    if value is None:
        findings.append(Finding(path, line, "C001", f"module.minutes.{key} is missing"))
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        findings.append(Finding(path, line, "C002", f"module.minutes.{key} must be a whole number of minutes, not {value!r}"))
        return 0
    return value


def _module_from_meta(meta, path: str, slug: str, findings: list[Finding]) -> Module | None:
    if not isinstance(meta, dict):
        findings.append(Finding(path, 2, "C001", "module: must be a mapping"))
        return None
    before = len(findings)
    for key in ("id", "order", "level", "minutes"):
        if meta.get(key) in (None, ""):
            findings.append(Finding(path, meta.line, "C001", f"module.{key} is missing"))
    if len(findings) > before:
        return None
    if meta["id"] != slug:
        findings.append(Finding(path, meta.line_of("id"), "C008", f"module.id {meta['id']!r} must equal the file name {slug!r}"))
    order = meta["order"]
    if not isinstance(order, int) or isinstance(order, bool) or order < 1:
        findings.append(Finding(path, meta.line_of("order"), "C002", f"module.order must be a positive whole number, not {order!r}"))
        order = 0
    if meta["level"] not in LEVELS:
        findings.append(Finding(path, meta.line_of("level"), "C007", f"module.level must be one of {', '.join(LEVELS)}, not {meta['level']!r}"))
    prerequisites = meta.get("prerequisites") or []
    if not isinstance(prerequisites, list):
        findings.append(Finding(path, meta.line_of("prerequisites"), "C007", "module.prerequisites must be a list of module ids"))
        prerequisites = []
    coverage = _coverage(meta, path, findings)
    return Module(
        id=str(meta["id"]),
        order=order,
        level=str(meta["level"]),
        teaching_minutes=_int_minutes(meta, path, findings, "teaching"),
        exercise_minutes=_int_minutes(meta, path, findings, "exercise"),
        prerequisites=[str(p) for p in prerequisites],
        coverage=coverage,
    )


def _coverage(meta, path: str, findings: list[Finding]) -> list[list[int]]:
    """``module.exercises``: per exercise, in page order, ``objectives: [numbers]`` (C013 when malformed)."""
    entries = meta.get("exercises")
    if entries is None:
        return []
    if not isinstance(entries, list):
        findings.append(Finding(path, meta.line_of("exercises"), "C013", "module.exercises must be a list, one '- objectives: [numbers]' per exercise"))
        return []
    coverage = []
    for entry in entries:
        numbers = entry.get("objectives") if isinstance(entry, dict) else None
        if not isinstance(numbers, list) or not numbers or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in numbers):
            line = entry.line if hasattr(entry, "line") else meta.line_of("exercises")
            findings.append(Finding(path, line, "C013", "each module.exercises entry needs 'objectives:' with the numbers (1, 2, ...) of the objectives it practises"))
            numbers = []
        coverage.append(list(numbers))
    return coverage


def _check_structure(module: Module, findings: list[Finding]) -> None:
    for language, text in module.text.items():
        for heading in text.headings:
            if heading.level in (2, 3) and not heading.id:
                findings.append(Finding(text.path, heading.line, "C009", f"heading {heading.text!r} needs an explicit id: {{#...}}"))
        ids = text.heading_ids
        for section in REQUIRED_SECTIONS:
            if not any(i == section or i.startswith(section + "-") for i in ids):
                findings.append(Finding(text.path, text.title_line, "C010", f"required section {{#{section}}} is missing"))
        if not text.exercises:
            findings.append(Finding(text.path, text.title_line, "C010", "the module has no '!!! exercise'"))
        if not text.has_trainer_note:
            findings.append(Finding(text.path, text.title_line, "C010", "the module has no '??? trainer' note"))
        if not text.key_points:
            findings.append(Finding(text.path, text.title_line, "C010", "the key-points section lists no points"))
    _check_coverage(module, findings)
    if len(module.text) == 2:
        source, english = module.text["id"], module.text["en"]
        missing, extra = source.heading_ids - english.heading_ids, english.heading_ids - source.heading_ids
        if missing or extra:
            line = next((h.line for h in english.headings if h.id in extra), english.title_line)
            detail = "; ".join(
                part for part in (
                    f"missing {', '.join(sorted(missing))}" if missing else "",
                    f"not in the Indonesian page: {', '.join(sorted(extra))}" if extra else "",
                ) if part
            )
            findings.append(Finding(english.path, line, "C006", f"heading ids differ from {source.path}: {detail}"))



def _check_coverage(module: Module, findings: list[Finding]) -> None:
    """Every objective practised by an exercise (C011); the record fits the page (C013)."""
    if "id" not in module.text:
        return
    source = module.text["id"]
    for language, text in module.text.items():
        for number, exercise in enumerate(text.exercises):
            exercise.objectives = list(module.coverage[number]) if number < len(module.coverage) else []
    if module.coverage and len(module.coverage) != len(source.exercises):
        findings.append(Finding(source.path, source.title_line, "C013",
                                f"module.exercises lists {len(module.coverage)} exercises, the page has {len(source.exercises)}"))
    for number, numbers in enumerate(module.coverage, 1):
        for objective in numbers:
            if objective > len(source.objectives):
                findings.append(Finding(source.path, source.title_line, "C013",
                                        f"exercise {number} practises objective {objective}, but the page lists {len(source.objectives)}"))
    if "en" in module.text and len(module.text["en"].objectives) != len(source.objectives):
        english = module.text["en"]
        findings.append(Finding(english.path, english.title_line, "C013",
                                f"{len(english.objectives)} objectives, but {source.path} lists {len(source.objectives)}"))
    for objective in module.uncovered():
        findings.append(Finding(source.path, objective.line, "C011",
                                f"no exercise practises this objective: name it in module.exercises, or add an exercise ({objective.text[:60]})"))


def load_curriculum(docs_dir: Path) -> Curriculum:
    """Load and validate every module; raise PortalError listing every fault."""
    docs_dir = Path(docs_dir)
    folder = docs_dir / CURRICULUM_DIR
    label = docs_dir.name
    findings: list[Finding] = []
    modules: list[Module] = []
    unreadable: set[str] = set()  # modules whose file did not parse: reported once (C000), not again as unknown
    for source_path in sorted(folder.glob("*.md")):
        if source_path.name.endswith(".en.md"):
            continue
        rel = f"{label}/{source_path.relative_to(docs_dir).as_posix()}"
        try:
            source = read_markdown(source_path, docs_dir)
        except SourceError as exc:
            findings.append(Finding(exc.path, exc.line, "C000", exc.message))
            unreadable.add(source_path.stem)
            continue
        if "module" not in source.meta:
            continue  # an ordinary page of the section (index, schedule, ...)
        module = _module_from_meta(source.meta["module"], rel, source_path.stem, findings)
        if module is None:
            continue
        module.draft = is_draft(source.meta)
        english_path = source_path.with_name(f"{source_path.stem}.en.md")
        texts = [("id", source_path, source)]
        if english_path.exists():
            try:
                texts.append(("en", english_path, read_markdown(english_path, docs_dir)))
            except SourceError as exc:
                findings.append(Finding(exc.path, exc.line, "C000", exc.message))
        else:
            findings.append(Finding(rel, 1, "C004", f"module has no English page {label}/{english_path.relative_to(docs_dir).as_posix()}"))
        for language, path, doc in texts:
            shown = f"{label}/{path.relative_to(docs_dir).as_posix()}"
            if language == "en" and "module" in doc.meta:
                findings.append(Finding(shown, doc.meta.line_of("module"), "C012", "module metadata belongs in the Indonesian page only (written once)"))
            title = doc.meta.get("title")
            if not title:
                findings.append(Finding(shown, 1, "C001", "title is missing from the front matter"))
                title = source_path.stem
            module.text[language] = parse_body(shown, str(title), doc.body, doc.body_line, findings)
        _check_structure(module, findings)
        modules.append(module)
    _check_collection(modules, findings, unreadable)
    if findings:
        raise PortalError(findings)
    ordered = sorted(modules, key=lambda m: m.order)
    return Curriculum([m for m in ordered if not m.draft], [m for m in ordered if m.draft])


def _check_collection(modules: list[Module], findings: list[Finding], unreadable: set[str] = frozenset()) -> None:
    """Orders unique across drafts too (a draft takes its place when published); prerequisites published."""
    ids = {m.id for m in modules if not m.draft}
    drafts = {m.id for m in modules if m.draft}
    seen_order: dict[int, Module] = {}
    for module in modules:
        path = module.text["id"].path if "id" in module.text else module.id
        if module.order in seen_order and module.order:
            findings.append(Finding(path, 1, "C003", f"order {module.order} is also used by {seen_order[module.order].id}"))
        seen_order.setdefault(module.order, module)
        for prerequisite in module.prerequisites:
            if prerequisite in drafts and not module.draft:
                findings.append(Finding(path, 1, "C007", f"prerequisite {prerequisite!r} is a draft: publish it first, or remove it here"))
            elif prerequisite not in ids | drafts | unreadable:
                findings.append(Finding(path, 1, "C007", f"unknown prerequisite {prerequisite!r}"))
