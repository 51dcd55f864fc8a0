"""One term per concept: ``docs/_data/terms.yml``, per language, read once and applied everywhere.

Each entry names a concept and, for each language it rules, the term to use
and the variants to avoid; ``scope`` (optional) limits it to some folders, for
a word that means something else elsewhere ("keluaran", a build's output in
the maintainer guide). ``make check`` reports a variant on any page,
narrative or kit document of that language as R007, at its line (the Indonesian
spelling rules of the glossary's ``avoid`` lists join the same check). A
variant is matched as a whole word, case-insensitively; one written inside
quotation marks or a code span is a mention of the rule, not a use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portal import LANGUAGES
from portal.findings import Finding, PortalError
from portal.sources import LineDict, load_data_list

TERMS_FILE = Path("_data") / "terms.yml"


@dataclass(frozen=True)
class Rule:
    language: str
    use: str
    avoid: tuple[str, ...]
    concept: str = ""
    line: int = 0
    scope: tuple[str, ...] = ()  # docs-relative path prefixes the rule applies to; empty: every page

    def applies_to(self, rel: str) -> bool:
        return not self.scope or rel.startswith(self.scope)

    def patterns(self) -> list[tuple[str, re.Pattern]]:
        return [(a, re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])", re.I)) for a in self.avoid]


def load_terms(docs_dir: Path) -> list[Rule]:
    """Every rule of the terms file; a malformed entry is an R007 finding at its line."""
    if not (Path(docs_dir) / TERMS_FILE).is_file():
        return []
    shown, entries = load_data_list(Path(docs_dir), TERMS_FILE, "terms", "R")
    rules: list[Rule] = []
    findings: list[Finding] = []
    for entry in entries:
        if not isinstance(entry, LineDict) or not entry.get("concept"):
            findings.append(Finding(shown, getattr(entry, "line", 1), "R007", "each term needs a concept and, per language, use and avoid"))
            continue
        for language in LANGUAGES:
            ruling = entry.get(language)
            if ruling is None:
                continue
            avoid = ruling.get("avoid") if isinstance(ruling, dict) else None
            if not isinstance(ruling, dict) or not isinstance(ruling.get("use"), str) or not ruling["use"].strip() \
                    or not isinstance(avoid, list) or not all(isinstance(a, str) and a.strip() for a in avoid):
                findings.append(Finding(shown, entry.line_of(language), "R007", f"{entry['concept']}: '{language}' needs use: (a term) and avoid: (a list of variants)"))
                continue
            scope = entry.get("scope") or []
            if not isinstance(scope, list) or not all(isinstance(x, str) for x in scope):
                findings.append(Finding(shown, entry.line_of("scope"), "R007", f"{entry['concept']}: scope must be a list of folders such as kurikulum/"))
                continue
            rules.append(Rule(language, ruling["use"].strip(), tuple(a.strip() for a in avoid), str(entry["concept"]),
                              entry.line_of(language), tuple(scope)))
    if findings:
        raise PortalError(findings)
    return rules


QUOTES = ("\"", "“", "'", "‘", "`")


def term_findings(line: str, number: int, shown: str, rules: list[tuple[str, re.Pattern, str]]) -> list[Finding]:
    """R007 findings of one line: ``rules`` are ``(variant, pattern, term to use)``."""
    findings = []
    for wrong, pattern, right in rules:
        for found in pattern.finditer(line):
            before = line[found.start() - 1 : found.start()]
            if before not in QUOTES:  # a quoted mention explains the rule
                findings.append(Finding(shown, number, "R007", f"write {right!r}, not {wrong!r}"))
    return findings
