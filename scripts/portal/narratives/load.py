"""Narrative files -> records: every fault a ``path:line: N0xx message`` finding.

Caption and translation faults (N011-N017) and gaps still to fill in
(``[[...]]``, N023, as ``portal new narrative`` writes them) are errors for
approved and retired narratives and warnings for drafts and items in review,
so a draft in progress never blocks publishing; every other fault is always
an error.
The records and the publishing rule are in :mod:`portal.narratives.model`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portal import DEFAULT_LANGUAGE, LANGUAGES, clock
from portal.captions import is_camel_case, measure
from portal.drafts import find_gaps
from portal.findings import Finding, PortalError
from portal.narratives.model import (
    LANGUAGE_FIELDS, NARRATIVES_DIR, NEUTRAL_FIELDS, SECONDARY, SLUG, STATUSES, STRICT_STATUSES, TAXONOMY_FILE,
    TRACKING_FIELDS, Caption, Catalogue, Event, Fact, Narrative, Taxonomy, Topic, Words, labelled,
)
from portal.platforms import Platform, load_platforms
from portal.sources import LineDict, MarkdownSource, SourceError, load_yaml, read_markdown, read_text
from portal.words import section


def load_taxonomy(docs_dir: Path) -> Taxonomy:
    docs_dir = Path(docs_dir)
    shown = f"{docs_dir.name}/{TAXONOMY_FILE.as_posix()}"
    try:
        data = load_yaml(read_text(docs_dir / TAXONOMY_FILE, shown), shown)
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


def _a(word: str) -> str:
    """``an approved``, ``a retired``."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


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
    for text, shown in ((source.text, path), (english.text, en_path)):
        for line, gap in find_gaps(text):
            report.rule(shown, line, "N023", f"gap {gap} left in a {status} narrative: fill it in (it is published as written)" if report.strict
                        else f"gap {gap} still to fill in (a warning while the narrative is a draft or in review)")

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
            report.error(path, meta.line, "N005", f"{_a(status)} narrative needs approver: (for training examples: 'Contoh pelatihan — bukan persetujuan resmi')")
        if approved_on is None and "approved_on" not in meta:
            report.error(path, meta.line, "N005", f"{_a(status)} narrative needs approved_on (a timezone-aware datetime)")
        if not words[DEFAULT_LANGUAGE].issuing_office:
            report.error(path, meta.line, "N002", f"{_a(status)} narrative needs issuing_office")
    example, approval_ref = _example(meta, words[DEFAULT_LANGUAGE], report, path)
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
        report.error(path, meta.line, "N002", f"{_a(status)} narrative needs at least one fact with its source")
    captions = _captions(meta, en_meta, path, en_path, platforms, set(hashtags), report, example)
    if status in STRICT_STATUSES and not captions:
        report.error(path, meta.line, "N002", f"{_a(status)} narrative needs at least one caption")

    if report.failed or None in (ident, valid_from, valid_until) or status not in STATUSES:
        return None
    return Narrative(
        id=ident, folder=folder, slug=slug, event=event, topics=tuple(topics), status=status,
        valid_from=valid_from, valid_until=valid_until, embargo_until=embargo_until,
        approved_on=approved_on, retired_on=retired_on, hashtags=hashtags, words=words,
        facts=facts, captions=captions, example=example, approval_ref=approval_ref,
        valid_until_line=meta.line_of("valid_until"),
        paths={
            DEFAULT_LANGUAGE: (NARRATIVES_DIR / folder / f"{slug}.md").as_posix(),
            SECONDARY: (NARRATIVES_DIR / folder / f"{slug}.{SECONDARY}.md").as_posix(),
        },
    )


def _example(meta: LineDict, words: Words, report: _Report, path: str) -> tuple[bool, str | None]:
    """``example`` (default true) and, for a real narrative, the approval it rests on (N024).

    Everything in this repository is a training example. A real narrative
    (``example: false``) loses the example labels, so it must say who approved
    it and under which reference; the gate never guesses that a text is official.
    """
    example = meta.get("example", True)
    if not isinstance(example, bool):
        report.error(path, meta.line_of("example"), "N020", f"example must be true or false, not {example!r}")
        example = True
    approval_ref = _string(meta, "approval_ref", report, path)
    if not example:
        training = section("narratives", DEFAULT_LANGUAGE)["training_label"].casefold()
        if not words.approver or training in words.approver.casefold():
            report.error(path, meta.line_of("example"), "N024", "example: false (a real narrative) needs approver: the office or official who approved it, not a training label")
        if not approval_ref:
            report.error(path, meta.line_of("example"), "N024", "example: false (a real narrative) needs approval_ref: the number or reference of the approval (e.g. the nota dinas)")
    return example, approval_ref


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
        if isinstance(english, LineDict):
            report.rule(en_path, facts_en.line_of(key), "N014", f"fact {key!r}: in the English file a fact is its English text only "
                        f"({key}: English text), not text/source: its source is written once, in the Indonesian file")
            english = ""
        elif not isinstance(english, str) or not english.strip():
            report.rule(en_path, facts_en.line_of(key) if key in facts_en else en_meta.line_of("facts"), "N014", f"missing English text of fact {key!r}")
            english = ""
        facts.append(Fact(str(key), {DEFAULT_LANGUAGE: text.strip(), SECONDARY: english.strip()}, source.strip(), url, day))
    for key in facts_en:
        if key not in facts_id:
            report.rule(en_path, facts_en.line_of(key), "N017", f"fact {key!r} is not in the Indonesian file (facts and their sources are written there first)")
    return tuple(facts)


def _captions(
    meta: LineDict, en_meta: LineDict, path: str, en_path: str,
    platforms: dict[str, Platform], declared: set[str], report: _Report, example: bool = True,
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
            text = text.strip()
            if example:  # the label travels with the copied text, and counts against the limit
                text = labelled(text, section("narratives", language)["training_label"])
            found.setdefault(platform, {})[language] = (text, p, line)
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


def load_catalogue(
    docs_dir: Path, now: dt.datetime | None = None, taxonomy: Taxonomy | None = None,
    platforms: dict[str, Platform] | None = None,
) -> Catalogue:
    """Load and check every narrative; raise :class:`PortalError` with all errors, if any.

    A build session hands in its "now", taxonomy and platforms, so each is read once.
    """
    taxonomy = taxonomy or load_taxonomy(docs_dir)
    narratives, findings = load_narratives(docs_dir, taxonomy, platforms)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise PortalError(errors)
    return Catalogue(tuple(narratives), now or clock.now(), taxonomy, tuple(findings))
