"""Each page's Content-Security-Policy, computed from its final bytes (:mod:`portal.csp`).

Events used: ``on_post_build`` (priority -300: after every step that edits the
pages, the slimmed stylesheets' new names included; in the outermost build only,
when both languages and their 404 pages are written): every HTML file gets a
``<meta http-equiv="Content-Security-Policy">`` with the hashes of its own inline
scripts and styles, and the site's root gets ``.csp-header.conf``, the header the
nginx example sends (every page's hashes, ``frame-ancestors 'none'``). A page the
policy would break (an inline handler, a ``javascript:`` URL, a ``style``
attribute) fails the build.

Under ``make serve`` (a session with the serve process's cache) pages carry no
policy: MkDocs' live reload injects an inline script into every response, a
different one per request, which no hash computed here could allow.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from portal import csp, session

log = get_plugin_logger(__name__)


@event_priority(-300)
def on_post_build(config):
    current = session.current()
    if current.depth > 1 or current.cache is not None:
        return
    site = Path(config.site_dir)
    header, faults = csp.apply_to_site(site)
    if faults:
        raise PluginError("Markup the Content-Security-Policy would block:\n" + "\n".join(faults))
    csp.write_header_snippet(site, header)
    log.debug("Content-Security-Policy header: %s", header)
