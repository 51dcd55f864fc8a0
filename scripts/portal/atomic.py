"""Folders replaced whole or not at all: ``site/`` after a build, ``dist/`` after a release.

A failed build used to leave ``site/`` half-written (one broken link: five
entries missing; a typo in a directive: empty), and a deploy or a copy taken
from it then published whatever was there. Now the new folder is made beside
the old one and swapped in only when it is complete; on failure the old one
stays exactly as it was, byte for byte.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable


def swap_in(new: Path, target: Path) -> None:
    """Put the complete folder ``new`` where ``target`` is, removing the old one only afterwards."""
    new, target = Path(new), Path(target)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def replace_folder(target: Path, make: Callable[[Path], bool]) -> bool:
    """``make(folder)`` into a new folder beside ``target``; swapped in when it returns True, else dropped."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        done = make(work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if not done:
        shutil.rmtree(work, ignore_errors=True)
        return False
    swap_in(work, target)
    return True
