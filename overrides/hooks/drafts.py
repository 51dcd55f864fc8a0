"""Drafts hook: a page or module marked ``draft: true`` is never published, in any language.

The build session (``session`` hook) has read every page's ``draft:`` and
gaps (:mod:`portal.drafts`); a gap left in a page that is not a draft stopped
the build, naming file and line. Events used:

- ``on_config`` (each language's build, before static-i18n's at -100):
  removes the drafts' ``nav`` entries, so ``portal new page``/``new module``
  can list a page in ``mkdocs.yml`` before it is finished; the outermost
  build logs how many gaps each draft still has (INFO lines marked
  "warning", so a draft never fails the strict build; ``make check`` lists
  every gap) and what is held back;
- ``on_files`` (default priority, before static-i18n's at -100): removes both
  files of every draft. MkDocs then never renders, indexes, lists or
  sitemaps it.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from portal import session
from portal.drafts import gap_counts, strip_nav

log = get_plugin_logger("drafts")


def on_config(config):
    current = session.current()
    drafts = current.drafts
    if current.depth == 1:
        for path, count in gap_counts(drafts.warnings).items():
            log.info(f"{path}: {count} gap(s) [[...]] still to fill in [warning: a draft is not published; make check lists them]")
        if drafts.paths:
            log.info(f"{len(drafts.paths)} draft file(s) not published: {', '.join(sorted(drafts.paths))}")
    config.nav = strip_nav(config.nav, drafts.hides)
    return config


def on_files(files, config):
    drafts = session.current().drafts
    for file in list(files):
        if drafts.hides(file.src_uri):
            files.remove(file)
    return files
