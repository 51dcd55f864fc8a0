"""Source items a reader can follow: what one must hold, in Markdown and in YAML.

A page's *Sumber / Sources* section (the section whose heading id is
``sources``) is a Markdown list; each top-level item is one source. The
portal's data files and narratives write a source as a YAML mapping. Both
shapes carry the same four things, checked here (``make check``: R011 at the
item's line; R012 when fewer than 90% of one language's items link):

- **where to find it**: a URL (``https://...``) or a DOI (``https://doi.org/10...``,
  ``doi:10...`` or ``DOI 10...``); or, only where no link exists, the marker
  ``tanpa tautan:`` / ``no link:`` followed by the reason (the item then gives
  the full reference: author or publisher, title, outlet, date);
- **a title** (in YAML ``title``; in Markdown, the item's text itself);
- **a date** of publication (a year at least), or the word ``tanpa tanggal`` /
  ``undated`` for a page that carries none (in YAML, ``date``; where the
  record's ``date`` must be a whole day, as a narrative fact's, a year or
  month in the title, "(Juni 2015)", stands for it);
- **the date it was checked**, for a web page (a URL that is not a DOI):
  ``diperiksa YYYY-MM-DD`` / ``checked YYYY-MM-DD`` (YAML ``checked``). An
  official text whose address follows its register's published pattern (JDIH
  Nasional: ``https://peraturan.go.id/id/perpres-no-174-tahun-2024``) but has
  not been opened yet says so instead, ``alamat belum dibuka`` / ``address not
  yet opened`` (YAML ``checked: not yet opened``): the reader is told, and
  ``make check`` keeps it on its list (R013, a warning) until someone opens it
  and writes the date.

Markdown item::

    - Kompas.com, "Presiden Teken Inpres Komunikasi Publik, Kementerian Diminta
      Beriklan", 5 Agustus 2015. <https://nasional.kompas.com/...> (diperiksa 2026-12-01)

YAML mapping (a glossary ``source`` list, a platform's ``source``, a
narrative fact's ``source``/``url``/``date``/``checked``)::

    source:
      - title: Presiden Teken Inpres Komunikasi Publik (Kompas.com)
        url: https://nasional.kompas.com/...
        date: 2015-08-05
        checked: 2026-12-01
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from portal import LANGUAGES
from portal.words import section

URL = re.compile(r"https://[^\s<>)\]]+")
DOI = re.compile(r"(?:https://(?:dx\.)?doi\.org/|\bdoi:\s*|\bDOI:?\s+)(10\.\d{4,9}/\S+)", re.I)
NO_LINK = re.compile(r"\b(?:tanpa tautan|no link)\s*:\s*\S", re.I)
CHECKED = re.compile(r"\b(?:diperiksa|checked)\s+(\d{4}-\d{2}-\d{2})\b", re.I)
UNOPENED = re.compile(r"\b(?:alamat belum dibuka|address not yet opened)\b", re.I)
UNOPENED_VALUE = re.compile(r"(?:not yet opened|belum dibuka)", re.I)  # YAML ``checked:``
UNDATED = re.compile(r"\b(?:tanpa tanggal|undated)\b", re.I)
YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d/])")
HEADING = re.compile(r"^(#{1,6})[ \t]+.*?(?:\{([^}]*)\})?[ \t]*$")
ITEM = re.compile(r"^[-*+][ \t]+(.*)$")
# The month names the site writes dates with (portal.words), read back: "5 Mei 2023", "11 May 2023".
MONTHS = {name.lower(): number for language in LANGUAGES
          for number, name in enumerate(section("dates", language)["months"], start=1)}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH})\s+(1[89]\d\d|20\d\d)(?!\d)|(?<![\d-])(\d{{4}})-(\d{{2}})-(\d{{2}})(?![\d-])", re.I)
MONTH_DATE = re.compile(rf"\b({_MONTH})\s+(1[89]\d\d|20\d\d)(?!\d)", re.I)
SOURCES_ID = "sources"
GOAL = 0.9  # share of one language's source items that must carry a URL or DOI


@dataclass(frozen=True)
class Item:
    """One source item: where it was written and what it holds."""

    line: int
    text: str
    url: str | None = None
    doi: str | None = None
    no_link: bool = False

    @property
    def linked(self) -> bool:
        return bool(self.url or self.doi)


def _strip_urls(text: str) -> str:
    return URL.sub(" ", text)


def markdown_item(line: int, text: str) -> Item:
    doi = DOI.search(text)
    urls = [u.rstrip(".,;") for u in URL.findall(text)]
    web = [u for u in urls if "doi.org/" not in u]
    return Item(line, text, web[0] if web else None, doi.group(1).rstrip(".,;") if doi else None, bool(NO_LINK.search(text)))


def markdown_problems(item: Item) -> list[str]:
    """What a Markdown source item lacks, in words a maintainer can act on."""
    problems = []
    if not item.linked and not item.no_link:
        problems.append("has no URL or DOI (give one, or 'tanpa tautan: <reason>' / 'no link: <reason>' with the full reference)")
    undated_text = CHECKED.sub(" ", _strip_urls(item.text))
    if not YEAR.search(undated_text) and not UNDATED.search(undated_text):
        problems.append("has no date of publication (a year at least, or 'tanpa tanggal' / 'undated')")
    if item.url and not CHECKED.search(item.text) and not UNOPENED.search(item.text):
        problems.append("links a web page without the date it was checked ('diperiksa YYYY-MM-DD' / 'checked YYYY-MM-DD')")
    return problems


def earliest_date(text: str) -> dt.date | None:
    """The earliest day a Markdown source item can have been published, from the date it gives.

    The first whole date ("5 Mei 2023", "11 May 2023", "2023-05-11") if there
    is one, else the first day of the first month named ("Juni 2021"), else
    1 January of the first year; the date checked and the URLs do not count.
    A kit (K019) compares it with the day the kit claims: a source that cannot
    have existed then is an anachronism.
    """
    text = CHECKED.sub(" ", _strip_urls(text))
    if day := DAY_DATE.search(text):
        try:
            if day.group(1):
                return dt.date(int(day.group(3)), MONTHS[day.group(2).lower()], int(day.group(1)))
            return dt.date(int(day.group(4)), int(day.group(5)), int(day.group(6)))
        except ValueError:
            return None
    if month := MONTH_DATE.search(text):
        return dt.date(int(month.group(2)), MONTHS[month.group(1).lower()], 1)
    if year := YEAR.search(text):
        return dt.date(int(year.group(1)), 1, 1)
    return None


def markdown_unopened(item: Item) -> bool:
    """Whether the item links an address it says nobody has opened yet (R013)."""
    return bool(item.url and UNOPENED.search(item.text))


def sources_items(body: str, first_line: int = 1) -> Iterator[Item]:
    """Every top-level list item of the ``{#sources}`` section, continuation lines joined."""
    in_fence = False
    in_sources = False
    level = 0
    current: list[str] = []
    start = 0
    for index, line in enumerate(body.splitlines()):
        number = first_line + index
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        heading = HEADING.match(line)
        if heading:
            ids = re.findall(r"#([\w-]+)", heading.group(2) or "")
            if in_sources and len(heading.group(1)) <= level:
                in_sources = False
            if SOURCES_ID in ids:
                in_sources, level = True, len(heading.group(1))
            if current:
                yield markdown_item(start, " ".join(current))
                current = []
            continue
        if not in_sources:
            continue
        item = ITEM.match(line)
        if item:
            if current:
                yield markdown_item(start, " ".join(current))
            current, start = [item.group(1).strip()], number
        elif current and line.startswith((" ", "\t")) and line.strip():
            current.append(line.strip())
        elif current and not line.strip():
            yield markdown_item(start, " ".join(current))
            current = []
    if current:
        yield markdown_item(start, " ".join(current))


def _date_like(value) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, int):
        return 1800 <= value <= 2099
    return isinstance(value, str) and bool(YEAR.search(value) or UNDATED.search(value))


