"""One search index per language.

Material's search plugin (through static-i18n) writes ONE index holding both
languages, so an Indonesian reader gets English results. We split it: the
Indonesian index stays at ``/search/search_index.json`` and the English one
moves to ``/en/search/search_index.json`` with locations relative to ``/en/``;
``overrides/main.html`` points each page's search at its language's index.
"""

from __future__ import annotations

import json
from pathlib import Path

from portal import DEFAULT_LANGUAGE, LANGUAGES
from portal.urls import language_of_url, neutral_path

SEARCH_INDEX = Path("search") / "search_index.json"

# What Material's search worker does per index: ``lang`` picks the lunr
# language plugins to load, ``pipeline`` lists the functions it KEEPS of
# trimmer, stopWordFilter and stemmer. Material turns each query word into a
# prefix query ("commun*"), which lunr does not stem, so an index of stems
# would stop "communication" finding itself: both languages keep Material's
# own defaults (English: stop words only; Indonesian: nothing, since lunr has
# no Indonesian and an English stemmer would mangle Indonesian words).
LANGUAGE_SEARCH = {
    "id": {"lang": ["en"], "pipeline": []},
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"]},
}


def split_search_index(site: Path) -> dict[str, int]:
    """Rewrite the merged index as one index per language; return doc counts."""
    merged = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    counts = {}
    for language in LANGUAGES:
        docs = [
            {**doc, "location": neutral_path(doc["location"])}
            for doc in merged["docs"]
            if language_of_url(doc["location"]) == language
        ]
        config = {**merged["config"], **LANGUAGE_SEARCH[language]}
        target = site / SEARCH_INDEX if language == DEFAULT_LANGUAGE else site / language / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
        counts[language] = len(docs)
    return counts


def write_offline_indexes(site: Path) -> list[Path]:
    """``search_index.js`` beside each language's index: Material reads it from ``file://``."""
    written = []
    for language in LANGUAGES:
        folder = site / SEARCH_INDEX.parent if language == DEFAULT_LANGUAGE else site / language / SEARCH_INDEX.parent
        index = folder / SEARCH_INDEX.name
        if index.exists():
            target = folder / "search_index.js"
            target.write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
            written.append(target)
    return written
