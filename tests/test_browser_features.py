"""Features only a browser shows: search per language, press-kit downloads, the phone drawer, 404 pages,
print view, the colour-scheme switch and wide tables."""

from __future__ import annotations

import pytest

from conftest import html_pages, search_results, watched_page


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
    return search_results(page, query)  # the results for the whole query, once they show


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
    # Material asks for its search worker (and the index) while it starts; the lazy-search
    # script hands it a stand-in and puts the browser's own Worker back. Once it is back,
    # Material has asked, and nothing of search may have been requested.
    page.wait_for_function("() => /\\[native code\\]/.test(String(window.Worker))")
    assert not [u for u in requested if any(a in u for a in SEARCH_ASSETS)], requested
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the field
    page.keyboard.type("krisis" if start.startswith("kurikulum") else "crisis")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    index = "en/search/search_index.json" if start.startswith("en/") else "search/search_index.json"
    assert site_url + index in requested
    assert any("/workers/search." in u for u in requested)
    assert not watch.problems()


# Each row that prints a SHA-256 (a table row, a kit file's card, or a document page's kit box), with
# the download link beside it; fetched by the page itself, hashed with Web Crypto.
PRINTED_DOWNLOADS = """async () => {
  const rows = [...document.querySelectorAll("article tr, article .portal-file, article .portal-kit-doc, article .portal-kit-all")]
    .filter(row => row.querySelector("code.portal-sha256"));
  const hex = buffer => [...new Uint8Array(buffer)].map(b => b.toString(16).padStart(2, "0")).join("");
  return Promise.all(rows.map(async row => {
    const link = row.querySelector('a[href*="/unduhan/"], a[href^="unduhan/"]');
    if (!link) return {href: null, printed: row.querySelector("code.portal-sha256").textContent.trim()};
    const response = await fetch(link.href);
    return {href: link.href, status: response.status,
            printed: row.querySelector("code.portal-sha256").textContent.trim(),
            served: hex(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()))};
  }));
}"""


def test_every_download_link_serves_the_bytes_its_page_fingerprints(built_site, site_url, context):
    """Each press-kit download, fetched through its link, hashes to the SHA-256 printed beside it."""
    pages = [p.relative_to(built_site).parent.as_posix() + "/" for p in html_pages(built_site)
             if "/kit-media/" in "/" + p.relative_to(built_site).as_posix() and "portal-sha256" in p.read_text(encoding="utf-8")]
    page, watch = watched_page(context)
    checked = 0
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        rows = page.evaluate(PRINTED_DOWNLOADS)
        assert rows, path
        for row in rows:
            assert row["href"], f"/{path}: a printed SHA-256 without its download link"
            assert row["status"] == 200, (path, row["href"], row["status"])
            assert row["served"] == row["printed"], (path, row["href"])
            checked += 1
    # 2 kits x 2 languages: 1 ZIP + 7 documents + 3 images on the kit page, 1 on each of 7 document pages.
    assert checked == 2 * 2 * (11 + 7), checked
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
        assert len(reached) == 10, reached  # Beranda .. Panduan (Perangkat and Alat included): every top-level section
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


def scheme_and_switch(page) -> tuple[str, list[str]]:
    """The body's colour scheme and the names of the visible scheme buttons."""
    return page.evaluate(
        """() => [document.body.getAttribute("data-md-color-scheme"),
                  [...document.querySelectorAll("[data-portal-palette] > button")].filter(b => !b.hidden).map(b => b.getAttribute("aria-label"))]"""
    )


@pytest.mark.parametrize("system, other", [("light", "slate"), ("dark", "default")])
def test_colour_scheme_follows_the_system_until_the_reader_chooses(site_url, browser, system, other):
    """overrides/partials/palette.html: scheme set while parsing, one visible button, choice kept across pages."""
    context = browser.new_context(color_scheme=system, viewport={"width": 1280, "height": 900})
    page, watch = watched_page(context)
    page.goto(site_url + "kurikulum/", wait_until="load")
    first = "default" if system == "light" else "slate"
    scheme, visible = scheme_and_switch(page)
    assert scheme == first
    assert len(visible) == 1 and ("Mode gelap" in visible[0]) == (system == "light"), visible
    page.click("[data-portal-palette] > button:not([hidden])")
    assert scheme_and_switch(page)[0] == other
    assert page.evaluate("document.activeElement.matches('[data-portal-palette] > button:not([hidden])')")  # focus stays on the switch
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    page.goto(site_url + "en/glosarium/", wait_until="load")  # the choice holds in the other language too
    assert scheme_and_switch(page)[0] == other
    page.emulate_media(color_scheme="light" if system == "dark" else "dark")  # a chosen scheme ignores the system
    assert scheme_and_switch(page)[0] == other
    assert not watch.problems()
    context.close()


def test_system_change_is_followed_before_any_choice(site_url, browser):
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    page, watch = watched_page(context)
    page.goto(site_url, wait_until="load")
    assert scheme_and_switch(page)[0] == "default"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert not watch.problems()
    context.close()


def test_wide_tables_are_keyboard_regions_only_while_they_scroll(site_url, browser):
    """docs/assets/javascripts/portal.js: a scrolling table wrapper is focusable and named; once it fits, it is not."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page, watch = watched_page(context)
    page.goto(site_url + "kurikulum/penetapan-agenda/", wait_until="load")
    state = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')].map(w =>
        [w.scrollWidth > w.clientWidth, w.getAttribute('tabindex'), w.getAttribute('role'), w.getAttribute('aria-label')])"""
    page.wait_for_function("() => document.querySelector('.md-typeset__scrollwrap[tabindex]')")
    wraps = page.evaluate(state)
    assert [w for w in wraps if w[0]], "no table scrolls at 375 px: pick a page with a wider table"
    for scrolls, tabindex, role, name in wraps:
        assert (tabindex, role, name) == (("0", "region", "Tabel (dapat digeser ke samping)") if scrolls else (None, None, None))
    page.set_viewport_size({"width": 1600, "height": 900})
    page.wait_for_function("() => !document.querySelector('.md-typeset__scrollwrap[tabindex]')")
    assert not [w for w in page.evaluate(state) if w[0] or w[1]]
    assert not watch.problems()
    context.close()