def mapping_problems(entry: dict, *, checked_default=None) -> list[tuple[str, str]]:
    """``(key, problem)`` pairs of a YAML source mapping (``title``, ``url``/``doi``, ``date``, ``checked``).

    ``checked_default`` stands for ``checked`` where the record keeps the date
    elsewhere (a platform limit's ``verified_on``).
    """
    problems = []
    if not isinstance(entry.get("title"), str) or not entry["title"].strip():
        problems.append(("title", "has no title"))
    url, doi, no_link = entry.get("url"), entry.get("doi"), entry.get("no_link")
    if url is not None and not (isinstance(url, str) and url.startswith("https://")):
        problems.append(("url", f"url {url!r} must start with https://"))
    if doi is not None and not (isinstance(doi, str) and re.match(r"^10\.\d{4,9}/\S+$", doi)):
        problems.append(("doi", f"doi {doi!r} must look like 10.NNNN/..."))
    if not url and not doi and not (isinstance(no_link, str) and no_link.strip()):
        problems.append(("title", "has no url or doi (or no_link: <reason>, with the full reference in the title)"))
    if not _date_like(entry.get("date")) and not (entry.get("date") is None and _date_like(str(entry.get("title", "")))):
        problems.append(("date", "has no date of publication (a date or year, or 'undated'; or a year in the title)"))
    if url and "doi.org/" not in str(url) and not (entry.get("checked") or checked_default):
        problems.append(("url", "links a web page without the date it was checked (checked: YYYY-MM-DD)"))
    return problems


def mapping_unopened(entry: dict) -> bool:
    """Whether a YAML source links an address nobody has opened yet (``checked: not yet opened``, R013)."""
    return bool(entry.get("url")) and isinstance(entry.get("checked"), str) and bool(UNOPENED_VALUE.fullmatch(entry["checked"].strip()))


def mapping_linked(entry: dict) -> bool:
    return bool(entry.get("url") or entry.get("doi"))


def as_markdown(entry: dict) -> str:
    """A YAML source mapping written for a page: the title, linked when it has a URL or DOI."""
    title = " ".join(str(entry.get("title", "")).split())
    target = entry.get("url") or (f"https://doi.org/{entry['doi']}" if entry.get("doi") else None)
    return f"[{title}]({target})" if target else title
