"""The press kits' PNG cards, drawn pixel by pixel with the standard library only.

The kits' images are the project's own graphics, never an institution's logo.
The SVG cards are written by hand; the PNG cards are drawn here from a short
spec (colours, rings, lines of text in a 5×7 pixel font) and encoded with
:mod:`zlib` and :mod:`struct`, so anyone can redraw them without an image
library, and the same spec always gives the same pixels.

The PNG files are committed beside each kit's manifest (a kit's files are its
sources); ``python -m portal.cards docs`` redraws them after a spec changes,
and a test checks that the committed files still show these pixels.
"""

from __future__ import annotations

import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

Colour = tuple[int, int, int]

# 5×7 glyphs, one string per row, "#" for ink.
FONT: dict[str, tuple[str, ...]] = {
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": (".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "J": ("..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".####", "#....", "#....", ".###.", "....#", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "Z": ("#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    " ": (".....",) * 7,
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    ":": (".....", "..#..", "..#..", ".....", "..#..", "..#..", "....."),
    "/": (".....", "....#", "...#.", "..#..", ".#...", "#....", "....."),
    ".": (".....", ".....", ".....", ".....", ".....", ".##..", ".##.."),
    ",": (".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."),
}


@dataclass(frozen=True)
class Line:
    text: str
    x: int
    y: int
    scale: int
    colour: Colour


@dataclass(frozen=True)
class Card:
    """A card: background, a band at the bottom, concentric rings, lines of text."""

    width: int
    height: int
    background: Colour
    band: Colour
    band_height: int
    rings: tuple[tuple[int, int, int, int, Colour], ...]  # centre x, centre y, outer radius, thickness, colour
    lines: tuple[Line, ...]


class Canvas:
    def __init__(self, width: int, height: int, colour: Colour):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(colour) * (width * height))

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
        x0, x1 = max(0, x0), min(self.width, x1)
        row = bytes(colour) * max(0, x1 - x0)
        for y in range(max(0, y0), min(self.height, y1)):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def ring(self, cx: int, cy: int, outer: int, thickness: int, colour: Colour) -> None:
        inner = outer - thickness
        for y in range(max(0, cy - outer), min(self.height, cy + outer + 1)):
            for x in range(max(0, cx - outer), min(self.width, cx + outer + 1)):
                d = (x - cx) ** 2 + (y - cy) ** 2
                if inner * inner <= d <= outer * outer:
                    i = (y * self.width + x) * 3
                    self.pixels[i : i + 3] = bytes(colour)

    def text(self, line: Line) -> None:
        x = line.x
        for char in line.text.upper():
            glyph = FONT.get(char, FONT[" "])
            for gy, row in enumerate(glyph):
                for gx, ink in enumerate(row):
                    if ink == "#":
                        px, py = x + gx * line.scale, line.y + gy * line.scale
                        self.rect(px, py, px + line.scale, py + line.scale, line.colour)
            x += 6 * line.scale


def draw(card: Card) -> Canvas:
    canvas = Canvas(card.width, card.height, card.background)
    for cx, cy, outer, thickness, colour in card.rings:
        canvas.ring(cx, cy, outer, thickness, colour)
    canvas.rect(0, card.height - card.band_height, card.width, card.height, card.band)
    for line in card.lines:
        canvas.text(line)
    return canvas


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(canvas: Canvas) -> bytes:
    """An 8-bit RGB PNG: no filters, one IDAT, no timestamp or text chunks."""
    stride = canvas.width * 3
    raw = b"".join(b"\x00" + bytes(canvas.pixels[y * stride : (y + 1) * stride]) for y in range(canvas.height))
    header = struct.pack(">IIBBBBB", canvas.width, canvas.height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def decode_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB pixels of a PNG written by :func:`encode_png` (filter 0 only)."""
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("not a PNG")
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", data[:8])
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 3 + 1
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    if any(row[0] != 0 for row in rows):
        raise ValueError("only unfiltered rows are supported")
    return width, height, b"".join(row[1:] for row in rows)


TEAL, TEAL_LIGHT, TEAL_DARK = (11, 85, 102), (29, 111, 128), (7, 60, 72)
GOLD, WHITE, INK = (242, 182, 50), (255, 255, 255), (26, 26, 26)
SEA = (143, 211, 227)


def _card(number: str, place_dates: str, extra: str, rings: tuple) -> Card:
    """The landscape card (1080×566, Instagram's 1.91:1) shared by the kits."""
    return Card(
        width=1080, height=566, background=TEAL, band=GOLD, band_height=70, rings=rings,
        lines=(
            Line(f"KTT KE-{number} ASEAN", 60, 70, 9, WHITE),
            Line(f"{number}{'RD' if number.endswith('3') else 'ND'} ASEAN SUMMIT", 60, 150, 6, SEA),
            Line(place_dates, 60, 240, 5, WHITE),
            Line(extra, 60, 310, 4, WHITE),
            Line("CONTOH PELATIHAN / TRAINING EXAMPLE - PORTAL BIMTEK", 60, 518, 3, INK),
        ),
    )


# The kits' PNG cards: kit folder -> file -> card.
CARDS: dict[str, dict[str, Card]] = {
    "ktt-43": {
        "kartu-lanskap.png": _card(
            "43", "JAKARTA, 5-7 SEPTEMBER 2023", "ASEAN MATTERS: EPICENTRUM OF GROWTH",
            rings=((980, 140, 300, 26, TEAL_LIGHT), (980, 140, 220, 26, TEAL_LIGHT), (980, 140, 140, 26, TEAL_LIGHT), (980, 140, 60, 60, GOLD)),
        ),
    },
    "ktt-42": {
        "kartu-lanskap.png": _card(
            "42", "LABUAN BAJO, 10-11 MEI/MAY 2023", "HOTEL MERUORAH",
            rings=((900, 720, 520, 24, TEAL_LIGHT), (900, 720, 440, 24, TEAL_LIGHT), (900, 720, 360, 24, TEAL_LIGHT), (900, 720, 280, 24, TEAL_DARK)),
        ),
    },
}


def card_png(kit: str, name: str) -> bytes:
    return encode_png(draw(CARDS[kit][name]))


def main(argv: list[str] | None = None) -> int:
    """``python -m portal.cards DOCS_DIR``: redraw every kit's PNG cards."""
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
