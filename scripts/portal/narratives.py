"""Approved narratives (*narasi tunggal*): the record, its checks, the gate, its pages.

Under Inpres 9/2015 ministries, agencies and regions disseminate the single
narrative the communications ministry prepares. Here each narrative is two
files in ``docs/narasi/<folder>/``: ``<slug>.md`` holds the record (every
language-neutral field: id, event, topics, status, approval, validity,
embargo, hashtags, the facts' sources) and the Indonesian words;
``<slug>.en.md`` holds only the English words. ``docs/panduan/narasi.md``
documents the format for maintainers.

Publishing rule (:meth:`Narrative.state`): a narrative is *in force* when it
is ``approved``, ``valid_from <= now <= valid_until`` and ``now`` is past any
``embargo_until``. ``retired`` and expired ones are *archived* (published with
a "no longer in force" banner and no copy buttons). Everything else (draft,
review, under embargo, not yet valid) is *hidden*: the narratives hook removes
its files before MkDocs sees them, so it reaches no page, search index,
sitemap, listing or count.

Every fault is a :class:`~portal.findings.Finding` ``path:line: N0xx ...``.
Caption and translation faults (N011-N017) are errors for approved and
retired narratives and warnings for drafts and items in review, so a draft
in progress never blocks publishing; every other fault is always an error.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from portal import DEFAULT_LANGUAGE, LANGUAGES, clock
from portal.captions import Measure, is_camel_case, measure
from portal.findings import Finding, PortalError
from portal.numbers import integer
from portal.platforms import Platform, load_platforms, long_date
from portal.sources import LineDict, MarkdownSource, SourceError, load_yaml, read_markdown
from portal.ui_text import text as ui

NARRATIVES_DIR = Path("narasi")
TAXONOMY_FILE = NARRATIVES_DIR / "_data" / "taxonomy.yml"
STATUSES = ("draft", "review", "approved", "retired")
STRICT_STATUSES = ("approved", "retired")  # caption and translation faults are errors
SECONDARY = "en"

IN_FORCE, ARCHIVED, HIDDEN = "in-force", "archived", "hidden"

# Written once, in the Indonesian file.
NEUTRAL_FIELDS = (
    "id", "event", "topics", "status", "approved_on", "valid_from", "valid_until",
    "embargo_until", "retired_on", "hashtags",
)
# Each language file writes these in its own language.
LANGUAGE_FIELDS = (
    "title", "description", "issuing_office", "approver", "key_message", "facts", "dos", "donts", "captions",
)
# Bookkeeping of the English file, not content: the source version it translates
# (``portal translations --stamp``, see portal.checks.translation_checks).
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


def load_taxonomy(docs_dir: Path) -> Taxonomy:
    docs_dir = Path(docs_dir)
    shown = f"{docs_dir.name}/{TAXONOMY_FILE.as_posix()}"
    try:
        data = load_yaml((docs_dir / TAXONOMY_FILE).read_text(encoding="utf-8"), shown)
    except OSError:
        raise PortalError([Finding(shown, 1, "N000", "missing: events and topics of the narratives live here")]) from None
    except SourceError as exc:
        raise PortalError([Finding(exc.path, exc.line, "N000", exc.message)]) from None
    findings: list[Finding] = []
    if not isinstance(data, LineDict):
        raise PortalError([Finding(shown, 1, "N022", "expected a mapping with 'events:' and 'topics:' lists")])
    parsed: dict[str, dict] = {"events": {}, "topics": {}}
    for kind in ("events", "topics"):
        entries = data.get(kind)
        if not isinstance(entries, list) or not entries:
            findings.append(Finding(shown, data.line_of(kind), "N022", f"'{kind}:' must be a non-empty list"))
            continue
        for entry in entries:
            line = getattr(entry, "line", data.line_of(kind))
            name = entry.get("name") if isinstance(entry, LineDict) else None
            if not isinstance(entry, LineDict) or not isinstance(entry.get("id"), str) or not all(
                isinstance(name, dict) and isinstance(name.get(lang), str) and name.get(lang) for lang in LANGUAGES
            ):
                findings.append(Finding(shown, line, "N022", f"each of {kind} needs an 'id' and a 'name' with {' and '.join(LANGUAGES)}"))
                continue
            if entry["id"] in parsed[kind]:
                findings.append(Finding(shown, entry.line_of("id"), "N022", f"duplicate id {entry['id']!r} in {kind}"))
                continue
            names = {lang: name[lang] for lang in LANGUAGES}
            if kind == "events":
                folder = entry.get("folder")
                if not isinstance(folder, str) or not SLUG.match(folder):
                    findings.append(Finding(shown, entry.line_of("folder"), "N022", f"event {entry['id']!r} needs a 'folder' (lower-case slug)"))
                    continue
                parsed[kind][entry["id"]] = Event(entry["id"], folder, names, entry.get("page"))
            else:
                parsed[kind][entry["id"]] = Topic(entry["id"], names)
    if findings:
        raise PortalError(findings)
    return Taxonomy(parsed["events"], parsed["topics"])


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
    platform: Platform
    text: dict[str, str]
    measure: dict[str, Measure]


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


class _Report:
    """Findings of one narrative: ``rule`` faults are errors only for approved/retired items."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.strict = True

    def error(self, path: str, line: int, code: str, message: str) -> None:
        self.findings.append(Finding(path, line or 1, code, message))

    def rule(self, path: str, line: int, code: str, message: str) -> None:
        severity = "error" if self.strict else "warning"
        self.findings.append(Finding(path, line or 1, code, message, severity))

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _string(meta: LineDict, key: str, report: _Report, path: str) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        report.error(path, meta.line_of(key), "N020", f"{key} must be text, not {type(value).__name__}")
        return None
    return value.strip()


