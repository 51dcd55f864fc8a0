"""Offline variant of the site, for the release bundle opened from ``file://``.

Enabled by ``PORTAL_OFFLINE=1`` (``portal release`` sets it); a normal build is
untouched. Events used:

- ``on_config``: plain ``page.html`` URLs instead of folders (a browser opens
  ``index.html`` files, not folders, from disk) and the vendored iframe-worker
  shim as a polyfill, so Material's search worker runs from ``file://``
  without loading anything from another host (Material's own ``offline``
  plugin would add the shim from unpkg.com);
- ``on_post_build`` (priority -120, after ``i18n_output`` has split the search
  index per language; in the outermost build only): writes each language's
  ``search_index.js`` next to its ``search_index.json``, the form Material
  loads from ``file://``.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority

from portal import session
from portal.search_index import write_offline_indexes

SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


def enabled() -> bool:
    return os.environ.get("PORTAL_OFFLINE") == "1"


def on_config(config):
    if enabled():
        config.use_directory_urls = False
        config.extra["polyfills"] = [SHIM]
    return config


@event_priority(-120)
def on_post_build(config):
    if enabled() and session.current().depth == 1:
        write_offline_indexes(Path(config.site_dir))
