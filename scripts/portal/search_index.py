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

from portal import DEFAULT_LANGUAGE, LANGUAGES, indonesian
from portal.urls import language_of_url, neutral_path

SEARCH_INDEX = Path("search") / "search_index.json"

# What Material's search worker does per index: ``lang`` picks the lunr
# language plugins to load (``assets/javascripts/lunr/min/lunr.<lang>.min.js``),
# ``pipeline`` lists the functions it KEEPS of trimmer, stopWordFilter and
# stemmer. Material turns each query word into a prefix query ("commun*"),
# which lunr does not run through the pipeline. English keeps Material's
# default (stop words only: an index of English stems would stop
# "communication*" finding itself). Indonesian uses our plugin ``lunr.id``
# (:mod:`portal.indonesian`, generated below from the site's words): it
# indexes each word AND its root, and adds each query word's root as an exact
# clause beside Material's prefix clause. ``PORTAL_SEARCH_STEMMING=0`` falls
# back to Material's Indonesian default (no stemmer, no stop words).
LANGUAGE_SEARCH = {
    "id": {"lang": ["en"], "pipeline": []},
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"]},
}
INDONESIAN_SEARCH = {"lang": ["id"], "pipeline": ["trimmer", "stopWordFilter", "stemmer"]}


def split_search_index(site: Path, roots: indonesian.RootMemo | None = None) -> dict[str, int]:
    """Rewrite the merged index as one index per language; return doc counts.

    With Indonesian stemming on (the default), also writes the ``lunr.id``
    plugin the Indonesian index asks for (``roots``: ``make serve``'s memo of
    the words already stemmed).
    """
    merged = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    counts = {}
    for language in LANGUAGES:
        docs = [
            {**doc, "location": neutral_path(doc["location"])}
            for doc in merged["docs"]
            if language_of_url(doc["location"]) == language
        ]
        config = {**merged["config"], **LANGUAGE_SEARCH[language]}
        if language == "id" and indonesian.enabled():
            config.update(INDONESIAN_SEARCH)
            indonesian.write_plugin(site, docs, roots)
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
