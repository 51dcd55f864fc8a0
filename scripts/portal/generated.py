"""Every generated block a page may ask for with ``<!-- portal:NAME -->``, from the session handed in.

Each block is a function of the page's language over a catalogue the session
has already read (:mod:`portal.session`), so asking for the blocks reads
nothing again; the press-kit blocks show the very downloads the session made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portal import landing
from portal.curriculum import pages as curriculum
from portal.directives import Provider
from portal.narratives import pages as narratives
from portal.presskits import pages as presskits
from portal.reference_pages import caption_workbench, glossary_entries, platform_table
from portal.toolkit import pages as toolkit

if TYPE_CHECKING:
    from portal.session import Session


def providers(session: Session) -> dict[str, Provider]:
    blocks: dict[str, Provider] = {
        "glossary": lambda language: glossary_entries(session.glossary, language),
        "platform-limits": lambda language: platform_table(session.platforms, language),
        "caption-workbench": lambda language: caption_workbench(session.platforms, language),
        "module-list": lambda language: curriculum.module_list(session.curriculum, language),
        "schedule": lambda language: curriculum.schedule_table(session.schedule, language),
        "key-points": lambda language: curriculum.key_points(session.curriculum, language),
        "exercise-handout": lambda language: curriculum.exercise_handout(session.curriculum, language),
        "print-book": lambda language: curriculum.print_book(session.curriculum, language),
        "narratives": lambda language: narratives.index_markdown(session.narratives, language),
        "narrative-archive": lambda language: narratives.archive_markdown(session.narratives, language),
        "press-kit-list": lambda language: presskits.kit_list(session.kit_builds(language), language),
        "home-ways": lambda language: landing.ways(session.curriculum, session.narratives, session.kit_builds(language), language),
        "home-narratives": lambda language: landing.narratives_block(session.narratives, language),
        "home-kit": lambda language: landing.kit_block(session.kit_builds(language), session.events, language),
        "home-event": lambda language: landing.event_block(session.events, language),
    }
    blocks["toolkit-list"] = lambda language: toolkit.toolkit_list(session.toolkit_files(language), session.curriculum, language)
    for module in session.curriculum.modules:
        blocks[f"toolkit-{module.id}"] = lambda language, module_id=module.id: toolkit.module_block(session.toolkit_files(language), module_id, language)
    for kit in session.presskits.kits:
        blocks[kit.directive] = lambda language, kit_id=kit.id: presskits.kit_block(session.kit_build(kit_id, language), language)
    return blocks
