"""The build session: the only hook that knows static-i18n runs one build per language, nested.

static-i18n builds Indonesian, then calls MkDocs' ``build()`` for English from
inside its own ``on_post_build`` (priority -100). This hook counts that
nesting and gives every other hook one :class:`portal.session.Session` for
the whole bilingual build: one "now", each catalogue read once, each kit
bundled once. Events used:

- ``on_startup``: remembers the command for the sessions to come; under
  ``serve`` the process keeps caches across rebuilds (:mod:`portal.buildcache`,
  in memory and under ``.cache/serve/`` of the project): the PDFs, the kits'
  ZIPs and the slimmed stylesheets by content hash, each word's Indonesian
  root, and the theme's compiled templates;
- ``on_config`` (priority 1000, before every other hook of each build): the
  outermost build starts the session, pinning "now" (``PORTAL_NOW``, else the
  commit time) and reading every catalogue, so a fault in any stops the build
  before anything is written, listing every ``file:line: CODE``;
- ``on_env``: under ``serve``, hands Jinja the compiled templates of the
  rebuilds before (it checks each template's source against its code);
- ``on_post_build`` (priority -1000, after every other step of the last
  language) ends it, with its scratch folder; the outermost build logs how
  often each catalogue was read, and under ``serve`` what the caches gave;
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
from portal.buildcache import ContentCache, TemplateCodeCache
from portal.findings import PortalError
from portal.indonesian import RootMemo

log = get_plugin_logger("session")
_command = {"name": "build"}
_serve: dict = {}  # the serve process's caches, made by its first build: content, roots, templates


def on_startup(command, dirty):
    _command["name"] = command
    _serve.clear()


def _serve_caches(config) -> dict:
    """The serve process's caches (none for any other command), their counts reset for this build."""
    if _command["name"] != "serve":
        return {}
    if not _serve:
        folder = Path(config.config_file_path or config.docs_dir).parent / ".cache" / "serve"
        _serve.update(content=ContentCache(folder), templates=TemplateCodeCache(),
                      roots=RootMemo(folder / "roots-pysastrawi.json"))
    _serve["content"].reset_counts()
    _serve["roots"].stemmed = 0
    return _serve


@event_priority(1000)
def on_config(config):
    current = session.current() if session.is_running() else None
    if current is None:
        skip_pdf = os.environ.get("PORTAL_SKIP_PDF") == "1"
        caches = _serve_caches(config)
        try:
            current = session.start(session.Session(
                Path(config.docs_dir), skip_pdf=skip_pdf, markdown=(config.markdown_extensions, config.mdx_configs),
                cache=caches.get("content"), roots=caches.get("roots"),
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


def on_env(env, config, files):
    if _serve:
        env.bytecode_cache = _serve["templates"]
    return env


@event_priority(-1000)
def on_post_build(config):
    current = session.current()
    current.depth -= 1
    if current.depth == 0:
        log.info(current.load_report())
        if current.cache is not None:
            roots = current.roots
            log.info(current.cache.report() + (f"; {roots.stemmed} new word(s) stemmed" if roots else ""))
        session.end()


def on_build_error(error):
    session.end()


def on_shutdown():
    session.end()
