"""The lighter first load (portal.slim): smaller, and rendered exactly as before."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import material
import pytest
from PIL import Image, ImageChops

from conftest import html_pages
from portal.localserver import serve
from portal.slim import UsedNames, prune_stylesheet, squeeze_html

MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def used(classes=(), prefixes=(), palette=()) -> UsedNames:
    return UsedNames(classes=set(classes), class_prefixes=set(prefixes), palette=set(palette))


def test_rules_no_page_can_match_go_and_the_rest_stay():
    css = (
        ".md-nav{a:1}.md-post{b:2}.md-nav,.md-post{c:3}"
        ".x :not(.md-post){d:4}"  # matches everything: never judged
        "@media screen{.md-post{e:5}}@media print{.md-nav{f:6}}"
        ".md-tag--news{g:7}"  # a class the bundle builds from a template
        "[data-md-color-primary=indigo] .md-nav{h:8}[data-md-color-scheme=slate]{i:9}"
        "@keyframes spin{0%{j:10}to{k:11}}"
        ".no-js .tabbed-set>input:nth-child(2):checked~.tabbed-labels>:nth-child(2){l:12}"  # a class outside () is required
        ":is(.md-post,.md-nav) .x{m:13}.md-post:is(.md-nav){n:14}"  # inside (): never judged; outside: judged
    )
    slim = prune_stylesheet(css, used({"md-nav", "x", "no-js"}, {"md-tag--"}, {("scheme", "slate"), ("primary", "custom")}))
    assert slim == (
        ".md-nav{a:1}.md-nav,.md-post{c:3}.x :not(.md-post){d:4}@media print{.md-nav{f:6}}"
        ".md-tag--news{g:7}[data-md-color-scheme=slate]{i:9}@keyframes spin{0%{j:10}to{k:11}}"
        ":is(.md-post,.md-nav) .x{m:13}"
    )


def test_squeeze_keeps_whitespace_that_shows_and_drops_indentation():
    html = '<div>\n    <p>Satu\n      dua</p>\n  <pre><code>a\n    b</code></pre>\n<textarea>\n  x</textarea><script>\n  if (a)\n    b()\n</script>\n</div>'
    assert squeeze_html(html) == '<div>\n<p>Satu\ndua</p>\n<pre><code>a\n    b</code></pre>\n<textarea>\n  x</textarea><script>\n  if (a)\n    b()\n</script>\n</div>'


def test_material_stylesheets_are_slimmed_renamed_by_content_and_linked(built_site):
    folder = built_site / "assets" / "stylesheets"
    sheets = {p.name.split(".")[0]: p for p in folder.glob("*.min.css")}
    assert set(sheets) == {"main", "palette"}
    for stem, sheet in sheets.items():
        original = next(MATERIAL_CSS.glob(f"{stem}.*.min.css"))
        assert sheet.name.split(".")[1] == hashlib.sha256(sheet.read_bytes()).hexdigest()[:8]
        assert sheet.stat().st_size < original.stat().st_size * (0.9 if stem == "main" else 0.5)
        assert not (folder / original.name).exists()
    for page in html_pages(built_site):
        links = re.findall(r'href="([^"]*assets/stylesheets/(?:main|palette)\.[^"]*)"', page.read_text())
        assert sorted(Path(link).name for link in links) == sorted(p.name for p in sheets.values()), page


ANTI_ALIASING = 8  # per colour channel, of 255


def shot(page, url: str) -> bytes:
    page.goto(url, wait_until="networkidle")
    # Lazy images load whenever the full-page capture reaches them: load them all first.
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    return page.screenshot(full_page=True, animations="disabled")


def same_picture(a: bytes, b: bytes) -> bool:
    """Same size, and no pixel off by more than anti-aliasing (Chromium's software
    rasteriser rounds the edge of a rounded corner one level differently now and then)."""
    first, second = (Image.open(io.BytesIO(x)).convert("RGB") for x in (a, b))
    if first.size != second.size:
        return False
    return max(high for _, high in ImageChops.difference(first, second).getextrema()) <= ANTI_ALIASING


SAMPLE = ["", "kurikulum/penetapan-agenda/", "narasi/umum/narasi-tunggal/", "kit-media/ktt-43/", "glosarium/", "en/kurikulum/cetak/"]


@pytest.mark.browser
def test_pages_look_the_same_with_the_slim_and_the_original_stylesheets(built_site, browser, tmp_path):
    """Screenshots of sample pages, desktop light and phone dark, against Material's untouched CSS."""
    original = tmp_path / "original"
    shutil.copytree(built_site, original)
    for sheet in (original / "assets" / "stylesheets").glob("*.min.css"):
        shutil.copyfile(next(MATERIAL_CSS.glob(f"{sheet.name.split('.')[0]}.*.min.css")), sheet)
    slim_server, slim_base = serve(built_site)
    original_server, original_base = serve(original)
    differing = []
    try:
        for viewport, scheme in (({"width": 1280, "height": 900}, "light"), ({"width": 375, "height": 667}, "dark")):
            context = browser.new_context(viewport=viewport, color_scheme=scheme)
            page = context.new_page()
            for path in SAMPLE:
                # A real difference shows every time; a passing blip does not.
                if not any(same_picture(shot(page, slim_base + path), shot(page, original_base + path)) for _ in range(3)):
                    differing.append(f"/{path} ({scheme}, {viewport['width']} px)")
            context.close()
    finally:
        slim_server.shutdown()
        original_server.shutdown()
    assert not differing, differing
