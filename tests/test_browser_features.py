"""Features only a browser shows: search per language, the phone drawer, 404 pages, print view."""

from __future__ import annotations

import pytest

from conftest import watched_page


pytestmark = pytest.mark.browser

SEARCHES = [
    # (page, query, expected first result, path prefix every result must have)
    ("kurikulum/", "penetapan agenda", "kurikulum/penetapan-agenda/", ""),
    ("", "glosarium", "glosarium/", ""),
    ("", "komunikasi krisis", "kurikulum/komunikasi-krisis/", ""),
    ("en/kurikulum/", "agenda setting", "en/kurikulum/penetapan-agenda/", "en/"),
    ("en/", "glossary", "en/glosarium/", "en/"),
    ("en/", "crisis communication", "en/kurikulum/komunikasi-krisis/", "en/"),
]


def search(page, query: str) -> list[str]:
    page.click("input.md-search__input")  # desktop: the search box sits in the header
    page.keyboard.type(query)
    page.wait_for_timeout(800)  # let the results for the whole query settle
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("start, query, first, prefix", SEARCHES)
def test_search_finds_pages_of_the_readers_language_only(site_url, context, start, query, first, prefix):
    page, watch = watched_page(context)
    page.goto(site_url + start, wait_until="networkidle")
    results = search(page, query)
    paths = [r.removeprefix(site_url).split("#")[0].split("?")[0] for r in results]
    assert paths[0] == first, paths[:5]
    for path in paths:
        assert path.startswith("en/") == (prefix == "en/"), f"{path} is not in the reader's language"
    assert not watch.problems()


SEARCH_ASSETS = ("/search/search_index.json", "/workers/search.", "/lunr/")


@pytest.mark.parametrize("start", ["kurikulum/", "en/glosarium/"])
def test_search_index_waits_until_the_reader_reaches_for_search(site_url, context, start):
    """overrides/partials/lazy-search.html: no index, worker or lunr on a plain visit; the "/" shortcut loads them."""
    page, watch = watched_page(context)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + start, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in requested if any(a in u for a in SEARCH_ASSETS)], requested
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the field
    page.keyboard.type("krisis" if start.startswith("kurikulum") else "crisis")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    index = "en/search/search_index.json" if start.startswith("en/") else "search/search_index.json"
    assert site_url + index in requested
    assert any("/workers/search." in u for u in requested)
    assert not watch.problems()


def test_phone_drawer_reaches_every_section(site_url, browser):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    for start in ("", "en/"):
        page, watch = watched_page(context)
        page.goto(site_url + start, wait_until="networkidle")
        assert not page.is_checked("#__drawer")
        page.click("label.md-header__button[for=__drawer]")
        assert page.is_checked("#__drawer")
        items = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item")
        reached = []
        for index in range(items.count()):
            item = items.nth(index)
            label = item.locator(":scope > label.md-nav__link, :scope > div.md-nav__container > label.md-nav__link")
            if label.count():
                label.first.click()
                nested = item.locator(":scope > nav a.md-nav__link").first
                nested.wait_for(state="visible", timeout=5_000)
                reached.append(nested.get_attribute("href"))
                item.locator(":scope > nav > label.md-nav__title").click()
            else:
                link = item.locator(":scope > a.md-nav__link, :scope > div.md-nav__container > a.md-nav__link").first
                assert link.is_visible()
                reached.append(link.get_attribute("href"))
        assert len(reached) == 8, reached  # Beranda .. Panduan: every top-level section
        assert not watch.problems()
        page.close()
    context.close()


@pytest.mark.parametrize("path, lang, title", [("tidak-ada/", "id", "Halaman tidak ditemukan"), ("en/missing/", "en", "Page not found")])
def test_not_found_pages_per_language(site_url, context, path, lang, title):
    page, watch = watched_page(context, expect_404=True)
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.inner_text("article h1") == title
    assert not watch.problems()


def test_print_view_of_the_curriculum_has_no_navigation_chrome(site_url, context):
    for path in ("kurikulum/cetak/", "en/kurikulum/cetak/"):
        page, _ = watched_page(context)
        page.goto(site_url + path, wait_until="load")
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
            assert not page.is_visible(chrome), f"{chrome} printed on /{path}"
        assert page.locator("h2.portal-module").count() == 8
        assert page.is_visible("h2.portal-module >> nth=0")
        page.close()
