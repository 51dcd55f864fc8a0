"""Captions measured the way each platform measures them, and the caption rules.

A caption card shows "187 / 280" only if 187 is the number the platform will
compute, so the counting follows the platform, not ``len()``:

- ``weighted`` (X): twitter-text configuration v3, the reference X publishes.
  The text is NFC-normalised; every URL counts ``url_length`` (from
  ``docs/_data/platforms.yml``); every emoji counts 2 however many code points
  it is made of (skin tones, ZWJ families, flags, keycaps); every other code
  point counts 1 inside the ranges below and 2 outside them (CJK, Hangul,
  "…", "•", "€", non-emoji astral letters).
- ``plain`` (the others): Unicode code points after NFC normalisation. Their
  documentation states a character limit without a weighting rule.

URLs are found with twitter-text's rules (protocol optional; a bare domain
needs a known top-level domain; ``name.cc`` without a path is not a link), so
``komdigi.go.id`` counts 23 on X just as X counts it. twitter-text's list of
~1,500 generic TLDs is cut to the common ones here: every link in a caption
must be written out in full with ``https://`` anyway (rule N013), so a bare
domain only needs to be *found*, to be refused.

Limits (characters, hashtags, URL length) are never written here: they come
from the platform records (:mod:`portal.platforms`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from portal.platforms import Platform

# twitter-text config/v3.json: scale 100, defaultWeight 200, emojiParsingEnabled.
# Weights here are already divided by the scale.
X_DEFAULT_WEIGHT = 2
X_EMOJI_WEIGHT = 2
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))  # weight 1

# --- URLs (twitter-text extractUrl, reduced) ---------------------------------

_CCTLD = (
    "ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt "
    "bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es "
    "et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie "
    "il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma "
    "mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om "
    "pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr "
    "ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg "
    "vi vn vu wf ws ye yt za zm zw"
).split()
_GTLD = (
    "aero app asia biz blog cat com coop dev edu gov info int jobs link live media mil mobi museum name net "
    "news online org post pro shop site store tel tech travel web xxx xyz"
).split()
_C = r"[^\W_]"  # a domain character: letter or digit, any script
_SUBDOMAIN = rf"(?:(?:{_C}(?:[_-]|{_C})*)?{_C}\.)"
_DOMAIN_NAME = rf"(?:(?:{_C}(?:-|{_C})*)?{_C}\.)"
_TLD_END = r"(?=[^0-9a-z@+-]|$)"
_GTLD_RE = "(?:" + "|".join(sorted(_GTLD, key=len, reverse=True)) + ")" + _TLD_END
_CCTLD_RE = "(?:" + "|".join(_CCTLD) + ")" + _TLD_END
_PATH_CHAR = r"[a-z0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&\u00c0-\u024f\u0400-\u04ff]"
_PATH_END = r"(?:[+\-a-z0-9=_#/\u00c0-\u024f\u0400-\u04ff]|\([a-z0-9!*';:=+,.$/%#\[\]\-_~@|&]+\))"
_PATH = rf"(?:/(?:(?:{_PATH_CHAR}|\({_PATH_CHAR}+\))*{_PATH_END})?)"
_QUERY = r"(?:\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/])"
URL = re.compile(
    r"(?<![A-Za-z0-9@\uff20$#\uff03])"
    rf"(?P<url>(?P<protocol>https?://)?(?P<domain>{_SUBDOMAIN}*{_DOMAIN_NAME}(?:{_GTLD_RE}|{_CCTLD_RE}|xn--[a-z0-9-]+))"
    rf"(?::[0-9]+)?(?P<path>{_PATH})?{_QUERY}?)",
    re.I,
)
_SHORT_DOMAIN = re.compile(rf"^{_DOMAIN_NAME}{_CCTLD_RE}$", re.I)
_ANY_SCHEME = re.compile(r"(?<![\w.+-])([a-z][a-z0-9+.-]*)://", re.I)

# --- Emoji (the sequences twemoji-parser reads as one emoji) -----------------

_PICTO = (
    "\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa"
    "\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55"
    "\u3030\u303d\u3297\u3299\U0001f000-\U0001f1e5\U0001f200-\U0001f3fa\U0001f400-\U0001faff"
)
_ELEMENT = rf"(?:[{_PICTO}](?!\ufe0e)(?:\ufe0f|[\U0001f3fb-\U0001f3ff])?|[\u00a9\u00ae]\ufe0f)"
EMOJI = re.compile(
    r"[#*0-9]\ufe0f?\u20e3"  # keycap
    r"|[\U0001f1e6-\U0001f1ff]{2}"  # flag: two regional indicators
    r"|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"  # subdivision flag (tag sequence)
    rf"|{_ELEMENT}(?:\u200d{_ELEMENT})*"  # one pictograph, or a ZWJ sequence of them
)

# --- Hashtags (twitter-text: a letter somewhere, not after & or a word char) --

HASHTAG = re.compile(r"(?<![&\w])[#\uff03](\w*[^\W\d_]\w*)")
CAMEL_CASE = re.compile(r"^#(?:[A-Z][a-z0-9]*|[0-9]+)+$")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find_urls(text: str) -> list[re.Match]:
    """Links as twitter-text finds them (``text`` already NFC-normalised)."""
    found = []
    for match in URL.finditer(text):
        if not match.group("protocol"):
            before = text[match.start() - 1] if match.start() else ""
            if before and before in "-_./":
                continue
            if not match.group("path") and _SHORT_DOMAIN.match(match.group("domain")):
                continue  # "contoh.id" is a word to X, not a link
        found.append(match)
    return found


def hashtags(text: str) -> list[str]:
    """Hashtags in order of appearance, outside links (``#top`` in a URL is not one)."""
    text = normalise(text)
    inside = [m.span() for m in find_urls(text)]
    return [
        "#" + m.group(1)
        for m in HASHTAG.finditer(text)
        if not any(start <= m.start() < end for start, end in inside)
    ]


def is_camel_case(tag: str) -> bool:
    """``#LiterasiDigital``: each word starts with a capital, so screen readers read words."""
    return bool(CAMEL_CASE.match(tag))


def _weight(char: str) -> int:
    code = ord(char)
    return 1 if any(lo <= code <= hi for lo, hi in X_LIGHT_RANGES) else X_DEFAULT_WEIGHT


def weighted_length(text: str, url_length: int) -> int:
    """X's count of ``text`` (twitter-text v3 ``parseTweet().weightedLength``)."""
    text = normalise(text)
    spans = {m.start(): (m.end(), url_length) for m in find_urls(text)}
    for m in EMOJI.finditer(text):
        if not any(start <= m.start() < end for start, (end, _) in spans.items()):
            spans.setdefault(m.start(), (m.end(), X_EMOJI_WEIGHT))
    total, i = 0, 0
    while i < len(text):
        if i in spans:
            end, weight = spans[i]
            total += weight
            i = end
        else:
            total += _weight(text[i])
            i += 1
    return total


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
    bad = [m.group("url") for m in find_urls(text) if (m.group("protocol") or "").lower() != "https://"]
    bad += [
        text[m.start():].split()[0]
        for m in _ANY_SCHEME.finditer(text)
        if m.group(1).lower() not in ("http", "https")
    ]
    return bad
