"""Template sources (``docs/perangkat/_templates/*.yml``) -> :class:`~portal.toolkit.model.Toolkit`.

A loader reads files and hands their data to the records, which check
themselves (:func:`portal.toolkit.model.parse_template`); every fault of every
source is collected and raised at once, each ``file:line: Mnnn``. It writes
nothing.
"""

from __future__ import annotations

from pathlib import Path

from portal.findings import Finding, PortalError
from portal.sources import SourceError, load_yaml, read_text
from portal.toolkit.model import TEMPLATES_DIR, Template, Toolkit, parse_template


def template_files(docs_dir: Path) -> list[Path]:
    folder = Path(docs_dir) / TEMPLATES_DIR
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def load_toolkit(docs_dir: Path, modules: set[str]) -> Toolkit:
    """Every template source, checked; ``modules`` are the curriculum's module ids."""
    docs_dir = Path(docs_dir)
    findings: list[Finding] = []
    templates: list[Template] = []
    for path in template_files(docs_dir):
        shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        try:
            data = load_yaml(read_text(path, shown), shown)
        except SourceError as exc:
            findings.append(Finding(exc.path, exc.line, "M000", exc.message))
            continue
        template, faults = parse_template(data, shown, path.stem, modules)
        findings.extend(faults)
        if template is not None:
            templates.append(template)
    if findings:
        raise PortalError(findings)
    return Toolkit(tuple(templates))
