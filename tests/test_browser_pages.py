"""Every built page, in both languages, in a real browser (Debian's Chromium).

Each page must load with no console error, no failed request and no request
to another host; declare its language; offer a switcher that leads to its
counterpart; and pass axe-core's WCAG 2.1 A/AA rules in the light scheme and
in the dark one.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import html_pages, watched_page

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def page_urls(site) -> list[str]:
    return ["" if p.name == "index.html" and p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in html_pages(site)]


def counterpart(path: str) -> str:
    return path[3:] if path.startswith("en/") or path == "en/" else f"en/{path}"


# Each of these visits every page, about a second a page: the pages are dealt out into
# shards (page i to shard i % N), one test each, so that pytest-xdist can run them side
# by side. Together the shards still visit every page exactly once.
LIGHT_SHARDS, DARK_SHARDS = 4, 2


def shard_of(site, shard: int, shards: int) -> list[str]:
    return page_urls(site)[shard::shards]


def test_pages_are_dealt_into_shards_that_cover_each_page_once(built_site):
    for shards in (LIGHT_SHARDS, DARK_SHARDS):
        dealt = [path for shard in range(shards) for path in shard_of(built_site, shard, shards)]
        assert sorted(dealt) == sorted(page_urls(built_site)) and len(set(dealt)) == len(dealt) > 40


@pytest.mark.parametrize("shard", range(LIGHT_SHARDS))
def test_every_page_loads_cleanly_with_a_working_switcher_and_passes_axe(built_site, site_url, context, shard):
    """One visit per page (light scheme): requests, language, switcher, and every WCAG 2.1 A/AA rule."""
    axe = Axe()
    problems = []
    for path in shard_of(built_site, shard, LIGHT_SHARDS):
        page, watch = watched_page(context)
        page.goto(site_url + path, wait_until="networkidle")
        language = page.evaluate("document.documentElement.lang")
        expected = "en" if path.startswith("en/") else "id"
        if language != expected:
            problems.append(f"/{path}: lang={language!r}, expected {expected!r}")
        other = "id" if expected == "en" else "en"
        href = page.get_attribute(f"a.md-select__link[hreflang={other}]", "href")
        target = urljoin(page.url, href or "")
        if target != site_url + counterpart(path):
            problems.append(f"/{path}: switcher leads to {target}, expected {site_url + counterpart(path)}")
        problems += [f"/{path}: {p}" for p in watch.problems()]
        problems += axe_problems(axe, page, path, "light", WCAG)
        page.close()
    assert not problems, "\n".join(problems)


def axe_problems(axe, page, path: str, scheme: str, options: dict) -> list[str]:
    result = axe.run(page, options=options)
    return [
        f"/{path} [{scheme}]: {v['id']} ({len(v['nodes'])}x) {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("shard", range(DARK_SHARDS))
def test_every_page_passes_axe_in_the_dark_scheme(built_site, site_url, browser, shard):
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    axe = Axe()
    problems = []
    page = context.new_page()
    for path in shard_of(built_site, shard, DARK_SHARDS):
        page.goto(site_url + path, wait_until="load")
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != "slate":
            problems.append(f"/{path} [dark]: the page did not switch to the slate scheme")
        problems += axe_problems(axe, page, path, "dark", WCAG)
    context.close()
    assert not problems, "\n".join(problems)


# --- Phone first -------------------------------------------------------------------------
PHONE_WIDTHS = (320, 375, 414)
PHONE_SHARDS = 2
LAYOUT_WIDTH = "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"


@pytest.mark.parametrize("shard", range(PHONE_SHARDS))
def test_no_page_is_wider_than_a_phone(built_site, site_url, browser, shard):
    """At 320, 375 and 414 px every page's layout is exactly as wide as the screen: nothing scrolls sideways.

    Wide tables scroll inside their own region (Material's wrapper, made reachable by
    portal.js), so they may be wider; the page itself never is. The hidden language
    menu once made every page 6 px too wide. At 320 px no table row is taller
    than a short screen (667 px); a kit's files are cards for that reason.
    """
    context = browser.new_context(viewport={"width": PHONE_WIDTHS[0], "height": 667})
    page = context.new_page()
    problems = []
    for path in shard_of(built_site, shard, PHONE_SHARDS):
        page.set_viewport_size({"width": PHONE_WIDTHS[0], "height": 667})
        page.goto(site_url + path, wait_until="load")
        for width in PHONE_WIDTHS:
            page.set_viewport_size({"width": width, "height": 667})
            page.wait_for_function(f"() => window.innerWidth === {width}")
            layout = page.evaluate(LAYOUT_WIDTH)
            if layout != width:
                problems.append(f"/{path} at {width} px: layout is {layout} px wide")
            if width == PHONE_WIDTHS[0]:  # the narrowest screen: no table row taller than a short screen
                tallest = page.evaluate("Math.max(0, ...[...document.querySelectorAll('.md-typeset tr')].map(r => r.getBoundingClientRect().height))")
                if tallest > 667:
                    problems.append(f"/{path} at {width} px: a table row is {tallest:.0f} px tall")
    context.close()
    assert not problems, "\n".join(problems)
