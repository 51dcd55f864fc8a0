"""Press kits on a phone: every file a card that fits one short screen, the whole kit one tap away, the checksum copied exactly."""

from __future__ import annotations

import hashlib

import pytest

from conftest import watched_page

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 667}
KIT_PAGES = ["kit-media/ktt-43/", "kit-media/ktt-42/", "en/kit-media/ktt-43/", "en/kit-media/ktt-42/"]


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    yield context
    context.close()


def mounted(page) -> None:
    """Material has handed this document to its components (the clipboard among them)."""
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("() => new Promise(done => window.document$.subscribe(() => done()))")


@pytest.mark.parametrize("width", [320, 375])
def test_each_kit_file_fits_one_short_screen_with_its_checksum_open(built_site, site_url, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 667})
    page = context.new_page()
    for path in KIT_PAGES:
        page.goto(site_url + path, wait_until="load")
        page.eval_on_selector_all("details.portal-file__sha", "els => els.forEach(d => d.open = true)")
        heights = page.eval_on_selector_all(".portal-file", "els => els.map(e => e.getBoundingClientRect().height)")
        assert len(heights) == 7 + 3, (path, heights)  # seven documents and three images per kit
        assert max(heights) <= 667, (path, width, heights)
    context.close()


def test_the_whole_kit_downloads_in_one_tap_above_the_fold(built_site, site_url, phone):
    page, watch = watched_page(phone)
    for path in KIT_PAGES:
        page.goto(site_url + path, wait_until="load")
        button = page.locator(".portal-kit-quick a.md-button--primary")
        box = button.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], (path, box)
        href = button.get_attribute("href")
        assert href.endswith(".zip") and (built_site / path / href).resolve().is_file(), (path, href)
    assert not watch.problems()


def test_the_copy_button_copies_exactly_the_hex(built_site, site_url, phone):
    page, watch = watched_page(phone)
    copied = 0
    for path in ("kit-media/ktt-43/", "en/kit-media/ktt-42/"):
        page.goto(site_url + path, wait_until="load")
        mounted(page)
        cards = page.locator(".portal-file")
        for index in range(cards.count()):
            card = cards.nth(index)
            href = card.locator(".portal-file__title a, .portal-file__meta a").last.get_attribute("href")
            expected = hashlib.sha256((built_site / path / href).resolve().read_bytes()).hexdigest()
            card.locator("details.portal-file__sha > summary").click()
            card.locator("button.portal-copy-sha").click()
            assert page.evaluate("navigator.clipboard.readText()") == expected, (path, href)
            copied += 1
    assert copied == 2 * 10
    assert not watch.problems()
