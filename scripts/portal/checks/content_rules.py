"""Content rules on the Markdown sources, reported at file and line.

What a careless commit most often gets wrong on a public government portal:
pages without a title or description, images without alt text, active
content (scripts, frames, event handlers, ``javascript:`` links), insecure
``http://`` links, vague link text, skipped heading levels, and KBBI terms
written the wrong way ("sosial media" for "media sosial", from the glossary).

Codes: R001 front matter, R002 image without alt text, R003 active content,
R004 http link, R005 vague link text, R006 heading level skipped, R007 term
to avoid.
"""

from __future__ import annotations

import re
from pathlib import Path

from portal.findings import Finding
from portal.glossary import Term
from portal.sources import SourceError, read_markdown
from portal.translations import is_content_page, is_english

FENCE = re.compile(r"^\s*(```|~~~)")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
HTML_IMG = re.compile(r"<img\b([^>]*)>", re.I)
ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)
ACTIVE = [
    (re.compile(r"<\s*(script|iframe|object|embed)\b", re.I), "raw <{0}> in content"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "inline event handler (on...=) in content"),
    (re.compile(r"javascript:", re.I), "javascript: URL in content"),
]
HTTP_LINK = re.compile(r"(?:\]\(|href=[\"']|<)(http://[^)\"'>\s]+)", re.I)
LINK_TEXT = re.compile(r"\[([^\]]+)\]\([^)]+\)|<a\b[^>]*>(.*?)</a>", re.I)
VAGUE = {"klik di sini", "di sini", "klik", "tautan ini", "click here", "here", "this link", "read more", "selengkapnya"}
HEADING = re.compile(r"^(#{1,6})\s")


def _lines(body: str):
    """Body lines outside fenced code, with their index."""
    in_fence = False
    for index, line in enumerate(body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield index, line


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
    for index, line in _lines(page.body):
        number = page.body_line + index
        for match in MD_IMAGE.finditer(line):
            if not match.group(1).strip():
                findings.append(Finding(shown, number, "R002", "image without alt text: describe it in ![...]"))
        for match in HTML_IMG.finditer(line):
            alt = ALT.search(match.group(1))
            if not alt or not alt.group(1).strip("\"' "):
                findings.append(Finding(shown, number, "R002", "<img> without alt text"))
        for pattern, message in ACTIVE:
            match = pattern.search(line)
            if match:
                findings.append(Finding(shown, number, "R003", message.format(*(match.groups() or ("",)))))
        for match in HTTP_LINK.finditer(line):
            findings.append(Finding(shown, number, "R004", f"insecure link {match.group(1)}: use https://"))
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


def check_content(docs_dir: Path, terms: list[Term]) -> list[Finding]:
    docs_dir = Path(docs_dir)
    findings: list[Finding] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        if is_content_page(rel):
            findings.extend(check_page(docs_dir, rel, terms))
    return findings
