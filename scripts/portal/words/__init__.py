"""Interface words in one home per language (``id.py``, ``en.py``), checked when loaded.

Every sentence, label and date form the portal prints beside the content comes
from here, so a template or page writer never carries business text and a
missing translation is caught at import, not on a reader's screen: each
language must have the same sections and keys, values of the same shape, and
the same ``{placeholders}`` in every text. A third language is a third module
here plus its words in the data files.
"""

from __future__ import annotations

import datetime as dt
import string
from importlib import import_module
from typing import Any

from portal import DEFAULT_LANGUAGE, LANGUAGES, clock


class WordsError(ValueError):
    """The word tables of two languages do not match; the message names the key."""


def _fields(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


def _compare(reference: Any, other: Any, where: str, language: str) -> None:
    if type(reference) is not type(other):
        raise WordsError(f"portal/words/{language}.py: {where} is {type(other).__name__}, not {type(reference).__name__} as in {DEFAULT_LANGUAGE}.py")
    if isinstance(reference, dict):
        missing, extra = reference.keys() - other.keys(), other.keys() - reference.keys()
        if missing or extra:
            raise WordsError(f"portal/words/{language}.py: {where} misses {sorted(missing)} / has extra {sorted(extra)}")
        for key in reference:
            _compare(reference[key], other[key], f"{where}.{key}", language)
    elif isinstance(reference, list):
        if len(reference) != len(other):
            raise WordsError(f"portal/words/{language}.py: {where} has {len(other)} entries, not {len(reference)}")
    elif isinstance(reference, str) and _fields(reference) != _fields(other):
        raise WordsError(f"portal/words/{language}.py: {where} has placeholders {sorted(_fields(other))}, not {sorted(_fields(reference))}")


def _load() -> dict[str, dict[str, dict[str, Any]]]:
    tables = {language: import_module(f"portal.words.{language}").WORDS for language in LANGUAGES}
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE:
            _compare(tables[DEFAULT_LANGUAGE], tables[language], "WORDS", language)
    return tables


WORDS = _load()


def section(name: str, language: str) -> dict[str, Any]:
    """One part of the site's words in ``language`` (``site``, ``narratives``, ``presskits``, ...)."""
    return WORDS[language][name]


def long_date(day: dt.date, language: str) -> str:
    """``30 September 2023`` in both languages (EYD V and British usage agree)."""
    return f"{day.day} {WORDS[language]['dates']['months'][day.month - 1]} {day.year}"


def clock_time(moment: dt.datetime | dt.time, language: str) -> str:
    """``09.00`` in Indonesian (EYD V), ``09:00`` in English."""
    sep = "." if language == "id" else ":"
    return f"{moment.hour:02d}{sep}{moment.minute:02d}"


def weekday_date(moment: dt.datetime, language: str) -> str:
    """``Selasa, 5 September 2023`` / ``Tuesday, 5 September 2023``, read in WIB."""
    local = moment.astimezone(clock.WIB)
    return f"{WORDS[language]['dates']['weekdays'][local.weekday()]}, {long_date(local.date(), language)}"


def moment_text(moment: dt.datetime, language: str) -> str:
    """``Selasa, 5 September 2023 pukul 09.00 WIB (UTC+7)`` / ``Tuesday, 5 September 2023, 09:00 WIB (UTC+7)``."""
    local = moment.astimezone(clock.WIB)
    return WORDS[language]["dates"]["moment"].format(date=weekday_date(local, language), time=clock_time(local, language))
