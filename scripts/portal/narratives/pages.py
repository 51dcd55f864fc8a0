"""What the site shows of the narratives: each page, the index of those in force, the archive.

Every page is generated from its record (:mod:`portal.narratives.model`) and
the words of :mod:`portal.words`; nothing here reads a file or decides what
may be published (the catalogue's ``now`` does).
"""

from __future__ import annotations

import datetime as dt
import html
import re

from portal import clock
from portal.narratives.model import ARCHIVED, IN_FORCE, Caption, Catalogue, Event, Narrative
from portal.numbers import integer
from portal.words import clock_time, long_date, section


def ui(language: str) -> dict[str, str]:
    return section("narratives", language)


def when(moment: dt.datetime, language: str, with_time: bool = False) -> str:
    """``30 September 2023`` (and ``23.59 WIB`` / ``23:59 WIB``), always in WIB."""
    local = moment.astimezone(clock.WIB)
    day = long_date(local.date(), language)
    if not with_time:
        return day
    return ui(language)["at_time"].format(date=day, time=f"{clock_time(local, language)} WIB")


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def display_title(n: Narrative, language: str) -> str:
    """The page title, marked as a training example where it is one (tab, search, lists, feeds)."""
    title = n.words[language].title
    return ui(language)["title_example"].format(title=title) if n.example else title


def _status_line(n: Narrative, state: str, language: str) -> str:
    t = ui(language)
    if state == IN_FORCE:
        return t["status_in_force"]
    if n.status == "retired":
        return t["status_retired"]
    return t["status_expired"]


def _time(moment: dt.datetime, language: str) -> str:
    """A moment as the reader sees it (WIB) with its machine-readable value for the reader's-clock script."""
    return f'<time datetime="{moment.isoformat()}">{_escape(when(moment, language, True))}</time>'


