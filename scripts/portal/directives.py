"""Generated blocks inside hand-written pages: ``<!-- portal:NAME -->``.

A page keeps its own introduction in each language; the build replaces a
directive line with Markdown generated from data (glossary, platform limits,
schedule, ...). An unknown directive is an error naming the file and line,
so a typo never publishes an empty section.
"""

from __future__ import annotations

import re
from typing import Callable

from portal.findings import Finding, PortalError

DIRECTIVE = re.compile(r"^[ \t]*<!--\s*portal:([a-z0-9-]+)\s*-->[ \t]*$", re.M)

Provider = Callable[[str], str]  # language -> Markdown


def expand(markdown: str, language: str, providers: dict[str, Provider], path: str, first_line: int) -> str:
    """Replace every directive; ``first_line`` is the file line of the Markdown's first line."""
    findings = []

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in providers:
            line = first_line + markdown.count("\n", 0, match.start())
            findings.append(Finding(path, line, "D001", f"unknown directive portal:{name} (known: {', '.join(sorted(providers))})"))
            return match.group(0)
        return providers[name](language)

    # A generated block may itself hold directives (the print book holds the
    # modules); expand until none is left, with a bound against a loop.
    for _ in range(3):
        result = DIRECTIVE.sub(replace, markdown)
        if findings:
            raise PortalError(findings)
        if result == markdown:
            break
        markdown = result
    return result


def after_title(body: str, block: str) -> str:
    """``body`` with ``block`` under its ``#`` title (at the top when it has none)."""
    lines = body.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if at is None:
        return f"{block}\n\n{body}"
    return "\n".join(lines[: at + 1] + ["", block, ""] + lines[at + 1 :])
