"""Content rules on the Markdown sources, reported at file and line.

What a careless commit most often gets wrong on a public government portal:
pages without a title or description, images without alt text, active
content (scripts, frames, event handlers, ``javascript:`` links), insecure
``http://`` links, vague link text, skipped heading levels, and KBBI terms
written the wrong way ("sosial media" for "media sosial", from the glossary).

Codes: R001 front matter, R002 image without alt text, R005 vague link text,
R006 heading level skipped, R007 term to avoid, R010 image file missing. R003
(active content) and R004 (``http://``) are :mod:`portal.safety`'s, which the
build itself enforces too. Kit documents are pages like any other here.
"""

from __future__ import annotations

import re
from pathlib import Path

from portal.findings import Finding
from portal.glossary import Term
from portal.safety import prose_lines
from portal.sources import SourceError, read_markdown
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


def check_page(docs_dir: Path, rel: Path, terms: list[Term]) -> list[Finding]:
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
    avoid = [] if is_english(rel) or pending else [(a, t.term) for t in terms for a in t.avoid]
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
        lowered = line.lower()
        for wrong, right in avoid:
            for found in re.finditer(re.escape(wrong.lower()), lowered):
                before = lowered[found.start() - 1 : found.start()]
                if before not in ("\"", "“", "'", "‘"):  # a quoted mention explains the rule
                    findings.append(Finding(shown, number, "R007", f"write {right!r}, not {wrong!r}"))
    return findings


def checked_pages(docs_dir: Path) -> list[Path]:
    """Every page the rules read: the site's pages and the press kits' documents (published as pages and PDFs)."""
    docs_dir = Path(docs_dir)
    pages = [p.relative_to(docs_dir) for p in sorted(docs_dir.rglob("*.md")) if is_content_page(p.relative_to(docs_dir))]
    return pages + [p.relative_to(docs_dir) for p in sorted(docs_dir.glob(KIT_DOCUMENTS))]


def check_content(docs_dir: Path, terms: list[Term]) -> list[Finding]:
    docs_dir = Path(docs_dir)
    findings: list[Finding] = []
    for rel in checked_pages(docs_dir):
        findings.extend(check_page(docs_dir, rel, terms))
    return findings
