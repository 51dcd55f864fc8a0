"""One bilingual build: "now" pinned once, every catalogue loaded once, each kit bundled once.

static-i18n runs MkDocs' ``build()`` once per language, the others nested
inside the first one's ``on_post_build``, so every hook event fires once per
language. The session hook (``overrides/hooks/session.py``, the only code
that knows about that nesting) starts a :class:`Session` when the outermost
build starts and ends it when the last language is written; every other hook
reads :func:`current`. ``portal check`` uses a session too, with no build.

A session reads each catalogue the first time it is asked and counts the
reads (``portal bench`` prints them; the goal is one each), makes each kit's
downloads once per language, and owns the scratch folder they are made in. It
imports no page writer: pages get the records they show handed in.

Under ``make serve`` a session is handed the serve process's caches, which
outlive it: a :class:`~portal.buildcache.ContentCache` for the PDFs, ZIPs and
slimmed stylesheets, and a :class:`~portal.indonesian.RootMemo` for the
Indonesian roots. A production build has neither.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from portal import LANGUAGES, clock
from portal.buildcache import ContentCache
from portal.curriculum.load import load_curriculum
from portal.curriculum.model import Curriculum
from portal.curriculum.schedule import Schedule, build_schedule
from portal.drafts import Drafts, load_drafts
from portal.events.load import load_calendar
from portal.events.model import Calendar
from portal.files import Files, load_files
from portal.findings import Finding, PortalError, one_per_fault
from portal.glossary import Term, load_glossary
from portal.indonesian import RootMemo
from portal.narratives.load import load_catalogue as load_narratives, load_taxonomy, narrative_files
from portal.narratives.model import IN_FORCE, Catalogue as Narratives, Narrative, Taxonomy
from portal.narratives.visuals import Visual, visuals as draw_visuals
from portal.platforms import Platform, load_platforms
from portal.presskits.bundle import KitBuild, PdfRenderer, build_kit
from portal.presskits.load import kit_folders, load_catalogue as load_presskits
from portal.presskits.model import Catalogue as PressKits, page_src
from portal.toolkit.bundle import ToolkitFile, build_toolkit
from portal.toolkit.load import load_toolkit
from portal.toolkit.model import Toolkit
from portal.zipbuild import source_date_epoch

# Every catalogue of the site, in the order a build needs them.
CATALOGUES = ("platforms", "glossary", "curriculum", "schedule", "toolkit", "taxonomy", "narratives", "presskits", "events", "drafts", "files")


class Session:
    """What one build (both languages) or one ``portal check`` knows, read once."""

    def __init__(
        self, docs_dir: Path, now: dt.datetime | None = None, *, skip_pdf: bool = False,
        markdown: tuple[list, dict] | None = None, cache: ContentCache | None = None, roots: RootMemo | None = None,
    ) -> None:
        self.docs_dir = Path(docs_dir)
        self.moment = clock.Moment(now, "given") if now is not None else clock.read()
        self.now = self.moment.now
        self.preview = self.moment.source == clock.PREVIEW  # PORTAL_NOW: every page says it is a preview
        self.epoch = source_date_epoch()  # the ZIP entries' time: the commit, never the clock
        self.skip_pdf = skip_pdf  # PORTAL_SKIP_PDF=1 (tests that never look at one): no PDF is rendered
        self.markdown = markdown  # (extensions, their configs): the site's, for the documents' PDFs
        self.cache = cache  # make serve: PDFs, ZIPs, stylesheets by content hash, across rebuilds
        self.roots = roots  # make serve: each word's Indonesian root, across rebuilds
        self.loads: Counter[str] = Counter()
        self.depth = 0  # how deep in static-i18n's nested builds the current event runs
        self.not_found: dict[str, str] = {}  # language -> its rendered 404 page
        self.print_pages: dict[str, Path] = {}  # language -> the built print page of the curriculum
        self._records: dict[str, Any] = {}
        self._kit_builds: dict[tuple[str, str], KitBuild] = {}
        self._visuals: dict[tuple[str, str], tuple[Visual, ...]] = {}
        self.share_cards: dict[str, dict[str, Any]] = {}  # language -> card file -> its card (portal.share.Card)
        self._toolkit_files: dict[str, list[ToolkitFile]] = {}
        self._workdir: Path | None = None

    # --- Catalogues, each read once ---------------------------------------------------------

    def _once(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self._records:
            self.loads[name] += 1
            self._records[name] = load()
        return self._records[name]

    @property
    def platforms(self) -> dict[str, Platform]:
        return self._once("platforms", lambda: load_platforms(self.docs_dir))

    @property
    def glossary(self) -> list[Term]:
        return self._once("glossary", lambda: load_glossary(self.docs_dir))

    @property
    def curriculum(self) -> Curriculum:
        return self._once("curriculum", lambda: load_curriculum(self.docs_dir))

    @property
    def schedule(self) -> Schedule:
        return self._once("schedule", lambda: build_schedule(self.docs_dir, self.curriculum))

    @property
    def toolkit(self) -> Toolkit:
        """The working documents' template sources (``docs/perangkat/_templates/``), checked (``M`` codes)."""
        return self._once("toolkit", lambda: load_toolkit(self.docs_dir, {m.id for m in self.curriculum.modules}))

    @property
    def taxonomy(self) -> Taxonomy:
        return self._once("taxonomy", lambda: load_taxonomy(self.docs_dir))

    @property
    def narratives(self) -> Narratives:
        return self._once("narratives", lambda: load_narratives(self.docs_dir, self.now, self.taxonomy, self.platforms))

    @property
    def presskits(self) -> PressKits:
        return self._once("presskits", lambda: load_presskits(self.docs_dir, self.now))

    @property
    def events(self) -> Calendar:
        """The event pages' dates and places (``docs/acara/``), for the landing page."""
        return self._once("events", lambda: load_calendar(self.docs_dir, self.now))

    @property
    def drafts(self) -> Drafts:
        """Draft pages and modules, and the gaps of every ordinary page (narratives and kit pages have their own rule)."""
        return self._once("drafts", lambda: load_drafts(self.docs_dir, self._owned_pages()))

    @property
    def files(self) -> Files:
        """Every published file's name and every image's bytes (F001-F003), referenced or not."""
        return self._once("files", lambda: load_files(self.docs_dir))

    def _owned_pages(self) -> set[str]:
        owned = {path.relative_to(self.docs_dir).as_posix() for files in narrative_files(self.docs_dir).values() for path in files.values()}
        for folder in kit_folders(self.docs_dir):
            owned.update(page_src(folder.name, language) for language in LANGUAGES)
        return owned

    def warnings(self) -> list[Finding]:
        """The warnings of every catalogue read so far (drafts' gaps, draft narratives' faults, ...)."""
        found: list[Finding] = []
        for record in self._records.values():
            found.extend(getattr(record, "warnings", ()))
        return sorted(found)

    def load_all(self) -> None:
        """Every catalogue, so a fault in any stops a build before a page is written: all findings at once."""
        findings: list[Finding] = []
        for name in CATALOGUES:
            try:
                getattr(self, name)
            except PortalError as exc:
                findings.extend(exc.findings)
        if findings:
            raise PortalError(one_per_fault(findings))

    # --- Press-kit downloads, each made once per language -------------------------------------

    @property
    def workdir(self) -> Path:
        """Scratch folder for the PDFs and the files MkDocs copies into the site; gone with the session."""
        if self._workdir is None:
            self._workdir = Path(tempfile.mkdtemp(prefix="portal-build-"))
        return self._workdir

    def kit_build(self, kit_id: str, language: str) -> KitBuild:
        key = (kit_id, language)
        if key not in self._kit_builds:
            kit = self.presskits.by_id().get(kit_id)
            if kit is None or not kit.published(self.now):
                reason = f"is not published ({kit.hidden_reason(self.now)})" if kit else "does not exist"
                raise PortalError([Finding(kit.manifest if kit else "mkdocs.yml", 1, "K000",
                                           f"kit {kit_id!r} {reason}: its page must not be rendered in {language}")])
            renderer = None if self.skip_pdf else PdfRenderer(self.workdir, *(self.markdown or ([], {})), cache=self.cache)
            self.loads["kit bundles"] += 1
            try:
                self._kit_builds[key] = build_kit(kit, language, self.epoch, renderer, cache=self.cache)
            except Exception as exc:  # a PDF that cannot be made stops the build, naming the kit
                raise PortalError([Finding(kit.manifest, 1, "K000", f"cannot build the {language} downloads: {exc}")]) from exc
        return self._kit_builds[key]

    def kit_builds(self, language: str) -> list[KitBuild]:
        """The downloads of every published kit in ``language``, in the catalogue's order."""
        return [self.kit_build(kit.id, language) for kit in self.presskits.published()]

    # --- Narratives' platform visuals, each drawn once per language ----------------------------

    def narrative_visuals(self, narrative: Narrative, language: str) -> tuple[Visual, ...]:
        """The three platform images of a narrative in force (none for any other), drawn once per language."""
        if narrative.state(self.now) != IN_FORCE:
            return ()
        key = (narrative.id, language)
        if key not in self._visuals:
            self.loads["narrative visuals"] += 1
            self._visuals[key] = draw_visuals(narrative, language, self.now, cache=self.cache)
        return self._visuals[key]

    # --- The toolkit's files, each made once per language ---------------------------------------

    def toolkit_files(self, language: str) -> list[ToolkitFile]:
        """Every working document in ``language`` (xlsx, docx, ics), made once: the bytes the pages measure."""
        if language not in self._toolkit_files:
            self.loads["toolkit files"] += 1
            titles = {m.id: m.title(language) for m in self.curriculum.modules}
            self._toolkit_files[language] = build_toolkit(self.toolkit, language, self.epoch, self.platforms, self.schedule, titles,
                                                          cache=self.cache)
        return self._toolkit_files[language]

    def close(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def load_report(self) -> str:
        """``catalogue reads: platforms 1, ..., files 1; kit bundles made: 4; toolkit file sets made: 2``: what ``portal bench`` prints."""
        reads = ", ".join(f"{name} {self.loads[name]}" for name in CATALOGUES)
        return (f"catalogue reads: {reads}; kit bundles made: {self.loads['kit bundles']}; "
                f"toolkit file sets made: {self.loads['toolkit files']}")


# --- The session of the build that is running ---------------------------------------------

_current: Session | None = None


def start(session: Session) -> Session:
    global _current
    if _current is not None:
        _current.close()
    _current = session
    return session


def is_running() -> bool:
    return _current is not None


def current() -> Session:
    if _current is None:
        raise PortalError([Finding("mkdocs.yml", 1, "P000", "no build session: list overrides/hooks/session.py first under 'hooks:'")])
    return _current


def end() -> Session | None:
    """Close the running session (idempotent: a failed build ends it more than once)."""
    global _current
    session, _current = _current, None
    if session is not None:
        session.close()
    return session
