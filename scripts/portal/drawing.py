"""Every raster image the portal draws: one library (Pillow), one shipped font, the same bytes everywhere.

The share previews of every page (1200×630), the platform visuals of every
narrative in force (1080×1350, 1080×1080, 1080×1920) and the press kits'
PNG cards are all drawn here, from plain text handed in (this module knows
no content kind). The text is set in Liberation Sans 2.1.5, the font the PDFs
use (``portal/fonts/``, SIL Open Font License 1.1, licence beside it): Latin
with every letter Indonesian and English need. It is opened by path, never
looked up among the host's fonts, and laid out with Pillow's basic layout
(no system HarfBuzz/raqm, whose version would change the pixels), so one
commit gives the same bytes on every machine: PNGs carry no time stamp or
text chunk.

Text that does not fit wraps at spaces and shrinks; a word is never cut, and
a word wider than its box shrinks the whole block until it fits. A character
the font has no glyph for (an emoji, a variation selector) is dropped and
reported to the caller, which logs it; right-to-left text is out of scope.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import PIL
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from portal import fonts

REGULAR = fonts.FOLDER / "LiberationSans-Regular.ttf"
BOLD = fonts.FOLDER / "LiberationSans-Bold.ttf"
VERSION = "1"  # bump when a layout changes: serve's cached images are then drawn again

Colour = tuple[int, int, int]
Box = tuple[int, int, int, int]  # left, top, right, bottom

# The portal's identity (docs/assets/stylesheets/portal.css, docs/assets/images/logo.svg).
TEAL, TEAL_LIGHT, TEAL_DARK = (11, 85, 102), (29, 111, 128), (7, 60, 72)
GOLD, WHITE, INK, SEA = (242, 182, 50), (255, 255, 255), (26, 26, 26), (143, 211, 227)


@lru_cache(maxsize=None)
def identity() -> str:
    """What every drawn image depends on besides its text: layout version, Pillow, the font files."""
    h = hashlib.sha256(f"{VERSION}|{PIL.__version__}".encode())
    for path in (REGULAR, BOLD):
        h.update(path.read_bytes())
    return h.hexdigest()


# --- Text ---------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _cmap(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path).getBestCmap())


@lru_cache(maxsize=256)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


_MARKDOWN = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
)


def plain(text: str) -> str:
    """Markdown emphasis, code, links and tags taken out; whitespace as single spaces."""
    for pattern, repl in _MARKDOWN:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


def drawable(text: str, path: Path = REGULAR) -> tuple[str, tuple[str, ...]]:
    """``text`` with every character the font cannot draw taken out, and those characters (``U+1F30F 🌏``)."""
    cmap, kept, dropped = _cmap(path), [], []
    for char in text:
        if char.isspace() or ord(char) in cmap:
            kept.append(" " if char.isspace() else char)
        elif unicodedata.category(char) in ("Mn", "Cf") and ord(char) not in cmap:
            dropped.append(f"U+{ord(char):04X}")  # a joiner or variation selector of an emoji
        else:
            dropped.append(f"U+{ord(char):04X} {char}")
    cleaned = " ".join("".join(kept).split())
    return cleaned, tuple(dict.fromkeys(dropped))


@dataclass(frozen=True)
class Block:
    """Text set in a box: its lines, size and where each line's ink falls."""

    lines: tuple[str, ...]
    size: int
    line_height: int
    path: Path

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)

    def width(self) -> int:
        f = font(self.path, self.size)
        return max((int(f.getlength(line) + 0.999) for line in self.lines), default=0)


