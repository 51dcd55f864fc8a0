"""Which page translates which: the pairing rule of the two-language site.

Indonesian (``page.md``) is the source language; English lives beside it as
``page.en.md``. A page without its counterpart is an error unless the
Indonesian page declares ``translation: pending`` in its front matter; the
English build then shows the Indonesian text with a notice (see the
``translations`` hook).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal.findings import Finding
from portal.sources import SourceError, read_markdown

SECONDARY = "en"
PENDING = "pending"


def is_content_page(rel: Path) -> bool:
    """Pages the site publishes: Markdown outside ``_``/``.`` folders (data, snippets)."""
    return rel.suffix == ".md" and not any(part.startswith(("_", ".")) for part in rel.parts)


def english_twin(rel: Path) -> Path:
    return rel.with_name(f"{rel.stem}.{SECONDARY}.md")


def is_english(rel: Path) -> bool:
    return rel.name.endswith(f".{SECONDARY}.md")


@dataclass(frozen=True)
class Pair:
    source: Path  # Indonesian page, relative to docs_dir
    english: Path | None  # None when the translation is pending
    pending: bool


def pair_pages(docs_dir: Path) -> tuple[list[Pair], list[Finding]]:
    """Pair every Indonesian page with its English twin; report what does not pair."""
    docs_dir = Path(docs_dir)
    label = docs_dir.name
    pages = sorted(
        p.relative_to(docs_dir) for p in docs_dir.rglob("*.md") if is_content_page(p.relative_to(docs_dir))
    )
    present = set(pages)
    pairs: list[Pair] = []
    findings: list[Finding] = []
    for rel in pages:
        shown = f"{label}/{rel.as_posix()}"
        if is_english(rel):
            source = rel.with_name(rel.name[: -len(f".{SECONDARY}.md")] + ".md")
            if source not in present:
                findings.append(Finding(shown, 1, "T002", f"English page has no Indonesian source {label}/{source.as_posix()}"))
            continue
        twin = english_twin(rel)
        try:
            meta = read_markdown(docs_dir / rel, docs_dir).meta
        except SourceError as exc:
            findings.append(Finding(exc.path, exc.line, "T000", exc.message))
            continue
        state = meta.get("translation")
        if state not in (None, PENDING):
            findings.append(Finding(shown, meta.line_of("translation"), "T003", f"translation: must be '{PENDING}' or absent, not {state!r}"))
        pending = state == PENDING
        if twin in present:
            if pending:
                findings.append(Finding(shown, meta.line_of("translation"), "T004", f"marked 'translation: {PENDING}' but {label}/{twin.as_posix()} exists: remove the mark"))
            pairs.append(Pair(rel, twin, False))
        elif pending:
            pairs.append(Pair(rel, None, True))
        elif "module" in meta:  # a curriculum module (C004): its exercises and timings need both languages
            findings.append(Finding(shown, 1, "T001", f"no English translation {label}/{twin.as_posix()}: write it (a curriculum module cannot be 'translation: {PENDING}'; mark the module 'draft: true' to keep it unpublished meanwhile)"))
        else:
            findings.append(Finding(shown, 1, "T001", f"no English translation {label}/{twin.as_posix()}: write it, or mark this page 'translation: {PENDING}' in its front matter"))
    return pairs, findings
