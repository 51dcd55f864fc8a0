"""Feeds per language: the narratives in force and the published press kits, as Atom and JSON Feed.

A regional account should not have to visit the site to learn that a
narrative is out: a feed reader, or a bot posting to a messaging channel,
follows these files. Each language has four, beside the pages they list::

    narasi/atom.xml     narasi/feed.json       (en/narasi/...)
    kit-media/atom.xml  kit-media/feed.json    (en/kit-media/...)

They pass the same gate as the pages (the catalogues' "now"): a draft, an
item under embargo or an expired narrative is never in them. Entries are
newest first, link their own language's page absolutely, carry the key
message as summary, the validity window, the hashtags as categories, and say
plainly when they are training examples. Atom (RFC 4287) is written by
``feedgen`` (XML by a library, never by string templates); JSON Feed 1.1 is
plain JSON with a ``_portal`` extension object (validity, example, captions)
for bots. Every date comes from the records, so the same commit and "now"
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from portal import clock
from portal.narratives.model import IN_FORCE, Catalogue as Narratives, Narrative
from portal.narratives.pages import display_title, when
from portal.presskits.model import Catalogue as Kits, Kit
from portal.urls import absolute, localized_url
from portal.words import section

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM, JSON = "atom.xml", "feed.json"
FOLDERS = {"narratives": "narasi", "kits": "kit-media"}
TYPES = {ATOM: "application/atom+xml", JSON: "application/feed+json"}


@dataclass(frozen=True)
class Entry:
    url: str
    title: str
    summary: str
    content: str  # plain text: the summary, the validity, the example note
    published: dt.datetime
    tags: tuple[str, ...]
    extension: dict  # JSON Feed ``_portal``


def _plain(markdown: str) -> str:
    """The key message without Markdown emphasis or line breaks."""
    return re.sub(r"\s+", " ", re.sub(r"(\*\*|\*|__|_)(\S(?:.*?\S)?)\1", r"\2", markdown)).strip()


def page_url(site_url: str, neutral: str, language: str) -> str:
    return absolute(site_url, localized_url(neutral, language))


def feed_links(language: str) -> list[dict[str, str]]:
    """The ``<link rel="alternate">`` of every page: site-relative paths, titles in ``language``."""
    t = section("feeds", language)
    return [
        {"path": localized_url(f"{FOLDERS[kind]}/{name}", language), "type": TYPES[name], "title": f"{t[f'{kind}_title']} ({t[name]})"}
        for kind in FOLDERS for name in (ATOM, JSON)
    ]


def narrative_entries(catalogue: Narratives, site_url: str, language: str) -> list[Entry]:
    t = section("feeds", language)
    entries = []
    in_force = catalogue.with_state(IN_FORCE)
    for n in sorted(in_force, key=lambda n: (n.approved_on or n.valid_from, n.id), reverse=True):
        message = _plain(n.words[language].key_message)
        validity = t["valid"].format(start=when(n.valid_from, language, True), end=when(n.valid_until, language, True))
        summary = t["example_summary"].format(text=message) if n.example else message
        note = [t["example_note"]] if n.example else []
        entries.append(Entry(
            url=page_url(site_url, f"{FOLDERS['narratives']}/{n.folder}/{n.slug}/", language),
            title=display_title(n, language), summary=summary,
            content="\n\n".join([summary, validity, *note]),
            published=n.approved_on or n.valid_from, tags=n.hashtags,
            extension={
                "kind": "narrative", "id": n.id, "example": n.example,
                "valid_from": n.valid_from.isoformat(), "valid_until": n.valid_until.isoformat(),
                "captions": {c.platform.id: c.text[language] for c in n.captions if language in c.text},
            },
        ))
    return entries


def kit_entries(kits: Kits, site_url: str, language: str, epoch: dt.datetime) -> list[Entry]:
    t = section("feeds", language)
    entries = []
    for kit in sorted(kits.published(), key=lambda k: (k.embargo_until or epoch, k.id), reverse=True):
        summary = t["kit_summary"].format(event=kit.event_name[language])
        if kit.training_example:
            summary = t["example_summary"].format(text=summary)
        entries.append(Entry(
            url=page_url(site_url, f"{kit.page_dir}/", language),
            title=kit.title[language] + (f" ({t['example_label']})" if kit.training_example else ""),
            summary=summary, content="\n\n".join([summary, *([t["kit_example_note"]] if kit.training_example else [])]),
            published=kit.embargo_until or epoch, tags=(),
            extension={"kind": "kit", "id": kit.id, "example": kit.training_example,
                       "embargo_until": kit.embargo_until.isoformat() if kit.embargo_until else None},
        ))
    return entries


def atom(kind: str, entries: list[Entry], site_url: str, language: str, updated: dt.datetime) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of ``entries``, newest first as given."""
    t = section("feeds", language)
    folder = FOLDERS[kind]
    fg = FeedGenerator()
    fg.id(page_url(site_url, f"{folder}/{ATOM}", language))
    fg.title(t[f"{kind}_title"])
    fg.subtitle(t[f"{kind}_subtitle"])
    fg.link(href=page_url(site_url, f"{folder}/{ATOM}", language), rel="self", type=TYPES[ATOM])
    fg.link(href=page_url(site_url, f"{folder}/", language), rel="alternate", type="text/html")
    fg.language(language)
    fg.author({"name": "Portal Bimtek"})
    fg.rights(t["rights"])
    fg.updated(max([e.published for e in entries], default=updated))
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(e.url)
        fe.title(e.title)
        fe.link(href=e.url, rel="alternate", type="text/html")
        fe.summary(e.summary)
        fe.content(e.content, type="text")
        fe.published(e.published)
        fe.updated(e.published)
        for tag in e.tags:
            fe.category(term=tag.lstrip("#"), label=tag)
    return fg.atom_str(pretty=True)


def json_feed(kind: str, entries: list[Entry], site_url: str, language: str) -> bytes:
    """A JSON Feed 1.1 of ``entries``; ``_portal`` carries what a bot needs (validity, example, captions)."""
    t = section("feeds", language)
    folder = FOLDERS[kind]
    feed = {
        "version": JSON_FEED_VERSION,
        "title": t[f"{kind}_title"],
        "description": t[f"{kind}_subtitle"],
        "home_page_url": page_url(site_url, f"{folder}/", language),
        "feed_url": page_url(site_url, f"{folder}/{JSON}", language),
        "language": language,
        "authors": [{"name": "Portal Bimtek"}],
        "items": [
            {
                "id": e.url, "url": e.url, "title": e.title, "summary": e.summary, "content_text": e.content,
                "date_published": e.published.isoformat(), "tags": list(e.tags), "_portal": e.extension,
            }
            for e in entries
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def files(narratives: Narratives, kits: Kits, site_url: str, language: str, epoch: dt.datetime) -> dict[str, bytes]:
    """Language-site-relative path -> bytes of every feed of ``language``."""
    written = {}
    for kind, entries in (("narratives", narrative_entries(narratives, site_url, language)),
                          ("kits", kit_entries(kits, site_url, language, epoch))):
        written[f"{FOLDERS[kind]}/{ATOM}"] = atom(kind, entries, site_url, language, epoch)
        written[f"{FOLDERS[kind]}/{JSON}"] = json_feed(kind, entries, site_url, language)
    return written


def epoch_moment(epoch: int | str) -> dt.datetime:
    """The commit time as a moment: the date of a feed with no entry, and of a kit without embargo."""
    return dt.datetime.fromtimestamp(int(epoch), clock.WIB)
