"""What no published text may carry: active and insecure content, one rule for every source.

A government portal's readers are exactly who an attacker would like to
reach, so the build itself refuses, with the findings ``make check`` gives:

- **R003 active content** in Markdown (pages, kit documents, narratives,
  snippets): a raw ``<script>``, ``<iframe>``, ``<object>`` or ``<embed>``, an
  inline event handler (``onclick=``...), a ``javascript:`` or ``data:`` URL in
  a link or a source. The portal's own scripts live in ``overrides/`` and
  ``docs/assets/``, never in page content;
- **R004 insecure links and resources**: ``http://`` in a link or a source;
- **SVG** (every SVG the site serves, in ``docs/`` or a kit): script, event
  handlers, ``<foreignObject>``, and anything loaded from another host.

Fenced code is text, not markup: it is shown, never run, so it is not
checked (a page may teach what an unsafe link looks like inside a fence).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from portal.findings import Finding

FENCE = re.compile(r"^\s*(```|~~~)")
ACTIVE = [
    (re.compile(r"<\s*(script|iframe|object|embed)\b", re.I), "raw <{0}> in content"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "inline event handler (on...=) in content"),
    (re.compile(r"javascript:", re.I), "javascript: URL in content"),
    (re.compile(r"(?:\]\(\s*<?|(?:href|src|srcset|data)\s*=\s*[\"']?\s*)data:", re.I), "data: URL in a link or source"),
]
INSECURE = re.compile(r"(?:\]\(\s*<?|(?:href|src|srcset)\s*=\s*[\"']\s*|<)(http://[^)\"'>\s]+)", re.I)
SVG_UNSAFE = re.compile(
    r"<script\b|\bon[a-z]+\s*=|javascript:|<foreignObject\b"
    r"|(?:href|src)\s*=\s*[\"']\s*(?:[a-z][a-z0-9+.-]*:|//)"
    r"|url\(\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:|//)|@import",
    re.I,
)


def prose_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of every line outside fenced code."""
    in_fence = False
    for index, line in enumerate(text.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield first_line + index, line


def markdown_findings(text: str, shown: str, first_line: int = 1) -> list[Finding]:
    """R003 and R004 findings of Markdown (front matter included: its values reach pages too)."""
    findings = []
    for number, line in prose_lines(text, first_line):
        for pattern, message in ACTIVE:
            match = pattern.search(line)
            if match:
                findings.append(Finding(shown, number, "R003", message.format(*(match.groups() or ("",)))))
        for match in INSECURE.finditer(line):
            findings.append(Finding(shown, number, "R004", f"insecure link {match.group(1)}: use https://"))
    return findings


def svg_unsafe(text: str) -> str | None:
    """What makes an SVG unsafe to serve (script, handlers, another host), or ``None``."""
    match = SVG_UNSAFE.search(text)
    return match.group(0).strip() if match else None


def svg_findings(path: Path, shown: str) -> list[Finding]:
    text = path.read_text(encoding="utf-8", errors="replace")
    match = SVG_UNSAFE.search(text)
    if not match:
        return []
    line = text.count("\n", 0, match.start()) + 1
    return [Finding(shown, line, "R003", f"SVG holds {match.group(0).strip()!r}: an image may not run script or load anything from another host")]


def published_sources(docs_dir: Path) -> list[Path]:
    """Every Markdown and SVG file whose text can reach the site: pages, narratives, kit files, snippets.

    ``docs/_data/`` holds YAML only; every other Markdown file under ``docs/``
    is a page, a narrative, a kit document or a snippet a page includes.
    """
    docs_dir = Path(docs_dir)
    found = []
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir)
        if path.is_file() and path.suffix in (".md", ".svg") and rel.parts[0] != "_data" and not any(p.startswith(".") for p in rel.parts):
            found.append(path)
    return found


def check_sources(docs_dir: Path) -> list[Finding]:
    """Every active or insecure construct in every published source, at its file and line."""
    docs_dir = Path(docs_dir)
    findings: list[Finding] = []
    for path in published_sources(docs_dir):
        shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        if path.suffix == ".svg":
            findings.extend(svg_findings(path, shown))
        else:
            findings.extend(markdown_findings(path.read_text(encoding="utf-8", errors="replace"), shown))
    return findings
