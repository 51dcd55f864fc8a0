"""Share previews: the Open Graph / Twitter tags of every page and the 1200×630 card each one names.

A link pasted into WhatsApp, X or Telegram shows what these tags say. Every
page of both languages gets ``og:title``, ``og:description``, ``og:url`` (the
canonical URL), ``og:type``, ``og:locale`` (``id_ID`` / ``en_GB``) with
``og:locale:alternate``, ``og:site_name``, an absolute ``og:image`` with its
width, height and alt text, and ``twitter:card`` = ``summary_large_image``
(the ``share`` hook puts them in the page's context, ``overrides/main.html``
writes them). The 404 pages have none.

Which card a page names (:func:`card_for`): a narrative its own (title, key
message, validity), a press kit and each of its documents the kit's (title,
event and dates), every other page its section's (the section's name and the
site's description); a top-level page outside any section is a section of its
own. Cards are labelled "Contoh pelatihan / Training example" where their
content is one. They are drawn by :mod:`portal.drawing` when the language's
build ends, once per card, from these records alone, so one commit gives the
same bytes; under ``make serve`` from serve's cache when nothing they show
changed. They live in ``assets/share/`` of each language's site, are never a
page (so never in the search index) and travel with the offline bundle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from portal import DEFAULT_LANGUAGE, LANGUAGES, drawing
from portal.buildcache import ContentCache, digest
from portal.narratives.model import Catalogue as NarrativeCatalogue, Narrative
from portal.narratives.visuals import is_example, validity
from portal.presskits.model import Catalogue as KitCatalogue, Kit
from portal.words import section as words

FOLDER = "assets/share"
LOCALES = {"id": "id_ID", "en": "en_GB"}
WIDTH, HEIGHT = drawing.CARD


@dataclass(frozen=True)
class Card:
    """One preview card: where it is written and what it says."""

    dest: str  # site-relative path (the language's prefix included)
    section: str
    title: str
    body: str
    footnote: str
    label: str  # '' when the content is no example
    alt: str

    def key(self) -> str:
        return digest("share-card", drawing.identity(), self.section, self.title, self.body, self.footnote, self.label)

    def draw(self, ink: bool = True) -> drawing.Drawn:
        return drawing.preview_card(self.section, self.title, self.body, self.footnote, self.label or None, SITE, ink=ink)

    def png(self, cache: ContentCache | None = None) -> bytes:
        if cache is None:
            return self.draw().data
        return cache.bytes_for("share", self.key(), lambda: self.draw().data)

    def dropped(self) -> tuple[str, ...]:
        found: list[str] = []
        for text in (self.section, self.title, self.body, self.footnote, self.label):
            found.extend(drawing.drawable(drawing.plain(text), drawing.BOLD)[1])
        return tuple(dict.fromkeys(found))


SITE = "Portal Bimtek"


def _prefix(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def _alt(section: str, title: str, label: str, language: str) -> str:
    t = words("share", language)
    alt = t["card_alt"].format(section=section, title=drawing.plain(title))
    return f"{alt} {t['card_alt_label']}" if label else alt


def narrative_card(n: Narrative, language: str, now: dt.datetime, section: str) -> Card:
    t, w = words("share", language), n.words[language]
    label = t["label"] if is_example(n) else ""
    return Card(f"{_prefix(language)}{FOLDER}/narasi-{n.id}.png", section, w.title, w.key_message,
                validity(n, language, now), label, _alt(section, w.title, label, language))


def kit_card(kit: Kit, language: str, section: str) -> Card:
    t = words("share", language)
    label = t["label"] if kit.training_example else ""
    title = kit.title[language]
    return Card(f"{_prefix(language)}{FOLDER}/kit-{kit.id}.png", section, title, kit.event_name[language], "",
                label, _alt(section, title, label, language))


def section_card(key: str, section: str, description: str, language: str) -> Card:
    return Card(f"{_prefix(language)}{FOLDER}/bagian-{key}.png", SITE, section, description, "", "",
                _alt(SITE, section, "", language))


def section_key(src_uri: str) -> str:
    """``kurikulum/jadwal.md`` -> ``kurikulum``; ``tentang.md`` -> ``tentang``; ``index.md`` -> ``beranda``."""
    first = src_uri.split("/", 1)[0]
    stem = first.split(".", 1)[0]
    return "beranda" if stem == "index" else stem


def tags(*, title: str, description: str, url: str, card: Card, site_url: str, language: str, home: bool) -> list[dict[str, str]]:
    """The share tags of one page, in order: ``{"attr": "property"|"name", "key": ..., "content": ...}``."""
    image = urljoin(site_url or "/", card.dest)
    found = [
        ("property", "og:type", "website" if home else "article"),
        ("property", "og:site_name", SITE),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:locale", LOCALES[language]),
        *(("property", "og:locale:alternate", LOCALES[other]) for other in LANGUAGES if other != language),
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(WIDTH)),
        ("property", "og:image:height", str(HEIGHT)),
        ("property", "og:image:alt", card.alt),
        ("name", "twitter:card", "summary_large_image"),
    ]
    return [{"attr": attr, "key": key, "content": content} for attr, key, content in found]


def card_for(src_uri: str, language: str, *, title: str, description: str, section: str | None, site_description: str,
             narratives: NarrativeCatalogue, presskits: KitCatalogue) -> Card:
    """The card a page names: its narrative's, its kit's, or its section's (a top-level page is its own section)."""
    found = narratives.page(src_uri)
    if found is not None:
        return narrative_card(found[0], language, narratives.now, words("share", language)["section_narratives"])
    document = presskits.document_pages().get(src_uri)
    kit = document[0] if document else next((k for k in presskits.published() if src_uri.startswith(f"{k.page_dir}/")), None)
    if kit is not None:
        return kit_card(kit, language, words("share", language)["section_presskits"])
    if section is None:
        return section_card(section_key(src_uri), title, description or site_description, language)
    return section_card(section_key(src_uri), section, site_description, language)
