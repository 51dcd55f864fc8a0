"""Share hook: every page's Open Graph / Twitter tags, its preview card, and the narratives' platform visuals.

What each page shows when shared, and what is drawn, is decided in
:mod:`portal.share` and :mod:`portal.narratives.visuals`; this adapts them to
MkDocs. Events used:

- ``on_files`` (default priority, before static-i18n's at -100, so it pairs the
  languages of what this adds): adds this language's three platform images of
  every narrative in force as files beside the narrative's page. The session
  draws them once per language, and the narrative page is rendered from the
  same bytes, so the size and SHA-256 it prints are the served file's. A
  character the font cannot draw (an emoji) is dropped from the images and
  logged here (INFO, marked "warning");
- ``on_page_context``: the page's card (its narrative's, its kit's or its
  section's) is noted in the session and the tags naming it go into the
  template's context as ``portal_share`` (``overrides/main.html`` writes
  them; a 404 page has no page, so none);
- ``on_post_build`` (default priority: each language's own build, before
  static-i18n starts the next one at -100): draws each card this language
  named, once, and writes it under ``assets/share/``; under ``make serve``
  through the session's cache, so an unchanged card is not drawn again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from portal import DEFAULT_LANGUAGE, session, share
from portal.narratives.model import IN_FORCE
from portal.narratives.visuals import dropped, folder

log = get_plugin_logger("share")


def on_files(files, config):
    current = session.current()
    language = config.theme["language"]
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    target = current.workdir / "visuals" / language
    for narrative in current.narratives.with_state(IN_FORCE):
        lost = dropped(narrative, language, current.now)
        if lost:
            log.info(f"docs/{narrative.paths.get(language, narrative.paths['id'])}: left out of the {language} images, "
                     f"the shipped font has no glyph for: {', '.join(lost)} [warning: the captions keep them]")
        for visual in current.narrative_visuals(narrative, language):
            path = target / visual.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(visual.data)
            src = f"{folder(narrative)}/{visual.name}"
            file = File.generated(config, src, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = f"{prefix}{src}"
            files.append(file)
    return files


def on_page_context(context, page, config, nav):
    current = session.current()
    language = config.theme["language"]
    section = page.ancestors[-1].title if page.ancestors else None
    card = share.card_for(
        page.file.src_uri, language, title=page.title or config.site_name,
        description=page.meta.get("description", ""), section=section,
        site_description=config.site_description or "", narratives=current.narratives, presskits=current.presskits,
    )
    current.share_cards.setdefault(language, {})[card.dest] = card
    context["portal_share"] = share.tags(
        title=page.title or config.site_name, description=page.meta.get("description") or config.site_description or "",
        url=page.canonical_url or "", card=card, site_url=config.site_url or "", language=language, home=page.is_homepage,
    )
    return context


def on_post_build(config):
    current = session.current()
    language = config.theme["language"]
    site = Path(config.site_dir)
    for dest, card in sorted(current.share_cards.get(language, {}).items()):
        lost = card.dropped()
        if lost:
            log.info(f"{dest}: left out of the card, the shipped font has no glyph for: {', '.join(lost)} [warning]")
        path = site / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(card.png(current.cache))
