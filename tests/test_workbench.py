"""The caption workbench (docs/alat/keterangan.md) and X's count by the book, in the browser and at build time.

- The official twitter-text the page ships (the vendored bundle) and the Python
  port the build uses give the same weighted count on the 29 old cases and on
  a generated corpus (emoji sequences, flags, skin tones, CJK, combining
  marks, URLs of every shape).
- Typing a caption into the workbench, in both languages, gives for every
  platform the length, hashtags, links and problems the build's checker
  (:func:`portal.captions.measure`) gives the same text; no request leaves the
  page after it has loaded.
- The page carries the rules of ``docs/_data/platforms.yml`` as data, and only
  the workbench pages load twitter-text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from caption_cases import X_CASES, corpus
from conftest import REPO, html_pages, parse_html, watched_page
from portal import clock
from portal.captions import is_camel_case, measure, normalise, urls, weighted_length
from portal.platforms import load_platforms
from portal.session import Session

VENDOR = REPO / "docs" / "assets" / "javascripts" / "vendor" / "twitter-text"
BUNDLE = VENDOR / "twitter-text.min.js"
PAGES = {"id": "alat/keterangan/", "en": "en/alat/keterangan/"}
PLATFORMS = load_platforms(REPO / "docs")


def known_captions() -> list[str]:
    """Every caption of the real narratives in both languages, a few hard cases, and part of the corpus."""
    session = Session(REPO / "docs", now=clock.parse_aware("2026-12-01T09:00+07:00"))
    texts = [text for n in session.narratives.narratives for c in n.captions for text in c.text.values()]
    texts += [
        "Lihat www.komdigi.go.id dan http://contoh.go.id #literasidigital #LiterasiDigital #KTT43 #AseanMatters #Satu #Dua",
        "  #Satu #Dua #Tiga #Empat #Lima #Enam  ",
        "日" * 141,
        "ftp://c.go.id https://x.com/a#atas &#39; C#7 #2023 #tagar_dua 👍🏽🇮🇩",
    ]
    return texts + corpus(40, seed=7)


# --- Without a browser ---------------------------------------------------------------------------


def test_the_vendored_twitter_text_is_the_pinned_official_one_with_its_licences():
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/twitter-text"]["version"] == "3.1.0"
    assert BUNDLE.read_text(encoding="utf-8").startswith("/*! twitter-text 3.1.0 (Apache-2.0")
    assert "Apache License" in (VENDOR / "LICENSE").read_text()
    notice = (VENDOR / "NOTICE.txt").read_text()
    assert "twitter-text 3.1.0" in notice and "twemoji-parser 11.0.2" in notice
    for name in ("LICENSE-twemoji-parser.txt", "LICENSE-punycode.txt", "LICENSE-babel-runtime.txt"):
        assert "MIT" in (VENDOR / name).read_text() or "Permission is hereby granted" in (VENDOR / name).read_text(), name


def test_the_build_counts_with_the_python_port():
    """No hand-written counter is left: the weighted length is parse_tweet's (with url_length from the data file)."""
    from twitter_text import parse_tweet

    text = "Halo 日本 👍🏽 https://example.com/" + "a" * 50
    assert weighted_length(text, 23) == parse_tweet(text).weightedLength == 5 + 4 + 1 + 2 + 1 + 23
    assert weighted_length("https://example.com", 30) == 30


# --- In the browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_official_javascript_and_python_port_agree_on_old_cases_and_a_corpus(browser):
    texts = [t for t, _ in X_CASES] + corpus()
    page = browser.new_page()
    page.set_content("<!doctype html><title>twitter-text</title>")
    page.add_script_tag(path=str(BUNDLE))
    official = page.evaluate("texts => texts.map(t => window.twttr.parseTweet(t).weightedLength)", texts)
    page.close()
    assert len(official) == len(X_CASES) + 300
    assert official[: len(X_CASES)] == [expected for _, expected in X_CASES]
    disagree = [(t, o, weighted_length(t, 23)) for t, o in zip(texts, official) if o != weighted_length(t, 23)]
    assert not disagree, disagree[:5]


def rows(page) -> dict[str, dict]:
    return page.eval_on_selector_all(
        "[data-platform]",
        "els => Object.fromEntries(els.map(e => [e.dataset.platform, {count: +e.dataset.count, hashtags: +e.dataset.hashtags, "
        "links: +e.dataset.links, problems: e.dataset.problems}]))",
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_typing_a_caption_gives_the_counts_and_hashtags_the_build_gives(site_url, context, language):
    page, watch = watched_page(context)
    page.goto(site_url + PAGES[language], wait_until="networkidle")
    assert page.locator(".portal-workbench__nojs").is_hidden()
    late = []
    page.on("request", lambda request: late.append(request.url))
    area = page.locator("#portal-caption")
    for text in known_captions():
        area.fill(text)  # the page counts in its input handler, before fill returns
        shown = rows(page)
        assert set(shown) == set(PLATFORMS)
        links = len(urls(normalise(text.strip())))
        for pid, platform in PLATFORMS.items():
            m = measure(text, platform)
            want = {"count": m.length, "hashtags": len(m.hashtags), "links": links,
                    "problems": " ".join(sorted({code for code, _ in m.problems}, key=["N011", "N012", "N013"].index))}
            assert shown[pid] == want, (language, pid, text)
        tags = json.loads(page.get_attribute("[data-hashtag-list]", "data-tags"))
        assert tags == list(m.hashtags), text
        warned = page.locator("[data-warnings] li").all_inner_texts()
        camel = [t for t in m.hashtags if not is_camel_case(t)]
        assert sum(1 for w in warned if any(w.startswith(t + " ") for t in camel)) == len(camel), (warned, camel)
    assert not late, late  # nothing leaves the page once it has loaded
    assert not watch.problems()


# --- The built site ------------------------------------------------------------------------------


def test_the_page_carries_the_platform_rules_as_data_and_only_it_loads_twitter_text(built_site):
    for language, path in PAGES.items():
        tags = parse_html(built_site / path / "index.html")
        found = {a["data-platform"]: a for tag, a in tags if "data-platform" in a}
        assert list(found) == list(PLATFORMS), language
        for pid, p in PLATFORMS.items():
            a = found[pid]
            assert (a["data-counting"], int(a["data-limit"]), a["data-max-hashtags"], int(a["data-url-length"])) == (
                p.counting, p.caption_chars, "" if p.max_hashtags is None else str(p.max_hashtags), p.url_length or 0), pid
            assert a["data-count"] == "0"
    loading = sorted(
        page.relative_to(built_site).parent.as_posix() + "/" for page in html_pages(built_site)
        if re.search(r'<script src="[^"]*vendor/twitter-text/twitter-text\.min\.js"', page.read_text(encoding="utf-8"))
    )
    assert loading == sorted(PAGES.values())
