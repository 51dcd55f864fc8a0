"""The reference blocks of the glossary and platform-limits pages, in each language.

``<!-- portal:glossary -->`` and ``<!-- portal:platform-limits -->``: Markdown
from the records of :mod:`portal.glossary` and :mod:`portal.platforms`, with
the labels of :mod:`portal.words`.
"""

from __future__ import annotations

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
