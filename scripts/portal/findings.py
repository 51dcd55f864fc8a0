"""Findings reported like a linter: ``path:line: CODE message``.

Every validator in the package returns :class:`Finding` objects with a stable
code, so people and tests can grep for a kind of fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    code: str
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.code} {self.message}"


class PortalError(Exception):
    """Raised when source data is invalid; carries every finding, not only the first."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = sorted(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


def one_per_fault(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per fault, the first kept: a file that cannot be read (front matter, UTF-8) is seen by
    its kind's loader (C000, N000, K012, K013...), by the content rules (R001) and by the translation
    checks (T000), each with the same line and message; callers list the most specific first."""
    kept: dict[tuple[str, int, str], Finding] = {}
    for finding in findings:
        kept.setdefault((finding.path, finding.line, finding.message), finding)
    return list(kept.values())


def raise_on_errors(findings: Iterable[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise PortalError(errors)
