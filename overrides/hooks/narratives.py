"""Narratives hook: the publishing gate of ``docs/narasi/``, enforced at the source.

Events used:
- ``on_pre_build`` (priority 100, so before the ``generated`` hook lists the
  narratives): when the outermost build starts, pins the build's "now"
  (:mod:`portal.clock`: ``PORTAL_NOW``, else the commit time, else the clock)
  so both languages, the index and the pages agree; then loads and checks
  every narrative (:mod:`portal.narratives`). Any error stops the build
  before a single page is written, listing every finding as ``file:line``.
  Warnings (caption or translation faults of a draft) are logged at INFO,
  marked "warning", so a draft in progress never fails the strict build that
  publishes everything else.
- ``on_files`` (default priority, so before static-i18n's at -100): removes
  every narrative that may not be published (draft, review, under embargo,
  not yet valid), in both languages, from the files. MkDocs then never
  renders, copies, indexes, lists or sitemaps it, in any language.
- ``on_page_markdown`` (priority 10, before the ``generated`` hook appends
  abbreviations): replaces a narrative page's Markdown with the page
  generated from its record (label, approval badge, facts, caption cards).
- ``on_post_build`` (priority -110, after static-i18n has built the other
  language) and ``on_build_error``: release the pinned "now".
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from portal import clock
from portal.narratives import HIDDEN, load_catalogue, page_markdown
from portal.nesting import NestedBuilds, load_at_pinned_now

log = get_plugin_logger("narratives")
_builds = NestedBuilds()
_state: dict = {"catalogue": None}


def _release() -> None:
    _builds.reset()
    _state["catalogue"] = None
    clock.unpin()


@event_priority(100)
def on_pre_build(config):
    if not _builds.enter() and _state["catalogue"] is not None:
        return  # static-i18n's build of the next language: same now, same narratives
    catalogue = load_at_pinned_now(load_catalogue, Path(config.docs_dir), "narratives", _release)
    for finding in catalogue.warnings:
        log.info(f"{finding} [warning: a {finding.code} fault does not stop a draft]")
    for narrative in catalogue.with_state(HIDDEN):
        log.info(f"docs/{narrative.paths['id']}: not published ({narrative.hidden_reason(catalogue.now)})")
    log.info(catalogue.summary())
    _state["catalogue"] = catalogue


def on_files(files, config):
    catalogue = _state["catalogue"]
    if catalogue is None:
        raise PluginError("narratives hook: on_files ran without on_pre_build")
    unpublished = catalogue.unpublished_paths()
    for file in list(files):
        if file.src_uri in unpublished:
            files.remove(file)
    return files


@event_priority(10)
def on_page_markdown(markdown, page, config, files):
    catalogue = _state["catalogue"]
    found = catalogue.page(page.file.src_uri) if catalogue else None
    if found is None:
        return markdown
    narrative, language = found
    if narrative.state(catalogue.now) == HIDDEN:  # on_files removed it; never render one by accident
        raise PluginError(f"docs/{page.file.src_uri}: unpublishable narrative reached rendering")
    return page_markdown(catalogue, narrative, language)


@event_priority(-110)
def on_post_build(config):
    if _builds.leave():
        _release()


def on_build_error(error):
    _release()