def _strings(meta: LineDict, key: str, report: _Report, path: str) -> tuple[str, ...] | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        report.error(path, meta.line_of(key), "N020", f"{key} must be a list of non-empty texts")
        return None
    return tuple(v.strip() for v in value)


def _moment(meta: LineDict, key: str, report: _Report, path: str, required: bool) -> dt.datetime | None:
    value = meta.get(key)
    if value is None or value == "":
        if required:
            report.error(path, meta.line, "N002", f"missing {key} (a timezone-aware datetime, e.g. 2023-09-01T00:00:00+07:00)")
        return None
    try:
        return clock.parse_aware(str(value))
    except clock.ClockError as exc:
        report.error(path, meta.line_of(key), "N004", f"{key}: {exc}")
        return None


def _check_fields(meta: LineDict, allowed: tuple[str, ...], report: _Report, path: str, english: bool) -> None:
    for key in meta:
        if key in allowed:
            continue
        if english and key in NEUTRAL_FIELDS:
            report.error(path, meta.line_of(key), "N018", f"{key} is language-neutral: write it once, in the Indonesian file")
        else:
            report.error(path, meta.line_of(key), "N019", f"unknown field {key!r} (known: {', '.join(allowed)})")


def _read(path: Path, docs_dir: Path, report: _Report) -> MarkdownSource | None:
    try:
        return read_markdown(path, docs_dir)
    except SourceError as exc:
        report.error(exc.path, exc.line, "N000", exc.message)
        return None


def _words(meta: LineDict, report: _Report, path: str, body: str) -> Words:
    values = {key: _string(meta, key, report, path) or "" for key in ("title", "description", "issuing_office", "approver", "key_message")}
    return Words(
        **values,
        dos=_strings(meta, "dos", report, path) or (),
        donts=_strings(meta, "donts", report, path) or (),
        body=body.strip(),
    )


