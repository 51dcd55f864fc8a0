"""Narratives hook: the publishing gate of ``docs/narasi/``, enforced at the source.

The build session (``session`` hook) has read and checked every narrative at
its one "now" (:mod:`portal.narratives.load`); any error stopped the build
before a page was written. Events used:

- ``on_pre_build``: the outermost build logs the draft warnings (caption or
  translation faults of a draft, and how many gaps each file still has:
  logged at INFO, marked "warning", so a draft in progress never fails the
  strict build that publishes everything else) and what is held back, and why;
- ``on_files`` (default priority, so before static-i18n's at -100): removes
  every narrative that may not be published (draft, review, under embargo,
  not yet valid), in both languages, from the files. MkDocs then never
  renders, copies, indexes, lists or sitemaps it, in any language;
- ``on_page_markdown`` (priority 10, before the ``generated`` hook appends
  abbreviations): replaces a narrative page's Markdown with the page
  generated from its record (:mod:`portal.narratives.pages`), and its title
  (tab, search result) with the training-example label where it is one.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from portal import session
from portal.drafts import GAP_CODES, gap_counts
from portal.narratives.model import HIDDEN
from portal.narratives.pages import display_title, page_markdown

log = get_plugin_logger("narratives")


def on_pre_build(config):
    current = session.current()
    if current.depth > 1:
        return  # static-i18n's build of the next language: same now, same narratives
    catalogue = current.narratives
    for finding in catalogue.warnings:
        if finding.code not in GAP_CODES:
            log.info(f"{finding} [warning: a {finding.code} fault does not stop a draft]")
    for path, count in gap_counts(catalogue.warnings).items():
        log.info(f"{path}: {count} gap(s) [[...]] still to fill in [warning: a draft is not published; make check lists them]")
    for narrative in catalogue.with_state(HIDDEN):
        log.info(f"docs/{narrative.paths['id']}: not published ({narrative.hidden_reason(catalogue.now)})")
    log.info(catalogue.summary())


def on_files(files, config):
    unpublished = session.current().narratives.unpublished_paths()
    for file in list(files):
        if file.src_uri in unpublished:
            files.remove(file)
    return files


@event_priority(10)
def on_page_markdown(markdown, page, config, files):
    catalogue = session.current().narratives
    found = catalogue.page(page.file.src_uri)
    if found is None:
        return markdown
    narrative, language = found
    if narrative.state(catalogue.now) == HIDDEN:  # on_files removed it; never render one by accident
        raise PluginError(f"docs/{page.file.src_uri}: unpublishable narrative reached rendering")
    page.meta["title"] = display_title(narrative, language)  # the tab and search say "training example" too
    return page_markdown(catalogue, narrative, language)
