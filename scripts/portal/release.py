"""``portal release VERSION``: a verifiable, reproducible, offline-browsable release.

Refuses, saying why, unless the version is new and well formed, the work tree
is clean, ``CHANGELOG.md`` has the version's section and every check passes
(including the press kits' rule on placeholders left in their text).
It then builds the offline variant of the site once, with ``SOURCE_DATE_EPOCH``
taken from the commit, into a temporary folder beside ``dist/``:

- ``portal-VERSION-site.zip``: the whole bilingual site, browsable from
  ``file://`` after unzipping (plain ``page.html`` links, search from
  ``search_index.js``, the vendored iframe-worker shim);
- the press-kit ZIPs, the curriculum PDFs and the toolkit's working
  documents (xlsx, docx, ics, both languages), as the site serves them;
- ``RELEASE-NOTES.md``: the version's ``CHANGELOG.md`` section;
- ``portal-VERSION-sbom.cdx.json``: the CycloneDX SBOM of the pinned runtime
  set (:mod:`portal.sbom`);
- ``SHA256SUMS`` over everything above.

Only when everything succeeded does the folder replace ``dist/`` (so a failed
release leaves no half-written ``dist/``) and, unless ``dry_run``, an annotated
tag ``vVERSION`` is created.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from portal import atomic, csp, mkdocs_run
from portal.checks.runner import check_built_site, check_sources
from portal.findings import Finding
from portal.sbom import SbomError, runtime_sbom
from portal.toolkit.bundle import DOWNLOADS as TOOLKIT_DOWNLOADS
from portal.zipbuild import deterministic_zip, sha256sums

VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
DIST = "dist"


class ReleaseRefused(Exception):
    """A release that must not happen; the message says why and what to do."""


@dataclass(frozen=True)
class Artefact:
    name: str
    size: int


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReleaseRefused(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


SECTION = re.compile(r"^## +(.+?)[ \t]*$", re.M)
LINK_DEFINITION = re.compile(r"^\[[^\]\n]+\]:[ \t]+\S")  # ``[1.0.0]: https://...`` at the end of the file
COMMENT = re.compile(r"<!--.*?-->", re.S)


def changelog_sections(text: str) -> list[tuple[str, str]]:
    """``(heading, body)`` of every ``## `` section of a Keep a Changelog file, in order.

    A body ends at the next ``## `` heading, whatever its form, and the last
    one before the link definitions that close the file (``[1.0.0]: https://...``).
    """
    matches = list(SECTION.finditer(text))
    sections = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        lines = text[match.end():end].splitlines()
        if index + 1 == len(matches):
            while lines and (not lines[-1].strip() or LINK_DEFINITION.match(lines[-1])):
                lines.pop()
        sections.append((match.group(1), "\n".join(lines).strip()))
    return sections


def changelog_section(root: Path, version: str) -> str:
    """The body of ``## [VERSION]`` in CHANGELOG.md (Keep a Changelog), without its heading.

    Refuses while ``## [Unreleased]`` still lists changes: at a release every
    committed change is in it, so the maintainer closes that section first,
    renaming it ``## [VERSION] - YYYY-MM-DD`` under a new, empty ``## [Unreleased]``.
    """
    sections = changelog_sections((root / "CHANGELOG.md").read_text(encoding="utf-8"))
    close = (f"rename '## [Unreleased]' to '## [{version}] - YYYY-MM-DD' and put a new, empty "
             f"'## [Unreleased]' above it (see docs/panduan/rilis.md)")
    body = next((text for heading, text in sections if re.match(rf"\[{re.escape(version)}\]|{re.escape(version)}(?:\s|$)", heading)), "")
    if not body:
        raise ReleaseRefused(f"CHANGELOG.md has no section '## [{version}]' with what this release changes: {close}")
    unreleased = next((text for heading, text in sections if heading.lower().startswith("[unreleased]")), "")
    if COMMENT.sub("", unreleased).strip():
        raise ReleaseRefused(f"CHANGELOG.md: '## [Unreleased]' still lists changes, and they are part of this release: {close}")
    return body + "\n"


def _refuse_findings(what: str, findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        listing = "\n".join(f"  {f}" for f in errors[:20])
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise ReleaseRefused(f"{what} failed with {len(errors)} error(s):\n{listing}{more}")


def preflight(root: Path, version: str, tagged: bool = False) -> str:
    """Every refusal that needs no build; returns the release notes.

    ``tagged``: the tag exists already and must name this commit (the release
    workflow, run by the pushed tag); otherwise the tag must not exist yet.
    """
    if not VERSION.match(version):
        raise ReleaseRefused(f"'{version}' is not a version: use MAJOR.MINOR.PATCH, e.g. 1.2.0")
    dirty = git(root, "status", "--porcelain")
    if dirty.strip():
        raise ReleaseRefused("the work tree has uncommitted changes; commit or stash them first:\n" + dirty.rstrip())
    exists = bool(git(root, "tag", "--list", f"v{version}").strip())
    if tagged:
        if not exists or git(root, "rev-list", "-n", "1", f"v{version}") != git(root, "rev-parse", "HEAD"):
            raise ReleaseRefused(f"--tagged: v{version} must exist and name the checked-out commit")
    elif exists:
        raise ReleaseRefused(f"v{version} is already tagged: choose the next version")
    notes = changelog_section(root, version)
    # The source checks include the press kits' own rule: a kit whose text still
    # holds placeholders is refused (K015) unless its manifest allows them
    # explicitly, with a reason the kit page shows.
    _refuse_findings("make check (source checks)", check_sources(root / "docs"))
    return notes


def commit_epoch(root: Path) -> str:
    return git(root, "log", "-1", "--format=%ct").strip()


def build_offline_site(root: Path, site: Path, epoch: str) -> None:
    """The offline variant at the commit's time: never a preview clock or a skipped PDF from the shell."""
    result = mkdocs_run.build(root, site, epoch=epoch, offline=True)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise ReleaseRefused(f"the strict build failed:\n{tail}")


def collect(site: Path, version: str, epoch: int, notes: str, out: Path, sbom: bytes) -> list[Artefact]:
    # The nginx header lines (portal.csp) are for a server; the bundle is opened from disk.
    entries = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
               if p.is_file() and p.relative_to(site).as_posix() != csp.HEADER_SNIPPET}
    files: dict[str, bytes] = {f"portal-{version}-site.zip": deterministic_zip(entries, epoch, deflate=True)}
    for name, data in entries.items():
        leaf = name.rsplit("/", 1)[-1]
        toolkit = name.startswith((f"{TOOLKIT_DOWNLOADS}/", f"en/{TOOLKIT_DOWNLOADS}/"))
        if name.endswith(".zip") or leaf.startswith("kurikulum-bimtek-") and leaf.endswith(".pdf") or toolkit:
            if leaf in files and files[leaf] != data:
                raise ReleaseRefused(f"two different downloads are both called {leaf}")
            files[leaf] = data
    files["RELEASE-NOTES.md"] = f"# Portal Bimtek {version}\n\n{notes}".encode("utf-8")
    files[f"portal-{version}-sbom.cdx.json"] = sbom
    files["SHA256SUMS"] = sha256sums(files.items())
    out.mkdir(parents=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    return [Artefact(name, len(data)) for name, data in sorted(files.items())]


def release(root: Path, version: str, *, dry_run: bool = False, tagged: bool = False) -> list[Artefact]:
    root = Path(root).resolve()
    notes = preflight(root, version, tagged)
    epoch = commit_epoch(root)
    work = Path(tempfile.mkdtemp(prefix=".release-", dir=root))
    try:
        site = work / "site"
        build_offline_site(root, site, epoch)
        site_url = mkdocs_run.site_url(root)
        _refuse_findings("The built-site checks", check_built_site(site, root / "docs", site_url, external=False))
        try:
            sbom = runtime_sbom(root, version, int(epoch))
        except SbomError as exc:
            raise ReleaseRefused(str(exc)) from None
        artefacts = collect(site, version, int(epoch), notes, work / DIST, sbom)
        if git(root, "status", "--porcelain").strip():
            raise ReleaseRefused("the build changed tracked files; release nothing")
        atomic.swap_in(work / DIST, root / DIST)
        if not (dry_run or tagged):
            git(root, "tag", "-a", f"v{version}", "-m", f"Portal Bimtek {version}")
        return artefacts
    finally:
        shutil.rmtree(work, ignore_errors=True)
