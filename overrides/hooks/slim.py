"""A lighter first load (:mod:`portal.slim`), applied to the finished site.

- ``on_post_page`` (priority -100, after the other hooks have edited the page):
  collapses Material's indentation.
- ``on_post_build`` (priority -200, after every other post-build step): in the
  outermost build (the session knows static-i18n's nesting), so the stylesheets
  are slimmed (and the portal's own CSS and JS minified) once, when both languages, their 404 pages and the PDFs are written
  (under ``serve``, a stylesheet pruned before for the same names is taken from the session's cache).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from portal import session
from portal.slim import minify_own_assets, slim_stylesheets, squeeze_html

log = get_plugin_logger(__name__)


@event_priority(-100)
def on_post_page(output, page, config):
    return squeeze_html(output)


@event_priority(-200)
def on_post_build(config):
    current = session.current()
    if current.depth > 1:
        return
    for rel, (before, after) in minify_own_assets(Path(config.site_dir)).items():
        log.debug("%s: %d -> %d bytes", rel, before, after)
    for old, new in slim_stylesheets(Path(config.site_dir), current.cache).items():
        log.debug("%s -> %s", old, new)
