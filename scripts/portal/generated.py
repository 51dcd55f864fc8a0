"""Every generated block a page may ask for with ``<!-- portal:NAME -->``.

Each content kind exposes ``providers(docs_dir) -> {name: language -> Markdown}``;
this module gathers them so the ``generated`` hook has one place to look. A
data fault raises :class:`portal.findings.PortalError` naming file and line.
"""

from __future__ import annotations

from pathlib import Path

from portal import curriculum_pages, glossary, narratives, platforms, presskits
from portal.directives import Provider


def load_providers(docs_dir: Path) -> dict[str, Provider]:
    providers: dict[str, Provider] = {}
    for kind in (glossary, platforms, curriculum_pages, narratives, presskits):
        providers.update(kind.providers(Path(docs_dir)))
    return providers
