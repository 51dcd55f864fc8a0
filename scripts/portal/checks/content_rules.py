"""Content rules on the Markdown sources, reported at file and line.

What a careless commit most often gets wrong on a public government portal:
pages without a title or description, images without alt text, active
content (scripts, frames, event handlers, ``javascript:`` links), insecure
``http://`` links, vague link text, skipped heading levels, terms written the
wrong way or drifting between pages (the terms file, ``docs/_data/terms.yml``,
and the glossary's KBBI ``avoid`` lists), and sources a reader cannot follow.

Codes: R001 front matter, R002 image without alt text, R005 vague link text,
R006 heading level skipped, R007 term to avoid, R010 image file missing, R011
a source item without URL/DOI, date or date checked (:mod:`portal.citations`),
R012 fewer than 90% of one language's source items with a URL or DOI, R013
(a warning) a source linking an address it says has not been opened yet. R003
(active content) and R004 (``http://``) are :mod:`portal.safety`'s, which the
build itself enforces too. Kit documents and narratives are pages like any
other here; the data files' and narratives' YAML sources are checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

from portal import citations
from portal.findings import Finding, PortalError
from portal.glossary import GLOSSARY_FILE, Term
from portal.platforms import PLATFORMS_FILE
from portal.safety import prose_lines
from portal.sources import LineDict, SourceError, load_yaml, read_markdown, read_text
from portal.terms import Rule, load_terms, term_findings
from portal.toolkit.model import TEMPLATES_DIR
from portal.translations import is_content_page, is_english

MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)")
SRC = re.compile(r"\bsrc\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)
SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
KIT_DOCUMENTS = "kit-media/_kits/*/*.md"
HTML_IMG = re.compile(r"<img\b([^>]*)>", re.I)
ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)
LINK_TEXT = re.compile(r"\[([^\]]+)\]\([^)]+\)|<a\b[^>]*>(.*?)</a>", re.I)
VAGUE = {"klik di sini", "di sini", "klik", "tautan ini", "click here", "here", "this link", "read more", "selengkapnya"}
HEADING = re.compile(r"^(#{1,6})\s")


def _term_rules(language: str, terms: list[Term], rules: list[Rule], rel: str = "") -> list[tuple[str, re.Pattern, str]]:
    found = [(wrong, pattern, r.use) for r in rules if r.language == language and r.applies_to(rel) for wrong, pattern in r.patterns()]
    if language == "id":  # the glossary's KBBI spellings ("sosial media" -> "media sosial")
        found += [(a, re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])", re.I), t.term) for t in terms for a in t.avoid]
    return found


def check_page(docs_dir: Path, rel: Path, terms: list[Term], rules: list[Rule] | None = None,
               tally: dict[str, list[int]] | None = None) -> list[Finding]:
    shown = f"{docs_dir.name}/{rel.as_posix()}"
    try:
        page = read_markdown(docs_dir / rel, docs_dir)
    except SourceError as exc:
        return [Finding(exc.path, exc.line, "R001", exc.message)]
    findings: list[Finding] = []
    pending = page.meta.get("translation") == "pending"
    for key in ("title", "description"):
        if not page.meta.get(key):
            findings.append(Finding(shown, 1, "R001", f"front matter has no {key}"))
    language = "en" if is_english(rel) else "id"
    avoid = [] if pending else _term_rules(language, terms, rules or [], rel.as_posix())
    front = page.text.splitlines()[: page.body_line - 1]
    for number, line in enumerate(front, start=1):  # titles, descriptions, a narrative's texts
        findings.extend(term_findings(line, number, shown, avoid))
    for item in citations.sources_items(page.body, page.body_line):
        if "[[" in item.text:
            continue  # a gap left to fill: R008 (a warning while the page is a draft)
        if tally is not None:
            tally.setdefault(language, [0, 0])
            tally[language][0] += item.linked
            tally[language][1] += 1
        for problem in citations.markdown_problems(item):
            findings.append(Finding(shown, item.line, "R011", f"source item {problem}"))
        if citations.markdown_unopened(item):
            findings.append(_unopened(shown, item.line, item.url))
    previous_level = 1
    for number, line in prose_lines(page.body, page.body_line):
        targets = []
        for match in MD_IMAGE.finditer(line):
            targets.append(match.group(2))
            if not match.group(1).strip():
                findings.append(Finding(shown, number, "R002", "image without alt text: describe it in ![...]"))
        for match in HTML_IMG.finditer(line):
            alt = ALT.search(match.group(1))
            if not alt or not alt.group(1).strip("\"' "):
                findings.append(Finding(shown, number, "R002", "<img> without alt text"))
            src = SRC.search(match.group(1))
            targets.append(src.group(1).strip("\"'") if src else "")
        for target in targets:
            path = target.split("#", 1)[0].split("?", 1)[0]
            if path and not SCHEME.match(path) and not (docs_dir / rel.parent / path).is_file():
                findings.append(Finding(shown, number, "R010", f"image {target} does not exist (looked for {docs_dir.name}/{(rel.parent / path).as_posix()})"))
        for match in LINK_TEXT.finditer(line):
            text = re.sub(r"<[^>]+>|[*_`]", "", match.group(1) or match.group(2) or "").strip().lower().rstrip(".")
            if text in VAGUE:
                findings.append(Finding(shown, number, "R005", f"link text {text!r} says nothing out of context: name the target"))
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if level > previous_level + 1:
                findings.append(Finding(shown, number, "R006", f"heading level jumps from h{previous_level} to h{level}"))
            previous_level = level
        findings.extend(term_findings(line, number, shown, avoid))
    return findings


def _unopened(shown: str, line: int, url: str) -> Finding:
    return Finding(shown, line, "R013", f"{url} has not been opened yet: once it shows the text, "
                   "write the date checked in place of the note", severity="warning")


def checked_pages(docs_dir: Path) -> list[Path]:
    """Every page the rules read: the site's pages and the press kits' documents (published as pages and PDFs)."""
    docs_dir = Path(docs_dir)
    pages = [p.relative_to(docs_dir) for p in sorted(docs_dir.rglob("*.md")) if is_content_page(p.relative_to(docs_dir))]
    return pages + [p.relative_to(docs_dir) for p in sorted(docs_dir.glob(KIT_DOCUMENTS))]


def _data_sources(docs_dir: Path, tally: dict[str, list[int]]) -> list[Finding]:
    """R011 for the YAML sources: the glossary's, the platform limits', the narratives' facts'.

    Each is written once for both languages, so each counts in both tallies.
    """
    findings: list[Finding] = []

    def count(entry) -> None:
        for language in ("id", "en"):
            tally.setdefault(language, [0, 0])
            tally[language][0] += citations.mapping_linked(entry)
            tally[language][1] += 1

    def report(shown, entry, problems) -> None:
        for key, problem in problems:
            findings.append(Finding(shown, entry.line_of(key) if isinstance(entry, LineDict) else 1, "R011", f"source {problem}"))
        if citations.mapping_unopened(entry):
            findings.append(_unopened(shown, entry.line_of("checked") if isinstance(entry, LineDict) else 1, entry["url"]))

    for rel, key, checked in ((GLOSSARY_FILE, "terms", None), (PLATFORMS_FILE, "platforms", "verified_on")):
        path = docs_dir / rel
        shown = f"{docs_dir.name}/{rel.as_posix()}"
        if not path.is_file():
            continue
        try:
            data = load_yaml(read_text(path, shown), shown)
        except SourceError:
            continue  # reported by the data models (G000, P000)
        for record in (data or {}).get(key) or []:
            if not isinstance(record, LineDict) or "source" not in record:
                continue
            source = record["source"]
            entries = source if isinstance(source, list) else [source]
            for entry in entries:
                if not isinstance(entry, dict):
                    findings.append(Finding(shown, record.line_of("source"), "R011",
                                            "source must be a mapping (title, url or doi, date, checked) or a list of them"))
                    continue
                count(entry)
                report(shown, entry, citations.mapping_problems(entry, checked_default=record.get(checked) if checked else None))
    for path in sorted((docs_dir / "narasi").glob("*/*.md")):
        rel = path.relative_to(docs_dir)
        if is_english(rel) or not is_content_page(rel):
            continue
        try:
            page = read_markdown(path, docs_dir)
        except SourceError:
            continue  # reported by the narratives (N000)
        facts = page.meta.get("facts")
        if not isinstance(facts, dict):
            continue
        for fact in facts.values():
            if not isinstance(fact, LineDict) or "source" not in fact:
                continue
            if "[[" in str(fact.get("source")):
                continue  # a gap left to fill (N023)
            entry = LineDict(fact, title=fact.get("source"))
            entry.key_lines = {**fact.key_lines, "title": fact.line_of("source")}
            entry.line = fact.line
            count(entry)
            report(f"{docs_dir.name}/{rel.as_posix()}", entry, citations.mapping_problems(entry))
    return findings


def _bilingual_texts(node) -> list[tuple[str, int, str]]:
    """``(language, line, text)`` of every ``{id: ..., en: ...}`` mapping in a template, however deep."""
    found: list[tuple[str, int, str]] = []
    if isinstance(node, LineDict) and set(node) == {"id", "en"}:
        for language in ("id", "en"):
            value = node[language]
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    found.append((language, node.line_of(language), text))
        return found
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found.extend(_bilingual_texts(child))
    return found


def _template_terms(docs_dir: Path, terms: list[Term], rules: list[Rule]) -> list[Finding]:
    """R007 on the toolkit's templates, whose words become documents, spreadsheets and pages in both languages."""
    findings: list[Finding] = []
    for path in sorted((docs_dir / TEMPLATES_DIR).glob("*.yml")):
        rel = path.relative_to(docs_dir).as_posix()
        shown = f"{docs_dir.name}/{rel}"
        try:
            data = load_yaml(read_text(path, shown), shown)
        except SourceError:
            continue  # reported by the toolkit (M000)
        avoid = {language: _term_rules(language, terms, rules, rel) for language in ("id", "en")}
        for language, line, text in _bilingual_texts(data):
            for row in text.splitlines() or [text]:
                findings.extend(term_findings(row, line, shown, avoid[language]))
    return findings


def check_content(docs_dir: Path, terms: list[Term], tally: dict[str, list[int]] | None = None) -> list[Finding]:
    """Every content rule; ``tally`` (if given) receives, per language, [items with URL/DOI, items]."""
    docs_dir = Path(docs_dir)
    findings: list[Finding] = []
    tally = {} if tally is None else tally
    try:
        rules = load_terms(docs_dir)
    except PortalError as exc:
        findings.extend(exc.findings)
        rules = []
    for rel in checked_pages(docs_dir):
        findings.extend(check_page(docs_dir, rel, terms, rules, tally))
    findings.extend(_template_terms(docs_dir, terms, rules))
    findings.extend(_data_sources(docs_dir, tally))
    for language, (linked, total) in sorted(tally.items()):
        if total and linked / total < citations.GOAL:
            findings.append(Finding(f"{docs_dir.name}/", 1, "R012",
                                    f"{linked} of {total} source items in '{language}' have a URL or DOI "
                                    f"({linked / total:.0%}; the goal is at least {citations.GOAL:.0%})"))
    return findings