def _parse(
    source: MarkdownSource,
    english: MarkdownSource,
    folder: str,
    slug: str,
    taxonomy: Taxonomy,
    platforms: dict[str, Platform],
    report: _Report,
) -> Narrative | None:
    meta, path = source.meta, source.rel
    en_meta, en_path = english.meta, english.rel
    _check_fields(meta, NEUTRAL_FIELDS + LANGUAGE_FIELDS, report, path, english=False)
    _check_fields(en_meta, LANGUAGE_FIELDS + TRACKING_FIELDS, report, en_path, english=True)

    status = meta.get("status")
    if not isinstance(status, (str, type(None))):
        status = repr(status)
    if status is None:
        report.error(path, meta.line, "N002", f"missing status (one of {', '.join(STATUSES)})")
    elif status not in STATUSES:
        report.error(path, meta.line_of("status"), "N001", f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    report.strict = status not in ("draft", "review")

    ident = _string(meta, "id", report, path)
    if ident is None:
        report.error(path, meta.line, "N002", "missing id (a stable lower-case slug, e.g. ktt43-tuan-rumah)")
    elif not SLUG.match(ident):
        report.error(path, meta.line_of("id"), "N020", f"id {ident!r} must be a lower-case slug (letters, digits, hyphens)")

    event = meta.get("event")
    if event is None:
        report.error(path, meta.line, "N002", f"missing event (one of {', '.join(taxonomy.events)})")
    elif not isinstance(event, str) or event not in taxonomy.events:
        report.error(path, meta.line_of("event"), "N006", f"unknown event {event!r} (one of {', '.join(taxonomy.events)})")
    elif taxonomy.events[event].folder != folder:
        report.error(path, meta.line_of("event"), "N006", f"a narrative of event {event!r} lives in docs/narasi/{taxonomy.events[event].folder}/, not docs/narasi/{folder}/")

    topics = meta.get("topics")
    if not topics:
        report.error(path, meta.line, "N002", f"missing topics (a list of: {', '.join(taxonomy.topics)})")
        topics = []
    elif not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        report.error(path, meta.line_of("topics"), "N020", "topics must be a list of topic ids")
        topics = []
    for topic in topics:
        if topic not in taxonomy.topics:
            report.error(path, meta.line_of("topics"), "N007", f"unknown topic {topic!r} (known: {', '.join(taxonomy.topics)})")

    valid_from = _moment(meta, "valid_from", report, path, required=True)
    valid_until = _moment(meta, "valid_until", report, path, required=True)
    embargo_until = _moment(meta, "embargo_until", report, path, required=False)
    approved_on = _moment(meta, "approved_on", report, path, required=False)
    retired_on = _moment(meta, "retired_on", report, path, required=status == "retired")
    if valid_from and valid_until and valid_until < valid_from:
        report.error(path, meta.line_of("valid_until"), "N003", f"valid_until {meta['valid_until']} is before valid_from {meta['valid_from']}")
    if embargo_until and valid_until and embargo_until > valid_until:
        report.error(path, meta.line_of("embargo_until"), "N021", f"embargo_until {meta['embargo_until']} is after valid_until {meta['valid_until']}: the narrative could never be published")

    words = {DEFAULT_LANGUAGE: _words(meta, report, path, source.body), SECONDARY: _words(en_meta, report, en_path, english.body)}
    for key in ("title", "description", "key_message"):
        if not getattr(words[DEFAULT_LANGUAGE], key):
            report.error(path, meta.line, "N002", f"missing {key}")
        elif not getattr(words[SECONDARY], key):
            report.rule(en_path, en_meta.line, "N014", f"missing English {key} (the Indonesian file has one)")
    if status in STRICT_STATUSES:
        if not words[DEFAULT_LANGUAGE].approver:
            report.error(path, meta.line, "N005", f"a {status} narrative needs approver: (for training examples: 'Contoh pelatihan — bukan persetujuan resmi')")
        if approved_on is None and "approved_on" not in meta:
            report.error(path, meta.line, "N005", f"a {status} narrative needs approved_on (a timezone-aware datetime)")
        if not words[DEFAULT_LANGUAGE].issuing_office:
            report.error(path, meta.line, "N002", f"a {status} narrative needs issuing_office")
    for key in ("issuing_office", "approver"):
        if getattr(words[DEFAULT_LANGUAGE], key) and not getattr(words[SECONDARY], key):
            report.rule(en_path, en_meta.line, "N014", f"missing English {key} (the Indonesian file has one)")
    for key in ("dos", "donts"):
        ours, theirs = getattr(words[DEFAULT_LANGUAGE], key), getattr(words[SECONDARY], key)
        if ours and not theirs:
            report.rule(en_path, en_meta.line, "N014", f"missing English {key}")
        elif len(ours) != len(theirs):
            report.rule(en_path, en_meta.line_of(key), "N017", f"{key} has {len(theirs)} items in English but {len(ours)} in Indonesian")

    hashtags = _strings(meta, "hashtags", report, path) or ()
    for tag in hashtags:
        if not is_camel_case(tag):
            report.rule(path, meta.line_of("hashtags"), "N015", f"hashtag {tag!r} must be #CamelCase (each word capitalised) so screen readers read it")

    facts = _facts(meta, en_meta, path, en_path, report)
    if status in STRICT_STATUSES and not facts:
        report.error(path, meta.line, "N002", f"a {status} narrative needs at least one fact with its source")
    captions = _captions(meta, en_meta, path, en_path, platforms, set(hashtags), report)
    if status in STRICT_STATUSES and not captions:
        report.error(path, meta.line, "N002", f"a {status} narrative needs at least one caption")

    if report.failed or None in (ident, valid_from, valid_until) or status not in STATUSES:
        return None
    return Narrative(
        id=ident, folder=folder, slug=slug, event=event, topics=tuple(topics), status=status,
        valid_from=valid_from, valid_until=valid_until, embargo_until=embargo_until,
        approved_on=approved_on, retired_on=retired_on, hashtags=hashtags, words=words,
        facts=facts, captions=captions,
        paths={
            DEFAULT_LANGUAGE: (NARRATIVES_DIR / folder / f"{slug}.md").as_posix(),
            SECONDARY: (NARRATIVES_DIR / folder / f"{slug}.{SECONDARY}.md").as_posix(),
        },
    )


def _facts(meta: LineDict, en_meta: LineDict, path: str, en_path: str, report: _Report) -> tuple[Fact, ...]:
    facts_id, facts_en = meta.get("facts"), en_meta.get("facts")
    if facts_id is None:
        facts_id = LineDict()
    if not isinstance(facts_id, LineDict):
        report.error(path, meta.line_of("facts"), "N020", "facts must be a mapping: key -> {text, source, url, date}")
        return ()
    if facts_en is None:
        facts_en = LineDict()
    if not isinstance(facts_en, LineDict):
        report.error(en_path, en_meta.line_of("facts"), "N020", "facts must be a mapping: key -> English text")
        return ()
    facts = []
    for key, entry in facts_id.items():
        line = facts_id.line_of(key)
        if not isinstance(entry, LineDict):
            report.error(path, line, "N020", f"fact {key!r} must be a mapping with text, source and optional url, date")
            continue
        for extra in set(entry) - {"text", "source", "url", "date"}:
            report.error(path, entry.line_of(extra), "N019", f"unknown field {extra!r} in fact {key!r} (known: text, source, url, date)")
        text, source = entry.get("text"), entry.get("source")
        if not isinstance(text, str) or not text.strip() or not isinstance(source, str) or not source.strip():
            report.error(path, line, "N002", f"fact {key!r} needs text and source")
            continue
        url = entry.get("url")
        if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
            report.rule(path, entry.line_of("url"), "N013", f"fact {key!r}: source URL {url!r} must start with https://")
        day = entry.get("date")
        if day is not None:
            try:
                day = dt.date.fromisoformat(str(day))
            except ValueError:
                report.error(path, entry.line_of("date"), "N004", f"fact {key!r}: date {day!r} is not a date YYYY-MM-DD")
                day = None
        english = facts_en.get(key)
        if not isinstance(english, str) or not english.strip():
            report.rule(en_path, facts_en.line_of(key) if key in facts_en else en_meta.line_of("facts"), "N014", f"missing English text of fact {key!r}")
            english = ""
        facts.append(Fact(str(key), {DEFAULT_LANGUAGE: text.strip(), SECONDARY: english.strip()}, source.strip(), url, day))
    for key in facts_en:
        if key not in facts_id:
            report.rule(en_path, facts_en.line_of(key), "N017", f"fact {key!r} is not in the Indonesian file (facts and their sources are written there first)")
    return tuple(facts)


def _captions(
    meta: LineDict, en_meta: LineDict, path: str, en_path: str,
    platforms: dict[str, Platform], declared: set[str], report: _Report,
) -> tuple[Caption, ...]:
    found: dict[str, dict[str, tuple[str, str, int]]] = {}  # platform -> language -> (text, path, line)
    for language, m, p in ((DEFAULT_LANGUAGE, meta, path), (SECONDARY, en_meta, en_path)):
        mapping = m.get("captions")
        if mapping is None:
            continue
        if not isinstance(mapping, LineDict):
            report.error(p, m.line_of("captions"), "N020", "captions must be a mapping: platform id -> caption text")
            continue
        for platform, text in mapping.items():
            line = mapping.line_of(platform)
            if platform not in platforms:
                report.error(p, line, "N008", f"unknown platform {platform!r} (known: {', '.join(platforms)})")
                continue
            if not isinstance(text, str) or not text.strip():
                report.error(p, line, "N020", f"caption for {platform} must be non-empty text")
                continue
            found.setdefault(platform, {})[language] = (text.strip(), p, line)
    captions = []
    for platform_id in [p for p in platforms if p in found]:  # the data file's order
        platform, texts = platforms[platform_id], found[platform_id]
        for language, other_path, other_meta in ((SECONDARY, en_path, en_meta), (DEFAULT_LANGUAGE, path, meta)):
            if language not in texts:
                name = "English" if language == SECONDARY else "Indonesian"
                report.rule(other_path, other_meta.line_of("captions"), "N014", f"missing {name} caption for {platform.name} (the other language has one)")
        measures = {}
        for language, (text, p, line) in texts.items():
            measures[language] = measure(text, platform)
            for code, message in measures[language].problems:
                report.rule(p, line, code, message)
            for tag in measures[language].hashtags:
                if tag not in declared:
                    report.rule(p, line, "N016", f"{platform.name} caption uses {tag}, which is not in the narrative's hashtags: list")
        captions.append(Caption(platform, {lang: t for lang, (t, _, _) in texts.items()}, measures))
    return tuple(captions)


def narrative_files(docs_dir: Path) -> dict[tuple[str, str], dict[str, Path]]:
    """``(folder, slug) -> {language: path}`` for every Markdown file under ``docs/narasi/<folder>/``."""
    root = Path(docs_dir) / NARRATIVES_DIR
    pairs: dict[tuple[str, str], dict[str, Path]] = {}
    for path in sorted(root.glob("*/**/*.md")):
        rel = path.relative_to(root)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        name = path.name
        language = SECONDARY if name.endswith(f".{SECONDARY}.md") else DEFAULT_LANGUAGE
        slug = name[: -len(f".{SECONDARY}.md")] if language == SECONDARY else name[:-3]
        folder = rel.parent.as_posix()
        pairs.setdefault((folder, slug), {})[language] = path
    return pairs


def load_narratives(
    docs_dir: Path, taxonomy: Taxonomy | None = None, platforms: dict[str, Platform] | None = None,
) -> tuple[list[Narrative], list[Finding]]:
    """Every narrative that is valid, and every finding (errors and warnings) of all of them."""
    docs_dir = Path(docs_dir)
    taxonomy = taxonomy or load_taxonomy(docs_dir)
    platforms = platforms if platforms is not None else load_platforms(docs_dir)
    label = docs_dir.name
    narratives: list[Narrative] = []
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    for (folder, slug), files in narrative_files(docs_dir).items():
        report = _Report()
        base = f"{label}/{NARRATIVES_DIR.as_posix()}/{folder}/{slug}"
        if DEFAULT_LANGUAGE not in files:
            report.error(f"{base}.{SECONDARY}.md", 1, "N010", f"English narrative has no Indonesian file {base}.md (the record and its Indonesian words live there)")
        elif SECONDARY not in files:
            report.error(f"{base}.md", 1, "N010", f"narrative has no English file {base}.{SECONDARY}.md: every narrative is published in both languages")
        else:
            source = _read(files[DEFAULT_LANGUAGE], docs_dir, report)
            english = _read(files[SECONDARY], docs_dir, report)
            if source and english:
                narrative = _parse(source, english, folder, slug, taxonomy, platforms, report)
                if narrative and narrative.id in seen:
                    report.error(source.rel, source.meta.line_of("id"), "N009", f"duplicate id {narrative.id!r}: already used by {seen[narrative.id]}")
                elif narrative:
                    seen[narrative.id] = source.rel
                    narratives.append(narrative)
        findings.extend(report.findings)
    return narratives, sorted(findings)


# --- The gate -----------------------------------------------------------------


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


def load_catalogue(docs_dir: Path, now: dt.datetime | None = None) -> Catalogue:
    """Load and check every narrative; raise :class:`PortalError` with all errors, if any."""
    taxonomy = load_taxonomy(docs_dir)
    narratives, findings = load_narratives(docs_dir, taxonomy)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise PortalError(errors)
    return Catalogue(tuple(narratives), now or clock.now(), taxonomy, tuple(findings))


# --- Pages --------------------------------------------------------------------


def when(moment: dt.datetime, language: str, with_time: bool = False) -> str:
    """``30 September 2023`` (and ``23.59 WIB`` / ``23:59 WIB``), always in WIB."""
    local = moment.astimezone(clock.WIB)
    day = long_date(local.date(), language)
    if not with_time:
        return day
    sep = "." if language == "id" else ":"
    return ui(language)["narrative_at_time"].format(date=day, time=f"{local.hour:02d}{sep}{local.minute:02d} WIB")


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _status_line(n: Narrative, state: str, language: str) -> str:
    t = ui(language)
    if state == IN_FORCE:
        return t["narrative_status_in_force"]
    if n.status == "retired":
        return t["narrative_status_retired"]
    return t["narrative_status_expired"]


def _approval(n: Narrative, state: str, language: str) -> str:
    t, w = ui(language), n.words[language]
    rows = [
        (t["narrative_status"], _status_line(n, state, language)),
        (t["narrative_approved_by"], w.approver),
        (t["narrative_approved_on"], when(n.approved_on, language) if n.approved_on else "—"),
        (t["narrative_in_force_until"], when(n.valid_until, language)),
        (t["narrative_valid"], t["narrative_period"].format(start=when(n.valid_from, language, True), end=when(n.valid_until, language, True))),
        (t["narrative_issued_by"], w.issuing_office),
    ]
    if n.status == "retired" and n.retired_on:
        rows.insert(1, (t["narrative_retired_on"], when(n.retired_on, language)))
    items = "".join(f"<dt>{_escape(k)}</dt><dd>{_escape(v)}</dd>" for k, v in rows)
    css = "portal-approval" + ("" if state == IN_FORCE else " portal-approval--archived")
    return f'<dl class="{css}">{items}</dl>'


def _count_line(caption: Caption, language: str) -> str:
    t, m, p = ui(language), caption.measure[language], caption.platform
    if p.counting == "weighted":
        count = t["narrative_count_weighted"].format(count=integer(m.length, language), limit=integer(m.limit, language), name=p.name, url=integer(p.url_length or 0, language))
    else:
        count = t["narrative_count_plain"].format(count=integer(m.length, language), limit=integer(m.limit, language))
    tags = ", ".join(m.hashtags) if m.hashtags else t["narrative_no_hashtags"]
    allowed = "" if p.max_hashtags is None else " " + t["narrative_hashtags_allowed"].format(max=integer(p.max_hashtags, language), name=p.name)
    return f"{count} · {t['narrative_hashtags']}: {tags}.{allowed}"


def _caption_block(caption: Caption, language: str, state: str) -> list[str]:
    text = caption.text[language]
    lines = [f"### {caption.platform.name} {{#caption-{caption.platform.id}}}", ""]
    if state == IN_FORCE:
        fence = _fence(text)
        lines += [f"{fence}{{.text .portal-caption}}", text, fence, ""]
    else:
        paragraphs = "".join(f"<p>{_escape(p).replace(chr(10), '<br>')}</p>" for p in re.split(r"\n\s*\n", text))
        lines += [f'<div class="portal-caption portal-caption--archived">{paragraphs}</div>', ""]
    lines += [_count_line(caption, language), "{: .portal-caption-meta }", ""]
    return lines


def page_markdown(catalogue: Catalogue, n: Narrative, language: str) -> str:
    """The whole Markdown of a narrative page, generated from its record."""
    t, w = ui(language), n.words[language]
    state = n.state(catalogue.now)
    event = catalogue.taxonomy.events[n.event]
    lines = [
        f"# {w.title}",
        "",
        f'<p class="portal-training"><strong>{_escape(t["narrative_training_label"])}.</strong> {_escape(t["narrative_training_note"])}</p>',
        "",
    ]
    if state == ARCHIVED:
        if n.status == "retired":
            body = t["narrative_retired_body"].format(date=when(n.retired_on, language) if n.retired_on else "—")
        else:
            body = t["narrative_expired_body"].format(date=when(n.valid_until, language, True))
        lines += [f'!!! danger portal-archived "{t["narrative_archived_title"]}"', "", f"    {body}", ""]
    lines += [_approval(n, state, language), ""]
    event_name = f"[{event.name[language]}](../../{event.page})" if event.page else event.name[language]
    topics = ", ".join(catalogue.taxonomy.topics[x].name[language] for x in n.topics)
    lines += [f"{t['narrative_event']}: {event_name} · {t['narrative_topics']}: {topics}", "{: .portal-narrative-where }", ""]
    lines += [f"## {t['narrative_key_message']} {{#key-message}}", "", w.key_message, ""]
    if w.body:
        lines += [f"## {t['narrative_context']} {{#context}}", "", w.body, ""]
    lines += [f"## {t['narrative_facts']} {{#facts}}", ""]
    for number, fact in enumerate(n.facts, 1):
        cite = fact.source + (f", {long_date(fact.date, language)}" if fact.date else "")
        link = f" <{fact.url}>" if fact.url else ""
        lines += [f"{number}. {fact.text[language]}  ", f"    *{t['narrative_source']}: {cite}.*{link}"]
    lines.append("")
    if w.dos or w.donts:
        lines += [f"## {t['narrative_dos_donts']} {{#dos-and-donts}}", ""]
        for label, items in ((t["narrative_dos"], w.dos), (t["narrative_donts"], w.donts)):
            if items:
                lines += [f"**{label}**", ""] + [f"- {item}" for item in items] + [""]
    lines += [f"## {t['narrative_captions']} {{#captions}}", ""]
    lines += [t["narrative_captions_intro"] if state == IN_FORCE else t["narrative_captions_archived"], ""]
    for caption in n.captions:
        if language in caption.text:
            lines += _caption_block(caption, language, state)
    lines += [f"## {t['narrative_hashtags']} {{#hashtags}}", ""]
    tags = ", ".join(n.hashtags) if n.hashtags else t["narrative_no_hashtags"]
    lines += [f"{t['narrative_hashtags_list']}: {tags}.", "", t["narrative_hashtags_note"], ""]
    lines += [f"[{t['narrative_back_index']}](../index.md) · [{t['narrative_back_archive']}](../arsip.md)", ""]
    return "\n".join(lines)


def _by_event(catalogue: Catalogue, items: list[Narrative], language: str) -> list[tuple[Event, list[Narrative]]]:
    groups = []
    for event in catalogue.taxonomy.events.values():
        members = sorted((n for n in items if n.event == event.id), key=lambda n: n.words[language].title.casefold())
        if members:
            groups.append((event, members))
    return groups


def index_markdown(catalogue: Catalogue, language: str) -> str:
    """Narratives in force, by event and then topic (a narrative is listed under each of its topics)."""
    t = ui(language)
    items = catalogue.with_state(IN_FORCE)
    if not items:
        return t["narrative_index_empty"]
    lines = [t["narrative_index_count"].format(count=integer(len(items), language)), ""]
    for event, members in _by_event(catalogue, items, language):
        lines += [f"### {event.name[language]} {{#event-{event.id}}}", ""]
        for topic in catalogue.taxonomy.topics.values():
            listed = [n for n in members if topic.id in n.topics]
            if not listed:
                continue
            lines += [f"#### {topic.name[language]} {{#{event.id}-{topic.id}}}", ""]
            for n in listed:
                until = t["narrative_index_until"].format(date=when(n.valid_until, language))
                lines.append(f"- [{n.words[language].title}]({n.link()}): {n.words[language].description} *{until}.*")
            lines.append("")
    return "\n".join(lines)


def archive_markdown(catalogue: Catalogue, language: str) -> str:
    """Retired and expired narratives, by event, each with when it stopped being in force."""
    t = ui(language)
    items = catalogue.with_state(ARCHIVED)
    if not items:
        return t["narrative_archive_empty"]
    lines = [t["narrative_archive_count"].format(count=integer(len(items), language)), ""]
    for event, members in _by_event(catalogue, items, language):
        lines += [f"### {event.name[language]} {{#archive-{event.id}}}", ""]
        for n in members:
            if n.status == "retired":
                ended = t["narrative_archive_retired"].format(date=when(n.retired_on, language) if n.retired_on else "—")
            else:
                ended = t["narrative_archive_expired"].format(date=when(n.valid_until, language))
            lines.append(f"- [{n.words[language].title}]({n.link()}): {n.words[language].description} *{ended}.*")
        lines.append("")
    return "\n".join(lines)


def providers(docs_dir: Path) -> dict:
    catalogue = load_catalogue(Path(docs_dir))
    return {
        "narratives": lambda language: index_markdown(catalogue, language),
        "narrative-archive": lambda language: archive_markdown(catalogue, language),
    }
