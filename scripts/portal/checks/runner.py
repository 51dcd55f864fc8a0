"""Running the checks in their order: sources first, then the built site.

``check_sources`` needs no build and stops a broken commit early; the site
checks read what readers get. The content models are validated by loading
them through a build session, exactly as the build does
(:mod:`portal.session`), so a rule is never written twice.
"""

from __future__ import annotations

from pathlib import Path

from portal import safety, timeline
from portal.checks.content_rules import check_content
from portal.checks.external import Cache, check_external
from portal.checks.site_links import check_site
from portal.checks.sourcemap import SourceMap
from portal.checks.translation_checks import check_translations
from portal.directives import DIRECTIVE
from portal.findings import Finding, PortalError
from portal.generated import providers
from portal.session import Session
from portal.sources import SourceError, read_text
from portal.translations import is_content_page


def check_directives(docs_dir: Path, known: set[str]) -> list[Finding]:
    """Unknown ``<!-- portal:NAME -->`` names, found without a build."""
    findings = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        if not is_content_page(rel):
            continue
        try:
            text = read_text(path, f"{docs_dir.name}/{rel.as_posix()}")
        except SourceError:
            continue  # not UTF-8: reported by the content rules (R001)
        for match in DIRECTIVE.finditer(text):
            if match.group(1) not in known:
                line = text.count("\n", 0, match.start()) + 1
                findings.append(Finding(f"{docs_dir.name}/{rel.as_posix()}", line, "D001", f"unknown directive portal:{match.group(1)}"))
    return findings


def check_sources(docs_dir: Path) -> list[Finding]:
    docs_dir = Path(docs_dir)
    session = Session(docs_dir, skip_pdf=True)
    findings: list[Finding] = []
    try:
        session.load_all()  # every content model: curriculum, schedule, glossary, narratives, kits...
        findings.extend(check_directives(docs_dir, set(providers(session))))
    except PortalError as exc:
        findings.extend(exc.findings)
    findings.extend(session.warnings())  # drafts in progress: reported, never a failure
    try:
        findings.extend(timeline.expiring_soon(session.narratives))  # W001: renew it or let it lapse
    except PortalError:
        pass  # the narratives' own errors are reported above
    findings.extend(check_translations(docs_dir))
    try:
        terms = session.glossary
    except PortalError:
        terms = []  # reported above
    findings.extend(check_content(docs_dir, terms))
    findings.extend(safety.check_sources(docs_dir))
    return list(dict.fromkeys(findings))  # a page the build refuses (R001) is also one the content rules refuse


def check_built_site(
    site: Path, docs_dir: Path, site_url: str, *, external: bool = True, offline: bool = False,
    strict_external: bool = False, cache_path: Path | None = None, cache_ttl: float = 7 * 86400,
) -> list[Finding]:
    links = check_site(site, docs_dir, site_url)
    findings = list(links.findings)
    if external:
        cache = Cache(cache_path or Path(".cache/external-links.json"), cache_ttl)
        sources = SourceMap(docs_dir)
        findings.extend(check_external(
            links.external, cache, offline=offline, strict=strict_external,
            locate=lambda page, url: sources.locate(page, [url]),
        ))
    return findings