def _wrap(words: list[str], f: ImageFont.FreeTypeFont, width: int) -> list[str] | None:
    """Greedy wrap at spaces; ``None`` when one word alone is wider than ``width``."""
    lines: list[str] = []
    current = ""
    for word in words:
        if f.getlength(word) > width:
            return None
        candidate = f"{current} {word}" if current else word
        if f.getlength(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def fit(text: str, width: int, height: int, largest: int, smallest: int = 8, path: Path = REGULAR,
        leading: float = 1.25, max_lines: int | None = None) -> Block:
    """The largest size from ``largest`` down at which ``text`` wraps into ``width`` × ``height``.

    Never cuts a word. If not even ``smallest`` fits, the text is shortened at a
    word boundary with an ellipsis (a preview card's key message may be long;
    the platform visuals' boxes are sized so that it never comes to that).
    """
    words = text.split()
    for size in range(largest, smallest - 1, -1):
        f = font(path, size)
        line_height = int(size * leading + 0.5)
        lines = _wrap(words, f, width)
        if lines is not None and len(lines) * line_height <= height and (max_lines is None or len(lines) <= max_lines):
            return Block(tuple(lines), size, line_height, path)
    f, line_height = font(path, smallest), int(smallest * leading + 0.5)
    room = max(1, height // line_height) if max_lines is None else max(1, min(max_lines, height // line_height))
    while words:
        lines = _wrap(words + ["…"], f, width)
        if lines is not None and len(lines) <= room:
            return Block(tuple(lines), smallest, line_height, path)
        words = words[:-1]
    return Block(("…",), smallest, line_height, path)


def draw_block(draw: ImageDraw.ImageDraw, block: Block, x: int, y: int, colour: Colour, align: str = "left",
               width: int = 0) -> Box:
    """Draws ``block`` with its first line's top at ``y``; returns the box of the ink drawn."""
    f = font(block.path, block.size)
    getattr(draw, "portal_lines", []).extend(block.lines)
    boxes = []
    for number, line in enumerate(block.lines):
        left = x
        if align == "center":
            left = x + (width - int(f.getlength(line))) // 2
        top = y + number * block.line_height
        draw.text((left, top), line, font=f, fill=colour, anchor="la")
        boxes.append(draw.textbbox((left, top), line, font=f, anchor="la"))
    if not boxes:
        return (x, y, x, y)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# --- Shapes -------------------------------------------------------------------------------


def rings(draw: ImageDraw.ImageDraw, spec) -> None:
    """Concentric rings: ``(centre x, centre y, outer radius, thickness, colour)`` each."""
    for cx, cy, outer, thickness, colour in spec:
        box = (cx - outer, cy - outer, cx + outer, cy + outer)
        if thickness >= outer:
            draw.ellipse(box, fill=colour)  # a disc
        else:
            draw.ellipse(box, outline=colour, width=thickness)


def logo(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> Box:
    """The portal's mark (docs/assets/images/logo.svg, a 48-unit square) at ``size`` pixels."""
    s = size / 48

    def p(u: float) -> int:
        return int(round(u * s))

    draw.rounded_rectangle((x + p(2), y + p(2), x + p(46), y + p(46)), radius=p(10), fill=WHITE)
    draw.rounded_rectangle((x + p(6), y + p(14), x + p(36), y + p(32)), radius=p(6), fill=TEAL)
    draw.polygon([(x + p(15), y + p(31)), (x + p(22), y + p(31)), (x + p(15), y + p(38))], fill=TEAL)
    for cx, colour in ((17, WHITE), (24, WHITE), (31, GOLD)):
        draw.ellipse((x + p(cx - 2.5), y + p(20.5), x + p(cx + 2.5), y + p(25.5)), fill=colour)
    return (x + p(2), y + p(2), x + p(46), y + p(46))


# Every colour an image here holds: the identity's colours and, between each colour
# and what it is drawn on, the steps of its anti-aliased edges.
_PAIRS = ((WHITE, TEAL), (SEA, TEAL), (GOLD, TEAL), (INK, GOLD), (TEAL_LIGHT, TEAL), (TEAL_DARK, TEAL),
          (TEAL_LIGHT, TEAL_DARK), (WHITE, GOLD), (TEAL, WHITE), (GOLD, WHITE))
_STEPS = 16


@lru_cache(maxsize=None)
def _palette() -> Image.Image:
    colours: list[Colour] = []
    for a, b in _PAIRS:
        for step in range(_STEPS + 1):
            mix = tuple(round(a[i] + (b[i] - a[i]) * step / _STEPS) for i in range(3))
            if mix not in colours:
                colours.append(mix)
    assert len(colours) <= 256, len(colours)
    image = Image.new("P", (1, 1))
    image.putpalette([c for colour in colours for c in colour] + [0, 0, 0] * (256 - len(colours)))
    return image


def png(image: Image.Image) -> bytes:
    """An indexed PNG with no time stamp, text or colour-profile chunk: the pixels and nothing else.

    Every pixel is mapped, without dithering, to the nearest colour of one fixed
    palette (:func:`_palette`; Pillow's lookup may pick a neighbour a step or
    two away): every image shares one background colour, a drawing's bytes
    depend on its pixels alone, and the files are about half of RGB's size.
    """
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, format="PNG", compress_level=6)
    return out.getvalue()


# --- Layouts ------------------------------------------------------------------------------

CARD = (1200, 630)
BAND = 78  # the gold band along a card's bottom edge


@dataclass(frozen=True)
class Drawn:
    """A drawn image: its bytes, size, the boxes its text was set in, and what was dropped from it."""

    data: bytes = field(repr=False)
    width: int
    height: int
    text_boxes: tuple[Box, ...]
    dropped: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()  # every line of text drawn, top to bottom

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _ink(ink: bool, colour: Colour, background: Colour) -> Colour:
    return colour if ink else background


def preview_card(section: str, title: str, body: str, footnote: str, label: str | None, site: str,
                 ink: bool = True) -> Drawn:
    """A page's share preview, 1200×630: section, title, body, footnote; the label and the site in the band.

    ``ink=False`` draws the same card without its text (a test compares the two
    to find where the text's ink lies).
    """
    width, height = CARD
    image = Image.new("RGB", CARD, TEAL)
    draw = ImageDraw.Draw(image)
    draw.portal_lines = []
    rings(draw, ((1110, 120, 250, 22, TEAL_LIGHT), (1110, 120, 180, 22, TEAL_LIGHT), (1110, 120, 110, 22, TEAL_LIGHT)))
    draw.rectangle((0, height - BAND, width, height), fill=GOLD)
    margin, dropped, boxes = 64, [], []
    text_width = width - 2 * margin - 110  # clear of the rings' densest part
    y = 56

    def clean(text: str, path: Path = REGULAR) -> str:
        cleaned, lost = drawable(plain(text), path)
        dropped.extend(lost)
        return cleaned

    sec = fit(clean(section, BOLD).upper(), text_width, 40, 28, 16, BOLD, max_lines=1)
    boxes.append(draw_block(draw, sec, margin, y, _ink(ink, SEA, TEAL)))
    y += sec.height + 14
    foot = fit(clean(footnote, BOLD), text_width, 40, 28, 14, BOLD, max_lines=1) if footnote else None
    bottom = height - BAND - 36 - (foot.height + 12 if foot else 0)
    body_text = clean(body)
    title_block = fit(clean(title, BOLD), text_width, 190 if body_text else bottom - y, 60, 26, BOLD, leading=1.15)
    boxes.append(draw_block(draw, title_block, margin, y, _ink(ink, WHITE, TEAL)))
    y += title_block.height + 18
    if body_text and bottom - y >= 24:
        body_block = fit(body_text, text_width, bottom - y, 32, 16)
        boxes.append(draw_block(draw, body_block, margin, y, _ink(ink, WHITE, TEAL)))
    if foot:
        boxes.append(draw_block(draw, foot, margin, height - BAND - 36 - foot.height, _ink(ink, GOLD, TEAL)))
    # The band: the mark and the site's name at the left, the example label at the right.
    if ink:
        logo(draw, margin - 6, height - BAND + 12, 54)
    name = fit(clean(site, BOLD), 360, 40, 30, 16, BOLD, max_lines=1)
    boxes.append(draw_block(draw, name, margin + 60, height - BAND + 22, _ink(ink, INK, GOLD)))
    if label:
        tag = fit(clean(label, BOLD).upper(), width - 2 * margin - 440, 40, 26, 14, BOLD, max_lines=1)
        boxes.append(draw_block(draw, tag, width - margin - tag.width(), height - BAND + 25, _ink(ink, INK, GOLD)))
    return Drawn(png(image), width, height, tuple(boxes), tuple(dict.fromkeys(dropped)), tuple(draw.portal_lines))


@dataclass(frozen=True)
class Format:
    """A platform size and the safe area text must stay in (margins in pixels, from the edges)."""

    id: str
    width: int
    height: int
    top: int
    right: int
    bottom: int
    left: int

    @property
    def ratio(self) -> str:
        return {"4x5": "4:5", "1x1": "1:1", "9x16": "9:16"}[self.id]

    @property
    def safe(self) -> Box:
        return (self.left, self.top, self.width - self.right, self.height - self.bottom)


# The sizes the platforms ask for, and the safe areas used here (stated on the
# maintainer guide's narratives page, both languages, with their sources):
# feeds: 64 px (6 %) on every side; 9:16: Meta's Stories guidance keeps the top
# 14 % clear (profile, time) and the bottom 20 % (reply bar, call to action);
# Reels cover more of the bottom (caption, audio), so the bottom 35 % is kept
# clear, and 64 px at the sides (the Reels buttons sit at the right).
FORMATS = (
    Format("4x5", 1080, 1350, 64, 64, 64, 64),
    Format("1x1", 1080, 1080, 64, 64, 64, 64),
    Format("9x16", 1080, 1920, 270, 64, 672, 64),
)


def platform_visual(fmt: Format, kicker: str, message: str, footnote: str, label: str | None, site: str,
                    ink: bool = True) -> Drawn:
    """A narrative's key message as a feed or story image: every text inside ``fmt.safe``.

    From the safe area's top: the example label (a gold strip), the kicker (the
    narrative's title), the key message as large as fits, then at the safe
    area's foot the footnote (validity) and the portal's mark and name.
    """
    image = Image.new("RGB", (fmt.width, fmt.height), TEAL)
    draw = ImageDraw.Draw(image)
    draw.portal_lines = []
    left, top, right, bottom = fmt.safe
    left, right = left + 4, right - 4  # a glyph's side bearing may reach a pixel or two past its origin
    w = right - left
    rings(draw, ((fmt.width - 40, 40, 300, 24, TEAL_LIGHT), (fmt.width - 40, 40, 220, 24, TEAL_LIGHT),
                 (fmt.width - 40, 40, 140, 24, TEAL_LIGHT), (60, fmt.height - 60, 200, 24, TEAL_DARK)))
    dropped, boxes = [], []

    def clean(text: str, path: Path = REGULAR) -> str:
        cleaned, lost = drawable(plain(text), path)
        dropped.extend(lost)
        return cleaned

    y = top
    if label:
        tag = fit(clean(label, BOLD).upper(), w - 48, 44, 34, 14, BOLD, max_lines=1)
        draw.rectangle((left, y, left + tag.width() + 48, y + tag.height + 24), fill=GOLD)
        boxes.append(draw_block(draw, tag, left + 24, y + 12, _ink(ink, INK, GOLD)))
        y += tag.height + 24 + 36
    kick = fit(clean(kicker, BOLD), w, 130, 40, 20, BOLD, max_lines=3)
    boxes.append(draw_block(draw, kick, left, y, _ink(ink, SEA, TEAL)))
    y += kick.height + 36
    mark = 72
    foot = fit(clean(footnote, BOLD), w, 90, 34, 16, BOLD, max_lines=2) if footnote else None
    foot_top = bottom - mark - 24 - (foot.height if foot else 0)
    body = fit(clean(message, BOLD), w, foot_top - 36 - y, 76, 14, BOLD, leading=1.2)
    boxes.append(draw_block(draw, body, left, y, _ink(ink, WHITE, TEAL)))
    if foot:
        boxes.append(draw_block(draw, foot, left, foot_top, _ink(ink, GOLD, TEAL)))
    if ink:
        logo(draw, left - round(2 * mark / 48), bottom - mark, mark)
    name = fit(clean(site, BOLD), w - mark - 20, 50, 40, 16, BOLD, max_lines=1)
    boxes.append(draw_block(draw, name, left + mark + 12, bottom - mark + (mark - name.height) // 2 + 4, _ink(ink, WHITE, TEAL)))
    return Drawn(png(image), fmt.width, fmt.height, tuple(boxes), tuple(dict.fromkeys(dropped)), tuple(draw.portal_lines))


@dataclass(frozen=True)
class KitCard:
    """A press kit's landscape PNG card (1080×566, Instagram's 1.91:1): lines of text beside rings."""

    heading: str
    subheading: str
    place_dates: str
    theme: str
    label: str
    rings: tuple[tuple[int, int, int, int, Colour], ...]


KIT_CARD = (1080, 566)


def kit_card(card: KitCard, ink: bool = True) -> Drawn:
    width, height = KIT_CARD
    image = Image.new("RGB", KIT_CARD, TEAL)
    draw = ImageDraw.Draw(image)
    draw.portal_lines = []
    rings(draw, card.rings)
    draw.rectangle((0, height - 70, width, height), fill=GOLD)
    boxes, text_width = [], 700
    y = 64
    for text, size, colour in ((card.heading, 64, WHITE), (card.subheading, 40, SEA), (card.place_dates, 34, WHITE),
                               (card.theme, 30, WHITE)):
        block = fit(text, text_width, size * 3, size, 16, BOLD, max_lines=2)
        boxes.append(draw_block(draw, block, 60, y, _ink(ink, colour, TEAL)))
        y += block.height + 22
    tag = fit(card.label, width - 120, 40, 24, 12, BOLD, max_lines=1)
    boxes.append(draw_block(draw, tag, 60, height - 70 + (70 - tag.height) // 2 + 3, _ink(ink, INK, GOLD)))
    return Drawn(png(image), width, height, tuple(boxes), (), tuple(draw.portal_lines))


def size_of(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG (or any image Pillow reads)."""
    with Image.open(io.BytesIO(data)) as image:
        return image.size
