"""static-i18n's nested builds, counted in one place.

static-i18n builds the first language, then calls MkDocs' ``build()`` for each
further language from inside its own ``on_post_build``. Every hook event
therefore fires once per language, nested. A hook that must act once per
whole build (load a catalogue at the start, finish the site at the end) keeps
a :class:`NestedBuilds`, enters it at the start of each build and leaves it at
the end of each.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from portal import clock
from portal.findings import PortalError


class NestedBuilds:
    """How deep inside static-i18n's nested builds the current event runs."""

    def __init__(self) -> None:
        self.depth = 0

    def enter(self) -> bool:
        """Start of a build; True for the outermost one (the first language)."""
        self.depth += 1
        return self.depth == 1

    def leave(self) -> bool:
        """End of a build; True when the outermost one ends (every language is written)."""
        self.depth = max(self.depth - 1, 0)
        return self.depth == 0

    def reset(self) -> None:
        """After a failed build, so ``mkdocs serve`` starts the next one from the top."""
        self.depth = 0


def load_at_pinned_now(load, docs_dir: Path, what: str, on_failure):
    """Pin "now" for the whole build and load a catalogue that depends on it.

    Shared by the narratives and press-kit hooks: a clock or content fault
    calls ``on_failure`` (the hook's clean-up) and stops the build with a
    message that says nothing was published.
    """
    try:
        clock.pin(clock.now())
        return load(docs_dir)
    except clock.ClockError as exc:
        on_failure()
        raise PluginError(f"Cannot tell the time for the {what}: {exc}") from None
    except PortalError as exc:
        on_failure()
        raise PluginError(f"{what.capitalize()} are invalid; nothing was published:\n{exc}") from None