def _approval(n: Narrative, state: str, language: str) -> str:
    """The status box. In force, it carries the window so the reader's clock can end it (portal.js)."""
    t, w = ui(language), n.words[language]
    period = _escape(t["period"]).replace("{start}", _time(n.valid_from, language)).replace("{end}", _time(n.valid_until, language))
    rows = [
        (t["status"], _escape(_status_line(n, state, language))),
        (t["approved_by"], _escape(w.approver)),
        (t["approved_on"], _escape(when(n.approved_on, language) if n.approved_on else "—")),
        (t["in_force_until"], _escape(when(n.valid_until, language))),
        (t["valid"], period),
        (t["issued_by"], _escape(w.issuing_office)),
    ]
    if n.approval_ref:
        rows.insert(2, (t["approval_ref"], _escape(n.approval_ref)))
    if n.status == "retired" and n.retired_on:
        rows.insert(1, (t["retired_on"], _escape(when(n.retired_on, language))))
    items = "".join(f"<dt>{_escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    if state != IN_FORCE:
        return f'<dl class="portal-approval portal-approval--archived">{items}</dl>'
    note = t["expired_by_clock"].format(date=when(n.valid_until, language, True))
    return (f'<dl class="portal-approval" data-portal-valid-until="{n.valid_until.isoformat()}" '
            f'data-portal-expired-status="{_escape(t["status_expired"])}">{items}</dl>\n\n'
            f'<p class="portal-expired-note" role="status" hidden><strong>{_escape(t["archived_title"])}.</strong> {_escape(note)}</p>')


def _count_line(caption: Caption, language: str) -> str:
    t, m, p = ui(language), caption.measure[language], caption.platform
    if p.counting == "weighted":
        count = t["count_weighted"].format(count=integer(m.length, language), limit=integer(m.limit, language), name=p.name, url=integer(p.url_length or 0, language))
    else:
        count = t["count_plain"].format(count=integer(m.length, language), limit=integer(m.limit, language))
    tags = ", ".join(m.hashtags) if m.hashtags else t["no_hashtags"]
    allowed = "" if p.max_hashtags is None else " " + t["hashtags_allowed"].format(max=integer(p.max_hashtags, language), name=p.name)
    return f"{count} · {t['hashtags']}: {tags}.{allowed}"


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
    lines = [f"# {display_title(n, language)}", ""]
    if n.example:
        lines += [f'<p class="portal-training"><strong>{_escape(t["training_label"])}.</strong> {_escape(t["training_note"])}</p>', ""]
    if state == ARCHIVED:
        if n.status == "retired":
            body = t["retired_body"].format(date=when(n.retired_on, language) if n.retired_on else "—")
        else:
            body = t["expired_body"].format(date=when(n.valid_until, language, True))
        lines += [f'!!! danger portal-archived "{t["archived_title"]}"', "", f"    {body}", ""]
    lines += [_approval(n, state, language), ""]
    event_name = f"[{event.name[language]}](../../{event.page})" if event.page else event.name[language]
    topics = ", ".join(catalogue.taxonomy.topics[x].name[language] for x in n.topics)
    lines += [f"{t['event']}: {event_name} · {t['topics']}: {topics}", "{: .portal-narrative-where }", ""]
    lines += [f"## {t['key_message']} {{#key-message}}", "", w.key_message, ""]
    if w.body:
        lines += [f"## {t['context']} {{#context}}", "", w.body, ""]
    lines += [f"## {t['facts']} {{#facts}}", ""]
    for number, fact in enumerate(n.facts, 1):
        cite = fact.source + (f", {long_date(fact.date, language)}" if fact.date else "")
        link = f" <{fact.url}>" if fact.url else ""
        lines += [f"{number}. {fact.text[language]}  ", f"    *{t['source']}: {cite}.*{link}"]
    lines.append("")
    if w.dos or w.donts:
        lines += [f"## {t['dos_donts']} {{#dos-and-donts}}", ""]
        for label, items in ((t["dos"], w.dos), (t["donts"], w.donts)):
            if items:
                lines += [f"**{label}**", ""] + [f"- {item}" for item in items] + [""]
    lines += [f"## {t['captions']} {{#captions}}", ""]
    lines += [t["captions_intro"] if state == IN_FORCE else t["captions_archived"], ""]
    for caption in n.captions:
        if language in caption.text:
            lines += _caption_block(caption, language, state)
    lines += [f"## {t['hashtags']} {{#hashtags}}", ""]
    tags = ", ".join(n.hashtags) if n.hashtags else t["no_hashtags"]
    lines += [f"{t['hashtags_list']}: {tags}.", "", t["hashtags_note"], ""]
    lines += [f"[{t['back_index']}](../index.md) · [{t['back_archive']}](../arsip.md)", ""]
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
        return t["index_empty"]
    count = f'<span data-portal-in-force-count>{integer(len(items), language)}</span>'
    lines = [t["index_count"].format(count=count), ""]
    for event, members in _by_event(catalogue, items, language):
        lines += [f"### {event.name[language]} {{#event-{event.id}}}", ""]
        for topic in catalogue.taxonomy.topics.values():
            listed = [n for n in members if topic.id in n.topics]
            if not listed:
                continue
            lines += [f"#### {topic.name[language]} {{#{event.id}-{topic.id}}}", ""]
            for n in listed:
                until = t["index_until"].format(date=when(n.valid_until, language))
                # The reader's clock drops it from this list once it expires (portal.js).
                lines.append(f"- [{display_title(n, language)}]({n.link()}){{ data-portal-valid-until=\"{n.valid_until.isoformat()}\" }}: "
                             f"{n.words[language].description} *{until}.*")
            lines.append("")
    return "\n".join(lines)


def archive_markdown(catalogue: Catalogue, language: str) -> str:
    """Retired and expired narratives, by event, each with when it stopped being in force."""
    t = ui(language)
    items = catalogue.with_state(ARCHIVED)
    if not items:
        return t["archive_empty"]
    lines = [t["archive_count"].format(count=integer(len(items), language)), ""]
    for event, members in _by_event(catalogue, items, language):
        lines += [f"### {event.name[language]} {{#archive-{event.id}}}", ""]
        for n in members:
            if n.status == "retired":
                ended = t["archive_retired"].format(date=when(n.retired_on, language) if n.retired_on else "—")
            else:
                ended = t["archive_expired"].format(date=when(n.valid_until, language))
            lines.append(f"- [{display_title(n, language)}]({n.link()}): {n.words[language].description} *{ended}.*")
        lines.append("")
    return "\n".join(lines)
