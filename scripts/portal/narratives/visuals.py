"""A narrative's platform visuals: its key message as ready images, made from the record. No file access.

For every narrative in force and each language, three PNGs in the sizes the
platforms ask for (:data:`portal.drawing.FORMATS`: 1080×1350 and 1080×1080
for feeds, 1080×1920 for Stories and Reels), each with its alt text written
from the same record in the same language, and the training-example label
wherever the narrative is one (:func:`is_example`). The build session makes
them once per language; the ``share`` hook hands their bytes to MkDocs and the
narrative page (:mod:`portal.narratives.pages`) prints the very figures
(pixels, bytes, SHA-256) of the files the site serves. Under ``make serve``
each image is kept under the hash of everything it is drawn from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from portal import clock, drawing
from portal.buildcache import ContentCache, digest
from portal.narratives.model import Narrative
from portal.words import long_date, section
from portal.zipbuild import Payload

SITE = "Portal Bimtek"


def is_example(n: Narrative) -> bool:
    """Whether ``n`` is a training example (the record's ``example:``, true unless it says otherwise)."""
    return n.example


@dataclass(frozen=True)
class Visual(Payload):
    """One platform image of one narrative in one language, with the figures its page prints."""

    name: str
    format: drawing.Format
    language: str
    alt: str
    data: bytes = field(repr=False)

    @property
    def width(self) -> int:
        return self.format.width

    @property
    def height(self) -> int:
        return self.format.height


def folder(n: Narrative) -> str:
    """Docs-relative folder the visuals are served from: beside the page, under its slug."""
    return f"narasi/{n.folder}/{n.slug}"


def file_name(n: Narrative, fmt: drawing.Format, language: str) -> str:
    return f"{n.id}-{language}-{fmt.width}x{fmt.height}.png"


def validity(n: Narrative, language: str, now: dt.datetime) -> str:
    t = section("share", language)
    if now > n.valid_until:
        return t["no_longer"]
    return t["valid_until"].format(date=long_date(n.valid_until.astimezone(clock.WIB).date(), language))


def texts(n: Narrative, language: str, now: dt.datetime) -> dict[str, str]:
    """What the images say, before drawing: title, key message, footnote, label (or '')."""
    t, w = section("share", language), n.words[language]
    return {
        "title": w.title,
        "message": w.key_message,
        # A training example is not the single narrative: the footnote must not say it is.
        "footnote": f"{validity(n, language, now)} · {t['example_kicker' if is_example(n) else 'narrative_kicker']}",
        "label": t["label_short"] if is_example(n) else "",
    }


def dropped(n: Narrative, language: str, now: dt.datetime) -> tuple[str, ...]:
    """Characters the shipped font cannot draw, taken out of this narrative's images (the hook logs them)."""
    found: list[str] = []
    for text in texts(n, language, now).values():
        found.extend(drawing.drawable(drawing.plain(text), drawing.BOLD)[1])
    return tuple(dict.fromkeys(found))


def alt_text(n: Narrative, fmt: drawing.Format, language: str, now: dt.datetime) -> str:
    t, say = section("share", language), texts(n, language, now)
    clean = {key: drawing.drawable(drawing.plain(value), drawing.BOLD)[0] for key, value in say.items()}
    message = clean["message"] if clean["message"].endswith((".", "!", "?")) else clean["message"] + "."
    alt = t["alt"].format(ratio=fmt.ratio, title=clean["title"], message=message, footnote=clean["footnote"])
    return f"{t['alt_label']} {alt}" if say["label"] else alt


def draw(n: Narrative, fmt: drawing.Format, language: str, now: dt.datetime, ink: bool = True) -> drawing.Drawn:
    say = texts(n, language, now)
    return drawing.platform_visual(fmt, say["title"], say["message"], say["footnote"], say["label"] or None, SITE, ink=ink)


def visuals(n: Narrative, language: str, now: dt.datetime, cache: ContentCache | None = None) -> tuple[Visual, ...]:
    """The three images of ``n`` in ``language`` (drawn, or from serve's cache when nothing they show changed)."""
    made = []
    for fmt in drawing.FORMATS:
        if cache is None:
            data = draw(n, fmt, language, now).data
        else:
            key = digest("visual", drawing.identity(), fmt, sorted(texts(n, language, now).items()))
            data = cache.bytes_for("visual", key, lambda fmt=fmt: draw(n, fmt, language, now).data)
        made.append(Visual(file_name(n, fmt, language), fmt, language, alt_text(n, fmt, language, now), data))
    return tuple(made)
