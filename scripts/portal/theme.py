"""What the installed Material theme ships, read when the site is built, never written in a template.

Material names its bundles by content hash (``search.a7633da7.min.js``); a
template that wrote the name would break search, silently, at the theme's
next update. :func:`search_worker` finds the worker in the theme's own
folders, so the name always matches the files the build copies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

SEARCH_WORKER = "assets/javascripts/workers/search.*.min.js"


class ThemeAssetError(LookupError):
    """The theme has no such asset, or more than one candidate."""


def hashed_asset(theme_dirs: Iterable[str | Path], pattern: str) -> str:
    """The one file matching ``pattern`` (relative, with ``*`` for the hash) in the first theme folder that has it."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob(pattern))
        if len(found) > 1:
            raise ThemeAssetError(f"{folder}: more than one {pattern}: {', '.join(p.name for p in found)}")
        if found:
            return found[0].relative_to(folder).as_posix()
    raise ThemeAssetError(f"no {pattern} in the theme folders ({', '.join(str(d) for d in theme_dirs)}): has Material changed its layout?")


def search_worker(theme_dirs: Iterable[str | Path]) -> str:
    return hashed_asset(list(theme_dirs), SEARCH_WORKER)
