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
    assert slim == (  # each selector judged alone: ".md-nav,.md-post" keeps ".md-nav"
        ".md-nav{a:1}.md-nav{c:3}.x :not(.md-post){d:4}@media print{.md-nav{f:6}}"
        ".md-tag--news{g:7}[data-md-color-scheme=slate]{i:9}@keyframes spin{0%{j:10}to{k:11}}"
        ":is(.md-post,.md-nav) .x{m:13}"
    )


def test_a_tabbed_sets_nth_child_rules_need_a_set_of_that_many_tabs():
    css = (
        ".tabbed-set>input:first-child:checked~.tabbed-labels>:first-child,"
        ".tabbed-set>input:nth-child(3):checked~.tabbed-labels>:nth-child(3),"
        ".tabbed-set>input:nth-child(4):checked~.tabbed-labels>:nth-child(4),"
        ".tabbed-set>input:nth-child(12):checked~.tabbed-labels>:nth-child(12){o:1}"
        ".md-nav :nth-child(9){p:2}"  # not a tabbed set: never judged by tab count
    )
    names = {"tabbed-set", "tabbed-labels", "md-nav"}
    three = UsedNames(classes=set(names), max_tabs=3)
    assert prune_stylesheet(css, three) == (
        ".tabbed-set>input:first-child:checked~.tabbed-labels>:first-child,"
        ".tabbed-set>input:nth-child(3):checked~.tabbed-labels>:nth-child(3){o:1}.md-nav :nth-child(9){p:2}"
    )
    assert ":nth-child(12)" in prune_stylesheet(css, UsedNames(classes=set(names), max_tabs=12))


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


# --- Screenshots ----------------------------------------------------------------------
# A screenshot is taken only once the page has stopped changing: web fonts loaded, every
# image (lazy ones made eager) loaded and decoded, and the layout unchanged over several
# frames. And it is taken in a viewport already as tall as the page: a full-page capture
# of a shorter one stretches the viewport for the capture, and Material answers that
# resize (sidebar heights, the followed table of contents) a frame or more later, so on
# a busy machine the capture raced Material's answer. Stretching a viewport to a very
# long page is slow (seconds for the print book), loading a page into a stretched one is
# not: ``fit_viewport`` measures the page once at the look's own size and stretches, then
# every shot of that path (slim, original, retries) loads into that same viewport.

SETTLED = """async () => {
  document.querySelectorAll("img[loading=lazy]").forEach(img => { img.loading = "eager"; });
  await document.fonts.ready;
  await Promise.all([...document.images].map(img => (img.complete ? Promise.resolve()
      : new Promise(done => { img.addEventListener("load", done, {once: true}); img.addEventListener("error", done, {once: true}); })
    ).then(() => img.decode()).catch(() => {})));
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  const layout = () => [document.documentElement.scrollWidth, document.documentElement.scrollHeight,
    ...[...document.querySelectorAll("body *")].slice(0, 400).map(el => { const r = el.getBoundingClientRect(); return `${r.x},${r.y},${r.width},${r.height}`; })].join(";");
  let last = null, steady = 0;
  while (steady < 3) {  // the same layout over three frames in a row
    await frame();
    const now = layout();
    steady = now === last ? steady + 1 : 0;
    last = now;
  }
  return document.documentElement.scrollHeight;
}"""


def fit_viewport(page, url: str, viewport: dict) -> None:
    """The look's viewport, stretched to the height of the page at ``url`` as laid out in it."""
    page.set_viewport_size(viewport)
    page.goto(url, wait_until="networkidle")
    page.set_viewport_size({"width": viewport["width"], "height": page.evaluate(SETTLED)})


def shot(page, url: str) -> bytes:
    """The page at ``url``, settled, in the current viewport (stretched again if the page outgrew it)."""
    for _ in range(5):
        page.goto(url, wait_until="networkidle")
        height, size = page.evaluate(SETTLED), page.viewport_size
        if height <= size["height"]:
            break
        page.set_viewport_size({"width": size["width"], "height": height})
    return page.screenshot(full_page=True, animations="disabled")


# Chromium's software rasteriser rounds an anti-aliased edge (a rounded corner, a glyph)
# a few levels differently now and then; a changed rule moves or recolours whole runs of
# pixels. So a pixel differs when one of its channels is off by more than CHANNEL_TOLERANCE,
# and two pictures are the same when they have the same size and at most MAX_DIFFERING of
# their pixels differ (one in 50,000, and never more than 100). test_a_changed_margin_is_
# caught below proves that a one-rule, few-pixel change still fails.
CHANNEL_TOLERANCE = 8  # of 255
MAX_DIFFERING_SHARE, MAX_DIFFERING = 1 / 50_000, 100


