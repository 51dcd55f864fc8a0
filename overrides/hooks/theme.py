"""Names of Material's hashed assets, read from the installed theme (:mod:`portal.theme`).

Events used: ``on_config``: puts the search worker's file name into
``config.extra.portal_search_worker`` for ``overrides/main.html``, so a
Material update that renames the worker cannot break search; a theme without
one stops the build with a message that says so.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from portal.theme import ThemeAssetError, search_worker


def on_config(config):
    try:
        config.extra["portal_search_worker"] = search_worker(config.theme.dirs)
    except ThemeAssetError as exc:
        raise PluginError(str(exc)) from None
    return config
