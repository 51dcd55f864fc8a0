"""Live hook: what every page says about time, and where to follow the narratives.

Events used:

- ``on_page_context`` / ``on_template_context`` (the 404 pages too): a build
  with ``PORTAL_NOW`` is a preview of another moment (:mod:`portal.clock`);
  every page then carries a "Pratinjau / Preview" banner naming that moment,
  so a preview is never taken for the live site; and the feeds' ``<link
  rel="alternate">`` for every page (``portal_feeds``);
- ``on_post_build`` (the outermost build, after every language): each
  language's Atom and JSON feeds of the narratives in force and the published
  kits (:mod:`portal.feeds`), and ``build.json`` at the
  site's root (commit, "now" and its source, the next scheduled change), which
  the scheduled Pages deploy reads to decide whether anything is due
  (:func:`portal.livestate.due`).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from portal import DEFAULT_LANGUAGE, LANGUAGES, feeds, livestate, mkdocs_run, session, timeline
from portal.words import moment_text, section


def _context(context, language: str):
    current = session.current()
    context["portal_preview"] = (
        section("site", language)["preview_banner"].format(moment=moment_text(current.now, language)) if current.preview else ""
    )
    context["portal_feeds"] = feeds.feed_links(language)
    return context


def on_page_context(context, page, config, nav):
    return _context(context, config.theme["language"])


def on_template_context(context, template_name, config):
    return _context(context, config.theme["language"])


@event_priority(-105)  # after static-i18n's -100: the nested English build is done, nothing wipes its folder
def on_post_build(config):
    """In the outermost build: each language's feeds, and ``build.json`` (commit, now, next change)."""
    current = session.current()
    if current.depth != 1:
        return  # a nested build reports the outer site_dir: everything is written once, from the top
    site = Path(config.site_dir)
    for language in LANGUAGES:
        folder = site if language == DEFAULT_LANGUAGE else site / language
        for rel, data in feeds.files(current.narratives, current.presskits, config.site_url or "", language,
                                     feeds.epoch_moment(current.epoch)).items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
    root = Path(config.config_file_path or config.docs_dir).parent
    upcoming = timeline.next_change(timeline.changes(current.narratives, current.presskits), current.now)
    state = livestate.state(mkdocs_run.commit_id(root), current.moment, upcoming)
    (site / livestate.BUILD_STATE).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
