"""Press-kit hook: kits checked, gated by their embargo, and their downloads made first.

Events used:
- ``on_startup``: remembers the command; ``mkdocs serve`` skips the documents'
  PDFs (a second or more per rebuild), as does ``PORTAL_SKIP_PDF=1`` (set only
  by tests whose copies of the site do not look at them); the kit pages then
  say so, and the ZIP holds the other files.
- ``on_config`` (runs at the start of each language's build, before
  static-i18n's at -100): the outermost build pins the build's "now"
  (:mod:`portal.clock`: ``PORTAL_NOW``, else the commit time; the narratives
  hook then keeps the same moment) and loads every kit
  (:mod:`portal.presskits`), so a fault stops the build before anything is
  written, listing every ``file:line: Knnn``. Every build then removes the
  ``nav`` entries of kits under embargo: a kit listed in ``mkdocs.yml`` ahead
  of its embargo is still not linked.
- ``on_files`` (default priority, before static-i18n's at -100, so it pairs the
  languages of what this adds): removes every page of a kit under embargo;
  turns each published document's source (kept out of the site by
  ``exclude_docs: _kits/``) into its page at ``kit-media/<kit>/<item>/``; then
  makes this language's downloads (:mod:`portal.kitbuild`) and adds them as
  files. MkDocs writes exactly the bytes whose size and SHA-256 the pages
  print, because the pages are rendered afterwards from the same record.
- ``on_page_markdown`` (priority 10, before the ``generated`` hook): a
  document's page gets its kit, embargo and PDF figures under its title.
- ``on_post_build`` (priority -110, after static-i18n has built the other
  language), ``on_build_error`` and ``on_shutdown``: release the "now", the
  record and the scratch folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from portal import DEFAULT_LANGUAGE, clock, kitbuild
from portal.findings import PortalError
from portal.presskit_pages import document_page
from portal.nesting import NestedBuilds, load_at_pinned_now
from portal.presskits import load_catalogue, strip_nav
from portal.zipbuild import source_date_epoch

log = get_plugin_logger("presskits")
_builds = NestedBuilds()
_state: dict = {"command": "build", "catalogue": None, "workdir": None}


def _release() -> None:
    _builds.reset()
    _state["catalogue"] = None
    kitbuild.end()
    clock.unpin()
    if _state["workdir"]:
        shutil.rmtree(_state["workdir"], ignore_errors=True)
        _state["workdir"] = None


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    _builds.enter()
    if _state["catalogue"] is None:
        catalogue = load_at_pinned_now(load_catalogue, Path(config.docs_dir), "press kits", _release)
        _state["catalogue"] = catalogue
        _state["workdir"] = Path(tempfile.mkdtemp(prefix="portal-presskits-"))
        kitbuild.begin(catalogue)
        hidden = ", ".join(f"{k.id} (embargo until {k.embargo_until.isoformat()})" for k in catalogue.hidden())
        log.info(f"{len(catalogue.published())} press kit(s) published" + (f"; held back: {hidden}" if hidden else ""))
    config.nav = strip_nav(config.nav, [k.page_dir for k in _state["catalogue"].hidden()])
    return config


def _skip_pdf() -> bool:
    return _state["command"] == "serve" or os.environ.get("PORTAL_SKIP_PDF") == "1"


def on_files(files, config):
    catalogue = _state["catalogue"]
    if catalogue is None:
        raise PluginError("presskits hook: on_files ran without on_config")
    language = config.theme["language"]
    hidden = tuple(f"{k.page_dir}/" for k in catalogue.hidden())
    for file in list(files):
        if file.src_uri.startswith(hidden):
            files.remove(file)

    for src_uri, (kit, item, _) in catalogue.document_pages().items():
        source = files.get_file_from_path(src_uri)
        if source is not None:
            files.remove(source)
        files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                          dest_uri=f"{kit.page_dir}/{item.id}/index.html", inclusion=InclusionLevel.NOT_IN_NAV))

    renderer = None
    if not _skip_pdf():
        renderer = kitbuild.PdfRenderer(_state["workdir"], config.markdown_extensions, config.mdx_configs)
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    epoch = source_date_epoch()
    for kit in catalogue.published():
        try:
            build = kitbuild.build_kit(kit, language, epoch, renderer)
        except Exception as exc:  # a PDF that cannot be made stops the build, naming the kit
            raise PluginError(f"{kit.manifest}: cannot build the {language} downloads: {exc}") from exc
        kitbuild.record(build)
        folder = _state["workdir"] / "files" / language / kit.id
        folder.mkdir(parents=True, exist_ok=True)
        for download in build.files():
            path = folder / download.name
            path.write_bytes(download.data)
            file = File.generated(config, f"{build.folder}/{download.name}", abs_src_path=str(path),
                                  inclusion=InclusionLevel.INCLUDED)
            file.dest_uri = f"{prefix}{build.folder}/{download.name}"
            files.append(file)
    return files


@event_priority(10)
def on_page_markdown(markdown, page, config, files):
    catalogue = _state["catalogue"]
    found = catalogue.document_pages().get(page.file.src_uri) if catalogue else None
    if found is None:
        return markdown
    kit, item, language = found
    try:
        return document_page(kit, item, language, markdown)
    except PortalError as exc:
        raise PluginError(str(exc)) from None


@event_priority(-110)
def on_post_build(config):
    if _builds.leave():
        _release()


def on_build_error(error):
    _release()


def on_shutdown():
    _release()
