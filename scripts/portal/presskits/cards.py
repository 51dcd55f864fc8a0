"""The press kits' PNG cards: what each says, drawn by :mod:`portal.drawing` (Pillow, the shipped font).

The kits' images are the project's own graphics, never an institution's logo.
The SVG cards are written by hand; the PNG cards are drawn from the specs
below by the same code as the share previews and the narratives' visuals.
They are committed beside each kit's manifest (a kit's files are its
sources, whose size and SHA-256 its manifest, ZIP and ``SHA256SUMS`` report);
``python -m portal.presskits.cards docs`` redraws them after a spec changes,
and a test checks that the committed files show the pixels these specs draw.
"""

from __future__ import annotations

import sys
from pathlib import Path

from portal.drawing import GOLD, TEAL_DARK, TEAL_LIGHT, KitCard, kit_card

LABEL = "CONTOH PELATIHAN / TRAINING EXAMPLE · PORTAL BIMTEK"

# The kits' PNG cards: kit folder -> file -> card.
CARDS: dict[str, dict[str, KitCard]] = {
    "ktt-43": {
        "kartu-lanskap.png": KitCard(
            "KTT ke-43 ASEAN", "43rd ASEAN Summit", "Jakarta, 5–7 September 2023", "ASEAN Matters: Epicentrum of Growth", LABEL,
            rings=((980, 140, 300, 26, TEAL_LIGHT), (980, 140, 220, 26, TEAL_LIGHT), (980, 140, 140, 26, TEAL_LIGHT), (980, 140, 60, 60, GOLD)),
        ),
    },
    "ktt-42": {
        "kartu-lanskap.png": KitCard(
            "KTT ke-42 ASEAN", "42nd ASEAN Summit", "Labuan Bajo, 10–11 Mei/May 2023", "Hotel Meruorah", LABEL,
            rings=((900, 720, 520, 24, TEAL_LIGHT), (900, 720, 440, 24, TEAL_LIGHT), (900, 720, 360, 24, TEAL_LIGHT), (900, 720, 280, 24, TEAL_DARK)),
        ),
    },
}


def card_png(kit: str, name: str) -> bytes:
    return kit_card(CARDS[kit][name]).data


def main(argv: list[str] | None = None) -> int:
    """``python -m portal.presskits.cards DOCS_DIR``: redraw every kit's PNG cards."""
    args = sys.argv[1:] if argv is None else argv
    docs = Path(args[0] if args else "docs")
    for kit, cards in CARDS.items():
        for name in cards:
            target = docs / "kit-media" / "_kits" / kit / name
            target.write_bytes(card_png(kit, name))
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
