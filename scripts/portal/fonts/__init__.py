"""The fonts every PDF is set in, shipped with the repository so the bytes never depend on the host.

Liberation Sans and Liberation Mono 2.1.5 (SIL Open Font License 1.1, see
``LICENSE-OFL.txt``): Latin with every letter Indonesian and English need.
WeasyPrint embeds whatever fonts fontconfig finds, so three clones of one
commit on one machine once gave three different PDFs after a system font
update. Importing this module points fontconfig at ``fonts.conf`` here,
which lists only this folder: a machine with no system fonts at all, or
other ones, sets the same glyphs and writes the same bytes. It must be
imported before WeasyPrint (``portal.pdf`` does), because fontconfig reads
its configuration once per process.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
CONFIG = FOLDER / "fonts.conf"
FAMILIES = ("Liberation Sans", "Liberation Mono")
FILES = tuple(sorted(FOLDER.glob("*.ttf")))

os.environ["FONTCONFIG_FILE"] = str(CONFIG)
