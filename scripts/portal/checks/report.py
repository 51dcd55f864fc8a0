"""Printing findings: one per line like a linter, or JSON, or Markdown for a CI summary."""

from __future__ import annotations

import json
from collections import Counter

from portal.findings import Finding


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {"error": counts.get("error", 0), "warning": counts.get("warning", 0)}


def as_text(findings: list[Finding]) -> str:
    if not findings:
        return ""  # quiet when all is well
    lines = [str(f) if f.severity == "error" else f"{f} [warning]" for f in sorted(findings)]
    counts = summary(findings)
    lines.append(f"{counts['error']} error(s), {counts['warning']} warning(s)")
    return "\n".join(lines)


def as_json(findings: list[Finding]) -> str:
    return json.dumps(
        {
            "summary": summary(findings),
            "findings": [
                {"path": f.path, "line": f.line, "code": f.code, "severity": f.severity, "message": f.message}
                for f in sorted(findings)
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_markdown(findings: list[Finding]) -> str:
    counts = summary(findings)
    lines = [f"**{counts['error']} error(s), {counts['warning']} warning(s)**", ""]
    if findings:
        lines += ["| Severity | Where | Code | Message |", "|---|---|---|---|"]
        for f in sorted(findings):
            where = f"{f.path}:{f.line}" if f.line else f.path
            lines.append(f"| {f.severity} | `{where}` | {f.code} | {f.message.replace('|', chr(92) + '|')} |")
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "markdown": as_markdown}
