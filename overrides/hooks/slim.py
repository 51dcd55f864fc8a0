"""A lighter first load (:mod:`portal.slim`), applied to the finished site.

- ``on_post_page`` (priority -100, after the other hooks have edited the page):
  collapses Material's indentation.
- ``on_pre_build`` / ``on_post_build`` (priority -200, after every other
  post-build step): counts static-i18n's nested builds, so the stylesheets are
  slimmed once, when both languages, their 404 pages and the PDFs are written.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from portal.nesting import NestedBuilds
from portal.slim import slim_stylesheets, squeeze_html

log = get_plugin_logger(__name__)
_builds = NestedBuilds()


@event_priority(-100)
def on_post_page(output, page, config):
    return squeeze_html(output)


def on_pre_build(config):
    _builds.enter()


@event_priority(-200)
def on_post_build(config):
    if not _builds.leave():
        return
    for old, new in slim_stylesheets(Path(config.site_dir)).items():
        log.debug("%s -> %s", old, new)


def on_build_error(error):
    _builds.reset()
