"""The build refuses active and insecure content (:mod:`portal.safety`), not only ``make check``.

Events used: ``on_config`` (priority 900, right after the build session
starts): the outermost build reads every source whose text can reach the
site (pages, narratives, kit documents, snippets, SVGs) and stops, listing
every ``file:line: R003``/``R004`` finding, before a single file is written:
``make build`` publishes a ``<script>``, a ``javascript:`` link, an
``<iframe>`` or an ``http://`` image no more than ``make check`` lets one pass.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from portal import safety, session


@event_priority(900)
def on_config(config):
    if session.current().depth == 1:
        findings = safety.check_sources(Path(config.docs_dir))
        if findings:
            raise PluginError("Active or insecure content; nothing was published:\n" + "\n".join(str(f) for f in findings))
    return config
