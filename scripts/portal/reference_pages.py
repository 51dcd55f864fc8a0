"""The reference blocks of the glossary, platform-limits and caption-workbench pages, in each language.

``<!-- portal:glossary -->``, ``<!-- portal:platform-limits -->`` and
``<!-- portal:caption-workbench -->``: Markdown (and the workbench's form)
from the records of :mod:`portal.glossary` and :mod:`portal.platforms`, with
the labels of :mod:`portal.words`.
"""

from __future__ import annotations

import html

from portal.glossary import Term
from portal.numbers import integer
from portal.platforms import Platform
from portal.words import long_date, section


def _inline(value: str) -> str:
    return " ".join(value.split())


def glossary_entries(terms: list[Term], language: str) -> str:
    """The glossary as a definition list (Markdown ``def_list``), one entry per term.

    A list, not a table: a glossary is term and meaning, it reads down a phone
    screen without sideways scrolling, and a 40-row, six-column table cost a
    phone a quarter of a second of layout (Lighthouse Total Blocking Time).
    """
    labels = section("glossary", language)
    status = labels["status"]
    entries = ['<div class="portal-glossary" markdown>', ""]
    for t in terms:
        heading = f"**{t.term}**" if t.expansion == t.term else f"**{t.term}**: {_inline(t.expansion)}"
        entries += [
            heading,
            f":   {_inline(t.definition[language])}",
            "",
            f"    {labels['english']}: *{_inline(t.english)}* ({status[t.translation]}). {labels['source']}: {_inline(t.source).rstrip('.')}.",
            "",
        ]
    entries.append("</div>")
    return "\n".join(entries)


def platform_table(platforms: dict[str, Platform], language: str) -> str:
    t = section("platforms", language)
    rows = ["| " + " | ".join(t["headers"]) + " |", "|" + "---|" * len(t["headers"])]
    for p in platforms.values():
        hashtags = integer(p.max_hashtags, language) if p.max_hashtags is not None else t["no_limit"]
        rows.append(
            f"| {p.name} | {integer(p.caption_chars, language)} | {hashtags} | {p.note[language]} "
            f"| {p.source} | {long_date(p.verified_on, language)} |"
        )
    return "\n".join(rows)


def caption_workbench(platforms: dict[str, Platform], language: str) -> str:
    """The caption workbench's form (``<!-- portal:caption-workbench -->``), its rules as data.

    Each platform of ``docs/_data/platforms.yml`` is one ``[data-platform]``
    element carrying its rules (``data-counting``, ``data-limit``,
    ``data-url-length``, ``data-max-hashtags``); the page's script
    (``assets/javascripts/workbench.js``, with the official twitter-text) keeps
    ``data-count``, ``data-hashtags``, ``data-links`` and ``data-problems`` up
    to date as the officer types. No rule is written in the script.
    """
    t = section("workbench", language)
    words = " ".join(f'data-word-{key.replace("_", "-")}="{html.escape(t[key], quote=True)}"' for key in WORKBENCH_SCRIPT_WORDS)
    rows = []
    for p in platforms.values():
        tags = t["tags_max"].format(max=integer(p.max_hashtags, language)) if p.max_hashtags is not None else t["tags_no_limit"]
        how = t["weighted"].format(url=integer(p.url_length or 0, language)) if p.counting == "weighted" else t["plain"]
        rows.append(
            f'<li class="portal-platform" data-platform="{p.id}" data-counting="{p.counting}" data-limit="{p.caption_chars}" '
            f'data-url-length="{p.url_length or 0}" data-max-hashtags="{"" if p.max_hashtags is None else p.max_hashtags}" '
            f'data-count="0" data-hashtags="0" data-links="0" data-problems="">'
            f'<span class="portal-platform__name">{html.escape(p.name)}</span> '
            f'<span class="portal-platform__count"><span class="portal-platform__n">0</span> / {integer(p.caption_chars, language)}</span> '
            f'<span class="portal-platform__how">{html.escape(how)}</span> '
            f'<span class="portal-platform__tags">{html.escape(t["tags"])}: <span class="portal-platform__t">0</span> ({html.escape(tags)})</span> '
            f'<span class="portal-platform__links">{html.escape(t["links"])}: <span class="portal-platform__l">0</span></span> '
            f'<span class="portal-platform__state">{html.escape(t["state_empty"])}</span>'
            "</li>"
        )
    return "\n".join([
        f'<div class="portal-workbench" data-portal-workbench {words}>',
        f'<p class="portal-workbench__nojs">{html.escape(t["needs_js"])}</p>',
        f'<label class="portal-workbench__label" for="portal-caption">{html.escape(t["label"])}</label>',
        f'<textarea id="portal-caption" class="portal-workbench__text" rows="7" autocomplete="off" aria-describedby="portal-caption-help"></textarea>',
        f'<p id="portal-caption-help" class="portal-workbench__help">{html.escape(t["help"])}</p>',
        f'<p class="portal-workbench__summary" role="status">{html.escape(t["summary_empty"])}</p>',
        f'<ul class="portal-workbench__platforms" aria-label="{html.escape(t["platforms"], quote=True)}">',
        *rows,
        "</ul>",
        f'<p class="portal-workbench__found">{html.escape(t["found"])}: <span data-hashtag-list>{html.escape(t["none"])}</span></p>',
        '<ul class="portal-workbench__warnings" data-warnings></ul>',
        "</div>",
    ])


# Words the workbench's script writes at run time, handed to it as data attributes.
WORKBENCH_SCRIPT_WORDS = ("state_empty", "state_ok", "state_long", "state_tags", "summary_empty", "summary_ok", "summary_over",
                          "none", "warn_camel", "warn_http")
