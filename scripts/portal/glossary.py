"""The one bilingual glossary: terms, expansions, English names and their status.

``docs/_data/glossary.yml`` feeds the glossary page and the abbreviation
tooltips on every page, so a term is defined once for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal.citations import as_markdown
from portal.findings import Finding, PortalError
from portal.sources import LineDict, load_data_list

GLOSSARY_FILE = Path("_data") / "glossary.yml"
TRANSLATION_STATUS = ("official", "working")
REQUIRED = ("term", "expansion", "english", "definition", "translation", "source")


@dataclass(frozen=True)
class Term:
    term: str
    abbreviation: bool
    expansion: str
    english: str
    definition: dict[str, str]
    translation: str
    source: str  # Markdown: each source's title, linked to its URL or DOI (portal.citations)
    line: int
    avoid: tuple[str, ...] = ()  # wrong forms that Indonesian pages must not use

    def tooltip(self, language: str) -> str:
        if language == "id" or self.english == self.expansion:
            return self.expansion
        return f"{self.expansion} ({self.english})"


def load_glossary(docs_dir: Path) -> list[Term]:
    shown, entries = load_data_list(docs_dir, GLOSSARY_FILE, "terms", "G")
    findings: list[Finding] = []
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, LineDict):
            findings.append(Finding(shown, 1, "G001", "each term must be a mapping"))
            continue
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            findings.append(Finding(shown, entry.line, "G002", f"term is missing {', '.join(missing)}"))
            continue
        definition = entry["definition"]
        if not isinstance(definition, dict) or not all(isinstance(definition.get(l), str) and definition.get(l) for l in ("id", "en")):
            findings.append(Finding(shown, entry.line_of("definition"), "G003", f"{entry['term']}: definition needs non-empty 'id' and 'en'"))
            continue
        if entry["translation"] not in TRANSLATION_STATUS:
            findings.append(Finding(shown, entry.line_of("translation"), "G004", f"{entry['term']}: translation must be one of {', '.join(TRANSLATION_STATUS)}"))
            continue
        key = str(entry["term"]).casefold()
        if key in seen:
            findings.append(Finding(shown, entry.line, "G005", f"duplicate term {entry['term']!r} (first at line {seen[key]})"))
            continue
        seen[key] = entry.line
        terms.append(
            Term(
                term=str(entry["term"]),
                abbreviation=bool(entry.get("abbreviation", False)),
                expansion=str(entry["expansion"]),
                english=str(entry["english"]),
                definition={"id": definition["id"], "en": definition["en"]},
                translation=entry["translation"],
                source=_source_text(entry["source"]),
                line=entry.line,
                avoid=tuple(str(a) for a in entry.get("avoid") or ()),
            )
        )
    if findings:
        raise PortalError(findings)
    return sorted(terms, key=lambda t: t.term.casefold())


def _source_text(source) -> str:
    """A term's sources as one Markdown string; each mapping is checked by ``make check`` (R011)."""
    entries = source if isinstance(source, list) else [source]
    return "; ".join(as_markdown(e) if isinstance(e, dict) else " ".join(str(e).split()) for e in entries)


def abbreviation_definitions(terms: list[Term], language: str) -> str:
    """Python-Markdown ``abbr`` definitions, appended to each page by the abbreviations hook."""
    return "\n".join(f"*[{t.term}]: {t.tooltip(language)}" for t in terms if t.abbreviation)