def difference(a: bytes, b: bytes) -> str | None:
    """None when the two screenshots are the same picture, else what differs."""
    first, second = (Image.open(io.BytesIO(x)).convert("RGB") for x in (a, b))
    if first.size != second.size:
        return f"size {first.size} against {second.size}"
    # The largest channel difference of each pixel, then the pixels over the tolerance.
    channels = ImageChops.difference(first, second).split()
    largest = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    differing = largest.point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0).histogram()[255]
    allowed = min(MAX_DIFFERING, int(first.size[0] * first.size[1] * MAX_DIFFERING_SHARE))
    if differing > allowed:
        return f"{differing} pixels differ by more than {CHANNEL_TOLERANCE} (at most {allowed} may), box {largest.point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0).getbbox()}"
    return None


def same_picture(a: bytes, b: bytes) -> bool:
    return difference(a, b) is None


SAMPLE = ["", "kurikulum/penetapan-agenda/", "narasi/umum/narasi-tunggal/", "kit-media/ktt-43/", "glosarium/", "en/kurikulum/cetak/"]
LOOKS = [({"width": 1280, "height": 900}, "light"), ({"width": 375, "height": 667}, "dark")]


def original_copy(built_site: Path, folder: Path) -> Path:
    """The built site with Material's untouched stylesheets in place of the slim ones."""
    shutil.copytree(built_site, folder)
    for sheet in (folder / "assets" / "stylesheets").glob("*.min.css"):
        shutil.copyfile(next(MATERIAL_CSS.glob(f"{sheet.name.split('.')[0]}.*.min.css")), sheet)
    return folder


@pytest.mark.browser
@pytest.mark.parametrize("viewport, scheme", LOOKS, ids=["desktop-light", "phone-dark"])
def test_pages_look_the_same_with_the_slim_and_the_original_stylesheets(built_site, browser, tmp_path, viewport, scheme):
    """Screenshots of sample pages, desktop light and phone dark, against Material's untouched CSS."""
    original = original_copy(built_site, tmp_path / "original")
    slim_server, slim_base = serve(built_site)
    original_server, original_base = serve(original)
    differing = []
    try:
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        for path in SAMPLE:
            fit_viewport(page, slim_base + path, viewport)
            # A real difference shows every time; a passing blip does not.
            for _ in range(3):
                found = difference(shot(page, slim_base + path), shot(page, original_base + path))
                if found is None:
                    break
            else:
                differing.append(f"/{path} ({scheme}, {viewport['width']} px): {found}")
        context.close()
    finally:
        slim_server.shutdown()
        original_server.shutdown()
    assert not differing, differing


def test_the_comparison_wants_the_same_size_and_allows_only_a_few_stray_pixels():
    def png(image: Image.Image) -> bytes:
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    white = Image.new("RGB", (1280, 900), "white")
    assert same_picture(png(white), png(white))
    assert not same_picture(png(white), png(Image.new("RGB", (1280, 901), "white")))
    rounded = white.copy()
    for x in range(20):  # anti-aliasing: a few pixels, slightly off
        rounded.putpixel((x, 0), (250, 250, 250))
        rounded.putpixel((x, 1), (200, 200, 200))
    assert same_picture(png(white), png(rounded))
    icon = white.copy()
    icon.paste((0, 0, 255), (100, 100, 112, 112))  # a 12 x 12 icon recoloured: 144 pixels
    assert not same_picture(png(white), png(icon))


@pytest.mark.browser
def test_a_changed_margin_is_caught(built_site, browser, tmp_path):
    """The tolerance above still sees a real change: one heading margin 4 px larger."""
    changed = tmp_path / "changed"
    shutil.copytree(built_site, changed)
    sheet = next((changed / "assets" / "stylesheets").glob("main.*.min.css"))
    sheet.write_text(sheet.read_text(encoding="utf-8") + ".md-typeset h2{margin-top:calc(1.6em + 4px)}", encoding="utf-8")
    slim_server, slim_base = serve(built_site)
    changed_server, changed_base = serve(changed)
    try:
        viewport, scheme = LOOKS[0]
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        path = "kurikulum/penetapan-agenda/"
        fit_viewport(page, slim_base + path, viewport)
        assert same_picture(shot(page, slim_base + path), shot(page, slim_base + path))
        assert not same_picture(shot(page, slim_base + path), shot(page, changed_base + path))
        context.close()
    finally:
        slim_server.shutdown()
        changed_server.shutdown()
