"""The build session: the only hook that knows static-i18n runs one build per language, nested.

static-i18n builds Indonesian, then calls MkDocs' ``build()`` for English from
inside its own ``on_post_build`` (priority -100). This hook counts that
nesting and gives every other hook one :class:`portal.session.Session` for
the whole bilingual build: one "now", each catalogue read once, each kit
bundled once. Events used:

- ``on_startup``: remembers the command (``serve`` renders no PDF) for the
  sessions to come;
- ``on_config`` (priority 1000, before every other hook of each build): the
  outermost build starts the session, pinning "now" (``PORTAL_NOW``, else the
  commit time) and reading every catalogue, so a fault in any stops the build
  before anything is written, listing every ``file:line: CODE``;
- ``on_post_build`` (priority -1000, after every other step of the last
  language) ends it, with its scratch folder; the outermost build logs how
  often each catalogue was read;
- ``on_build_error`` and ``on_shutdown``: end it too, so ``make serve``
  starts the next build from the top.

Hooks that finish the whole site once (``i18n_output``, ``offline``,
``slim``) run at priorities below -100 and ask :attr:`Session.depth` whether
this is the outermost build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from portal import clock, session
from portal.findings import PortalError

log = get_plugin_logger("session")
_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


@event_priority(1000)
def on_config(config):
    current = session.current() if session.is_running() else None
    if current is None:
        skip_pdf = _command["name"] == "serve" or os.environ.get("PORTAL_SKIP_PDF") == "1"
        try:
            current = session.start(session.Session(
                Path(config.docs_dir), skip_pdf=skip_pdf, markdown=(config.markdown_extensions, config.mdx_configs),
            ))
            current.load_all()
        except clock.ClockError as exc:
            session.end()
            raise PluginError(f"Cannot tell the time for this build; nothing was published: {exc}") from None
        except PortalError as exc:
            session.end()
            raise PluginError(f"The sources are invalid; nothing was published:\n{exc}") from None
    current.depth += 1
    return config


@event_priority(-1000)
def on_post_build(config):
    current = session.current()
    current.depth -= 1
    if current.depth == 0:
        log.info(current.load_report())
        session.end()


def on_build_error(error):
    session.end()


def on_shutdown():
    session.end()
