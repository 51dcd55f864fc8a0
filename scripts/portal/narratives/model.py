"""Approved narratives (*narasi tunggal*): the records and the publishing rule. No file access.

Under Inpres 9/2015 ministries, agencies and regions disseminate the single
narrative the communications ministry prepares. Here each narrative is two
files in ``docs/narasi/<folder>/`` (read by :mod:`portal.narratives.load`):
``<slug>.md`` holds the record (every language-neutral field: id, event,
topics, status, approval, validity, embargo, hashtags, the facts' sources)
and the Indonesian words; ``<slug>.en.md`` holds only the English words.
``docs/panduan/narasi.md`` documents the format for maintainers.

Publishing rule (:meth:`Narrative.state`): a narrative is *in force* when it
is ``approved``, ``valid_from <= now <= valid_until`` and ``now`` is past any
``embargo_until``. ``retired`` and expired ones are *archived* (published with
a "no longer in force" banner and no copy buttons). Everything else (draft,
review, under embargo, not yet valid) is *hidden*: the narratives hook removes
its files before MkDocs sees them, so it reaches no page, search index,
sitemap, listing or count.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from portal.captions import Measure
from portal.findings import Finding
from portal.platforms import Platform

NARRATIVES_DIR = Path("narasi")
TAXONOMY_FILE = NARRATIVES_DIR / "_data" / "taxonomy.yml"
STATUSES = ("draft", "review", "approved", "retired")
STRICT_STATUSES = ("approved", "retired")  # caption and translation faults are errors
SECONDARY = "en"

IN_FORCE, ARCHIVED, HIDDEN = "in-force", "archived", "hidden"

# Written once, in the Indonesian file.
NEUTRAL_FIELDS = (
    "id", "event", "topics", "status", "approved_on", "valid_from", "valid_until",
    "embargo_until", "retired_on", "hashtags", "example", "approval_ref",
)
# Each language file writes these in its own language.
LANGUAGE_FIELDS = (
    "title", "description", "issuing_office", "approver", "key_message", "facts", "dos", "donts", "captions",
)
# Bookkeeping of the English file, not content: the source version it translates
# (``make stamp PAGE=...``, see portal.checks.translation_checks).
TRACKING_FIELDS = ("translation_of",)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# --- Taxonomy: events and topics ---------------------------------------------


@dataclass(frozen=True)
class Event:
    id: str
    folder: str
    name: dict[str, str]
    page: str | None  # docs-relative page about the event


@dataclass(frozen=True)
class Topic:
    id: str
    name: dict[str, str]


@dataclass(frozen=True)
class Taxonomy:
    events: dict[str, Event]
    topics: dict[str, Topic]


# --- The record ---------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    key: str
    text: dict[str, str]
    source: str
    url: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Caption:
    """One platform's caption per language, as it is copied and counted.

    For a training example the text starts with the example label on a line
    of its own (:func:`labelled`), so a caption copied alone still says what
    it is; the limits are checked on that text.
    """

    platform: Platform
    text: dict[str, str]
    measure: dict[str, Measure]


def labelled(text: str, label: str) -> str:
    """``[Contoh pelatihan]`` on its own first line, then the caption."""
    return f"[{label}]\n{text}"


@dataclass(frozen=True)
class Words:
    """What one language file says: the words, never the facts about the record."""

    title: str = ""
    description: str = ""
    issuing_office: str = ""
    approver: str = ""
    key_message: str = ""
    dos: tuple[str, ...] = ()
    donts: tuple[str, ...] = ()
    body: str = ""


@dataclass(frozen=True)
class Narrative:
    id: str
    folder: str
    slug: str
    event: str
    topics: tuple[str, ...]
    status: str
    valid_from: dt.datetime
    valid_until: dt.datetime
    embargo_until: dt.datetime | None
    approved_on: dt.datetime | None
    retired_on: dt.datetime | None
    hashtags: tuple[str, ...]
    words: dict[str, Words]
    facts: tuple[Fact, ...]
    captions: tuple[Caption, ...]
    paths: dict[str, str] = field(default_factory=dict)  # language -> docs-relative source
    # A training example (the default: everything in this repository) is labelled
    # wherever its words travel: page title, caption cards, copied captions, feeds.
    # A real narrative (``example: false``) names its approver and ``approval_ref``.
    example: bool = True
    approval_ref: str | None = None
    valid_until_line: int = 1  # where a finding about its expiry points (W001)

    def state(self, now: dt.datetime) -> str:
        """:data:`IN_FORCE`, :data:`ARCHIVED` or :data:`HIDDEN` at ``now``."""
        started = now >= self.valid_from and (self.embargo_until is None or now >= self.embargo_until)
        if self.status == "approved" and started:
            return IN_FORCE if now <= self.valid_until else ARCHIVED
        if self.status == "retired" and started:
            return ARCHIVED  # a withdrawn narrative that was never public stays unpublished
        return HIDDEN

    def hidden_reason(self, now: dt.datetime) -> str:
        if self.status in ("draft", "review"):
            return self.status
        if now < self.valid_from:
            return f"not valid before {self.valid_from.isoformat()}"
        if self.embargo_until is not None and now < self.embargo_until:
            return f"under embargo until {self.embargo_until.isoformat()}"
        return "published"

    def link(self) -> str:
        """Link from a page in ``docs/narasi/`` (index, archive), by Indonesian file name."""
        return f"{self.folder}/{self.slug}.md"


# --- The gate: all narratives at one moment -------------------------------------


@dataclass(frozen=True)
class Catalogue:
    """All narratives at one moment: what is in force, archived, or never shown."""

    narratives: tuple[Narrative, ...]
    now: dt.datetime
    taxonomy: Taxonomy
    warnings: tuple[Finding, ...] = ()

    def with_state(self, state: str) -> list[Narrative]:
        return [n for n in self.narratives if n.state(self.now) == state]

    def unpublished_paths(self) -> set[str]:
        """Docs-relative sources (both languages) that must never reach the site."""
        return {p for n in self.with_state(HIDDEN) for p in n.paths.values()}

    def page(self, src_uri: str) -> tuple[Narrative, str] | None:
        for n in self.narratives:
            for language, path in n.paths.items():
                if path == src_uri:
                    return n, language
        return None

    def summary(self) -> str:
        counts = {state: len(self.with_state(state)) for state in (IN_FORCE, ARCHIVED, HIDDEN)}
        return (
            f"narratives at {self.now.isoformat()}: {counts[IN_FORCE]} in force, "
            f"{counts[ARCHIVED]} archived, {counts[HIDDEN]} not published"
        )


