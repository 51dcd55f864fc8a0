"""Captions measured the way each platform measures them, and the caption rules.

A caption card shows "187 / 280" only if 187 is the number the platform will
compute, so the counting follows the platform, not ``len()``:

- ``weighted`` (X): twitter-text configuration v3, the reference X publishes,
  counted by ``twitter-text-parser`` (the Python port of the official
  library; the caption workbench in the browser runs the official JavaScript,
  ``docs/assets/javascripts/vendor/twitter-text/``, and a test holds the two
  to the same numbers). Every URL counts ``url_length`` (from
  ``docs/_data/platforms.yml``), every emoji 2, every other code point 1
  inside twitter-text's light ranges and 2 outside them (CJK, Hangul, "…").
  One correction keeps the port on the official count: the official library
  finds emoji with twemoji-parser, which reads a bare © or ® (no U+FE0F) as a
  character of weight 1, while the port's emoji list takes them for emoji.
- ``plain`` (the others): Unicode code points after NFC normalisation. Their
  documentation states a character limit without a weighting rule.

Links are found by twitter-text's rules too (protocol optional, so a bare
``komdigi.go.id`` or even ``contoh.id`` is a link and counts 23 on X); every
link in a caption must be written out in full with ``https://`` (rule N013).
Hashtags are found outside links: a ``#`` not after ``&`` or a word
character, followed by word characters with at least one letter.

Limits (characters, hashtags, URL length) are never written here: they come
from the platform records (:mod:`portal.platforms`).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass

from portal.platforms import Platform

with warnings.catch_warnings():  # the port imports pkg_resources, which warns that it is deprecated
    warnings.simplefilter("ignore")
    from twitter_text import extract_emojis_with_indices, extract_urls_with_indices, parse_tweet
    from twitter_text.config import config as _twitter_config

X_CONFIG = _twitter_config["defaults"]  # twitter-text config v3: scale 100, default weight 200, light ranges
TEXT_DEFAULT = ("\u00a9", "\u00ae")  # ©, ®: text unless U+FE0F follows (twemoji-parser, as the official JS)
_ANY_SCHEME = re.compile(r"(?<![\w.+-])([a-z][a-z0-9+.-]*)://", re.I)

# --- Hashtags (twitter-text: a letter somewhere, not after & or a word char) --

HASHTAG = re.compile(r"(?<![&\w])[#\uff03](\w*[^\W\d_]\w*)")
CAMEL_CASE = re.compile(r"^#(?:[A-Z][a-z0-9]*|[0-9]+)+$")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def urls(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, url)`` of every link twitter-text finds in ``text`` (already NFC-normalised)."""
    return [(u["indices"][0], u["indices"][1], u["url"]) for u in extract_urls_with_indices(text)]


def hashtags(text: str) -> list[str]:
    """Hashtags in order of appearance, outside links (``#top`` in a URL is not one)."""
    text = normalise(text)
    inside = [(start, end) for start, end, _ in urls(text)]
    return [
        "#" + m.group(1)
        for m in HASHTAG.finditer(text)
        if not any(start <= m.start() < end for start, end in inside)
    ]


def is_camel_case(tag: str) -> bool:
    """``#LiterasiDigital``: each word starts with a capital, so screen readers read words."""
    return bool(CAMEL_CASE.match(tag))


def weighted_length(text: str, url_length: int) -> int:
    """X's count of ``text``: twitter-text v3 ``parseTweet().weightedLength``."""
    text = normalise(text)
    options = dict(X_CONFIG, transformed_url_length=url_length)
    inside = [(start, end) for start, end, _ in urls(text)]
    bare = sum(
        1 for e in extract_emojis_with_indices(text)
        if e["emoji"] in TEXT_DEFAULT and not any(start <= e["indices"][0] < end for start, end in inside)
    )
    return parse_tweet(text, options).weightedLength - bare


def plain_length(text: str) -> int:
    return len(normalise(text))


def length(text: str, platform: Platform) -> int:
    """The caption's length as ``platform`` counts it."""
    if platform.counting == "weighted":
        return weighted_length(text, platform.url_length or 0)
    return plain_length(text)


@dataclass(frozen=True)
class Measure:
    """A caption measured against one platform's rules."""

    length: int
    limit: int
    hashtags: tuple[str, ...]
    problems: tuple[tuple[str, str], ...]  # (code, message), codes shared with portal.narratives


def measure(text: str, platform: Platform) -> Measure:
    text = normalise(text.strip())
    count = length(text, platform)
    tags = tuple(hashtags(text))
    problems = []
    if count > platform.caption_chars:
        how = "weighted characters" if platform.counting == "weighted" else "characters"
        problems.append(("N011", f"{platform.name} caption is {count} {how}, over the limit of {platform.caption_chars}"))
    if platform.max_hashtags is not None and len(tags) > platform.max_hashtags:
        problems.append(("N012", f"{platform.name} caption has {len(tags)} hashtags ({' '.join(tags)}); {platform.name} allows {platform.max_hashtags}"))
    for url in non_https_urls(text):
        problems.append(("N013", f"{platform.name} caption links {url!r}: write every link in full with https://"))
    return Measure(count, platform.caption_chars, tags, tuple(problems))


def non_https_urls(text: str) -> list[str]:
    """Links that are not ``https://``: ``http://``, other schemes, bare domains."""
    text = normalise(text)
    bad = [url for _, _, url in urls(text) if not url.lower().startswith("https://")]
    bad += [
        text[m.start():].split()[0]
        for m in _ANY_SCHEME.finditer(text)
        if m.group(1).lower() not in ("http", "https")
    ]
    return bad
