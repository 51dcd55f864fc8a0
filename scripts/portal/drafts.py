"""Drafts and gaps: what is still being written never reaches the site.

A **gap** is text still to be filled in, written ``[[like this]]`` (in code,
inline or fenced, it is an example, not a gap). ``portal new`` (see
:mod:`portal.scaffold`) writes files full of them.

A **draft page** is an ordinary page (or curriculum module) whose Indonesian
file says ``draft: true`` in its front matter: written once, for both
languages. The ``drafts`` hook removes a draft's two files and its ``nav``
entry before MkDocs sees them, so it reaches no page, search index, sitemap
or listing; the curriculum loader leaves a draft module out of the schedule,
the summaries and the print book.

Findings, all at ``path:line``:

- R001 a page whose front matter cannot be read (invalid YAML, a key written
  twice, an impossible date) or that is not UTF-8: MkDocs would show such
  front matter as text, so the build stops (``portal check``'s content rules
  report the same finding);
- R008 a gap in a page: a warning while the page is a draft, an error (the
  build stops) once it is not;
- R009 ``draft:`` that is not ``true``/``false``, written in an English page,
  or written in a page whose state belongs to its record (a narrative has
  ``status:``, a press kit ``draft:`` in its ``kit.yml``).

Narratives (N023) and press kits (K015) report their own gaps, by their own
rule; their files are ``owned`` here and left to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from portal.findings import Finding, PortalError
from portal.sources import SourceError, read_markdown
from portal.translations import english_twin, is_content_page, is_english

DRAFT = "draft"
GAP_CODES = ("R008", "N023", "K015")  # a gap in a page, a narrative, a press kit
GAP = re.compile(r"\[\[[^\[\]\n]+\]\]")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)[^`\n].*?\1")


def find_gaps(text: str) -> list[tuple[int, str]]:
    """``(line, gap)`` for every ``[[...]]`` in ``text``, outside code (fenced blocks and inline spans)."""
    found = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        spans = [m.span() for m in _CODE_SPAN.finditer(line)]
        found.extend((number, match.group(0)) for match in GAP.finditer(line)
                     if not any(start <= match.start() < end for start, end in spans))
    return found


def is_draft(meta: dict) -> bool:
    """The page is a draft: ``draft: true`` (exactly; anything else is reported as R009)."""
    return meta.get(DRAFT) is True


@dataclass(frozen=True)
class Drafts:
    """Every draft page (both languages, docs-relative) and the gap warnings they carry."""

    paths: frozenset[str] = frozenset()
    warnings: tuple[Finding, ...] = ()

    def hides(self, src_uri: str) -> bool:
        return src_uri in self.paths


def load_drafts(docs_dir: Path, owned: Iterable[str] = ()) -> Drafts:
    """Read every content page's ``draft:`` and gaps; raise :class:`PortalError` on any error.

    ``owned``: docs-relative pages whose publishing state and gaps belong to
    their own record (narratives, press-kit pages), checked by their loaders.
    """
    docs_dir = Path(docs_dir)
    owned = set(owned)
    label = docs_dir.name
    pages = sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.md") if is_content_page(p.relative_to(docs_dir)))
    sources = {}
    findings: list[Finding] = []
    drafts: set[str] = set()
    for rel in pages:
        try:
            sources[rel] = read_markdown(docs_dir / rel, docs_dir)
        except SourceError as exc:
            # MkDocs would print front matter it cannot read as text at the top of the
            # page (and index it): the build stops instead. A narrative or kit page is
            # reported by its own loader (N000, K012); a module by the curriculum's (C000) too.
            if rel.as_posix() not in owned:
                findings.append(Finding(exc.path, exc.line, "R001", exc.message))
            continue
        meta, shown = sources[rel].meta, f"{label}/{rel.as_posix()}"
        if DRAFT not in meta:
            continue
        line = meta.line_of(DRAFT)
        if rel.as_posix() in owned:
            findings.append(Finding(shown, line, "R009", "draft: does not apply here: a narrative's state is its status:, a press kit's is draft: in its kit.yml"))
        elif is_english(rel):
            findings.append(Finding(shown, line, "R009", "draft: is written once, in the Indonesian page: remove it here"))
        elif not isinstance(meta[DRAFT], bool):
            findings.append(Finding(shown, line, "R009", f"draft: must be true or false, not {meta[DRAFT]!r}"))
        elif meta[DRAFT]:
            drafts.update({rel.as_posix(), english_twin(rel).as_posix()})
    for rel, source in sources.items():
        if rel.as_posix() in owned:
            continue
        shown = f"{label}/{rel.as_posix()}"
        draft = rel.as_posix() in drafts
        for line, gap in find_gaps(source.text):
            if draft:
                findings.append(Finding(shown, line, "R008", f"gap {gap} still to fill in (a warning while the page is a draft)", "warning"))
            else:
                where = "its Indonesian page" if is_english(rel) else "the page"
                findings.append(Finding(shown, line, "R008", f"gap {gap} left in a published page: fill it in, or mark {where} 'draft: true'"))
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise PortalError(errors)
    return Drafts(frozenset(drafts), tuple(sorted(findings)))


def gap_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """File -> number of gap findings (R008, N023, K015), for a build log that names each file once."""
    counts: dict[str, int] = {}
    for finding in findings:
        if finding.code in GAP_CODES:
            counts[finding.path] = counts.get(finding.path, 0) + 1
    return counts


def strip_nav(nav, hidden: Callable[[str], bool]):
    """The ``nav`` config without the page entries for which ``hidden(path)`` is true (and sections left empty)."""
    if nav is None:
        return nav

    def walk(entries):
        kept = []
        for entry in entries:
            if isinstance(entry, dict):
                cleaned = {}
                for title, value in entry.items():
                    if isinstance(value, list):
                        value = walk(value)
                        if value:
                            cleaned[title] = value
                    elif not (isinstance(value, str) and hidden(value.lstrip("/"))):
                        cleaned[title] = value
                if cleaned:
                    kept.append(cleaned)
            elif not (isinstance(entry, str) and hidden(entry.lstrip("/"))):
                kept.append(entry)
        return kept

    return walk(nav)

