"""Share previews and platform visuals: the tags of every page, the cards they name, the narratives' images.

Quick tests draw with :mod:`portal.drawing` directly and measure where the
text's ink lies (the same image drawn without its text is subtracted); the
built-site tests read every page's tags and the files they point at; one
build of a copy whose key messages are hard (400 characters, a 40-letter
word, an emoji) proves the build copes and the images stay in their safe
areas; one Chromium test reads the tags as a crawler would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageChops

from conftest import COMMIT_EPOCH, REPO, SITE_URL, html_pages, parse_html, run_build
from portal import drawing, share
from portal.buildcache import ContentCache
from portal.narratives import visuals
from portal.narratives.load import load_catalogue, load_taxonomy
from portal.narratives.model import IN_FORCE
from portal.platforms import load_platforms

NOW = dt.datetime.fromtimestamp(int(COMMIT_EPOCH), dt.timezone.utc)
LONG_WORD = "Dekonsentrasitugaspembantuanpemerintahan"  # 40 letters
assert len(LONG_WORD) == 40
HARD_MESSAGES = {
    "400 characters": ("Akun pemerintah menyampaikan informasi yang akurat, jelas, dan tepat waktu kepada warga. " * 5)[:400],
    "a 40-letter word": f"Pelajari istilah {LONG_WORD} sebelum Anda menulis unggahan tentang urusan pemerintahan daerah.",
    "an emoji": "Kenali tema KTT ke-43 ASEAN 🌏 dan bagikan hanya informasi dari kanal resmi 👍🏽.",
}


def catalogue(docs: Path = REPO / "docs", now: dt.datetime = NOW):
    return load_catalogue(docs, now, load_taxonomy(docs), load_platforms(docs))


def in_force():
    return catalogue().with_state(IN_FORCE)[0]


def with_message(n, message: str):
    words = {lang: dataclasses.replace(w, key_message=message) for lang, w in n.words.items()}
    return dataclasses.replace(n, words=words)


def pixels(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB")


def ink_box(drawn: drawing.Drawn, blank: drawing.Drawn) -> tuple[int, int, int, int] | None:
    """The box around every pixel where the image with text differs from the same image without it."""
    return ImageChops.difference(pixels(drawn.data), pixels(blank.data)).getbbox()


def inside(box, outer) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


# --- Drawing: safe areas, wrapping, emoji, bytes ----------------------------------------------


@pytest.mark.parametrize("fmt", drawing.FORMATS, ids=lambda f: f.id)
@pytest.mark.parametrize("case", HARD_MESSAGES)
def test_a_hard_key_message_stays_inside_the_safe_area_whole(case, fmt):
    n = with_message(in_force(), HARD_MESSAGES[case])
    drawn, blank = visuals.draw(n, fmt, "id", NOW), visuals.draw(n, fmt, "id", NOW, ink=False)
    assert (drawn.width, drawn.height) == pixels(drawn.data).size == (fmt.width, fmt.height)
    box = ink_box(drawn, blank)
    assert box is not None and inside(box, fmt.safe), (box, fmt.safe)
    assert all(inside(b, fmt.safe) for b in drawn.text_boxes), drawn.text_boxes
    # The whole message is drawn, word for word: nothing cut, nothing left out but the emoji.
    expected, _ = drawing.drawable(HARD_MESSAGES[case], drawing.BOLD)
    assert expected in " ".join(drawn.lines), drawn.lines
    assert "…" not in " ".join(drawn.lines)


def test_an_emoji_is_dropped_and_reported_not_drawn():
    n = with_message(in_force(), HARD_MESSAGES["an emoji"])
    drawn = visuals.draw(n, drawing.FORMATS[0], "id", NOW)
    assert "🌏" not in " ".join(drawn.lines) and "U+1F30F 🌏" in drawn.dropped
    assert any(d.startswith("U+1F3FD") for d in drawn.dropped)  # the skin-tone modifier too
    assert "U+1F30F 🌏" in visuals.dropped(n, "id", NOW)
    assert "🌏" not in visuals.alt_text(n, drawing.FORMATS[0], "id", NOW)


def test_a_40_letter_word_is_never_cut():
    block = drawing.fit(f"Kata {LONG_WORD} utuh", 500, 400, 80, 8, drawing.BOLD)
    assert LONG_WORD in block.lines
    assert block.width() <= 500


@pytest.mark.parametrize("case", HARD_MESSAGES)
def test_a_preview_card_keeps_its_text_on_the_card_and_cuts_no_word(case):
    card = share.narrative_card(with_message(in_force(), HARD_MESSAGES[case]), "id", NOW, "Narasi")
    drawn, blank = card.draw(), card.draw(ink=False)
    assert pixels(drawn.data).size == (1200, 630)
    box = ink_box(drawn, blank)
    assert box is not None and inside(box, (40, 40, 1160, 630 - 10)), box
    given = (card.section, card.title, card.body, card.footnote, card.label, share.SITE)
    words = {w for text in given for w in drawing.drawable(drawing.plain(text), drawing.BOLD)[0].split()}
    words |= {w.upper() for w in words}
    drawn_words = [w for line in drawn.lines for w in line.split()]
    assert drawn_words and not [w for w in drawn_words if w not in words and w != "…"], drawn.lines


def test_the_same_drawing_gives_the_same_bytes_and_a_png_with_no_extra_chunks():
    n = in_force()
    first, second = visuals.visuals(n, "en", NOW), visuals.visuals(n, "en", NOW)
    assert [v.data for v in first] == [v.data for v in second]
    chunks = re.findall(rb"(?<=....)(tEXt|zTXt|iTXt|tIME|iCCP|pHYs)", first[0].data[:200])
    assert not chunks
    assert [(v.width, v.height) for v in first] == [(1080, 1350), (1080, 1080), (1080, 1920)]
    assert [pixels(v.data).size for v in first] == [(1080, 1350), (1080, 1080), (1080, 1920)]
    # One fixed palette: the background is the same colour, the portal's teal within a step, in every image.
    backgrounds = {pixels(v.data).getpixel((20, v.height // 2)) for v in first}
    assert len(backgrounds) == 1 and all(abs(a - b) <= 3 for a, b in zip(backgrounds.pop(), drawing.TEAL))


def test_the_font_is_the_shipped_file_opened_by_path():
    assert drawing.REGULAR.parent == REPO / "scripts/portal/fonts" and drawing.REGULAR.exists()
    assert "LICENSE-OFL.txt" in {p.name for p in drawing.REGULAR.parent.iterdir()}
    assert drawing.font(drawing.BOLD, 30).path == str(drawing.BOLD)


def test_serve_draws_an_unchanged_image_once():
    cache, n = ContentCache(), in_force()
    card = share.narrative_card(n, "id", NOW, "Narasi")
    assert card.png(cache) == card.png(cache) == card.png()
    visuals.visuals(n, "id", NOW, cache=cache)
    visuals.visuals(n, "id", NOW, cache=cache)
    assert (cache.misses["share"], cache.hits["share"]) == (1, 1)
    assert (cache.misses["visual"], cache.hits["visual"]) == (3, 3)
    changed = share.narrative_card(with_message(n, "Pesan lain."), "id", NOW, "Narasi")
    changed.png(cache)
    assert cache.misses["share"] == 2


def test_the_example_label_goes_on_every_example_and_on_no_other():
    n = in_force()
    assert visuals.is_example(n)
    assert "CONTOH PELATIHAN" in visuals.draw(n, drawing.FORMATS[1], "id", NOW).lines
    assert "TRAINING EXAMPLE" in visuals.draw(n, drawing.FORMATS[1], "en", NOW).lines
    assert share.narrative_card(n, "en", NOW, "Narratives").label == "Contoh pelatihan / Training example"
    official = dataclasses.replace(n, example=False)
    assert not visuals.is_example(official)
    assert not any("PELATIHAN" in line for line in visuals.draw(official, drawing.FORMATS[1], "id", NOW).lines)
    assert share.narrative_card(official, "id", NOW, "Narasi").label == ""
    # Only a real narrative's images call it the single narrative.
    assert visuals.texts(n, "id", NOW)["footnote"].endswith("· Contoh narasi")
    assert visuals.texts(official, "id", NOW)["footnote"].endswith("· Narasi tunggal")
    assert visuals.texts(n, "en", NOW)["footnote"].endswith("· Example narrative")


# --- The built site ---------------------------------------------------------------------------


def meta_tags(page: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    tags, html = {}, {}
    for tag, attrs in parse_html(page):
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            tags.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content", ""))
        elif tag == "html":
            html = attrs
        elif tag == "link" and attrs.get("rel") == "canonical":
            html["canonical"] = attrs["href"]
    return tags, html


def served(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / urlsplit(url).path.lstrip("/")


def test_every_page_has_its_share_tags_and_a_built_card(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= 90
    images = {}
    for page in pages:
        rel = page.relative_to(built_site).as_posix()
        tags, html = meta_tags(page)
        one = {key: values[0] for key, values in tags.items()}
        for key in ("og:title", "og:description", "og:url", "og:type", "og:locale", "og:locale:alternate", "og:site_name",
                    "og:image", "og:image:width", "og:image:height", "og:image:alt", "twitter:card"):
            assert one.get(key), (rel, key)
        assert one["twitter:card"] == "summary_large_image"
        assert one["og:url"] == html["canonical"], rel
        assert one["og:locale"] == {"id": "id_ID", "en": "en_GB"}[html["lang"]], rel
        assert tags["og:locale:alternate"] == [{"id": "en_GB", "en": "id_ID"}[html["lang"]]], rel
        assert one["og:description"] == one["description"], rel
        image = served(built_site, one["og:image"])
        assert image.is_file(), (rel, one["og:image"])
        assert (one["og:image:width"], one["og:image:height"]) == ("1200", "630")
        if image not in images:
            images[image] = pixels(image.read_bytes()).size
        assert images[image] == (1200, 630), image
        language_root = "en/" if html["lang"] == "en" else ""
        assert one["og:image"].startswith(f"{SITE_URL}{language_root}assets/share/"), rel
        if rel.startswith(f"{language_root}narasi/") and rel.count("/") - language_root.count("/") == 3:
            slug = rel.split("/")[-2]
            assert re.search(rf"/narasi-[a-z0-9-]*{slug}\.png$", one["og:image"]), (rel, one["og:image"])
        if re.match(rf"{language_root}kit-media/ktt-4[23]/", rel):
            assert re.search(r"/kit-ktt-4[23]\.png$", one["og:image"]), (rel, one["og:image"])
    for name in ("404.html", "en/404.html"):
        tags, _ = meta_tags(built_site / name)
        assert not [k for k in tags if k.startswith(("og:", "twitter:"))], name


def test_every_narrative_in_force_links_its_three_images_with_alt_text(built_site):
    now = NOW
    found = 0
    for n in catalogue(now=now).with_state(IN_FORCE):
        for language, prefix in (("id", ""), ("en", "en/")):
            page = built_site / prefix / visuals.folder(n) / "index.html"
            text = page.read_text(encoding="utf-8")
            tags = parse_html(page)
            links = [a for tag, a in tags if tag == "a" and a.get("type") == "image/png" and "download" in a]
            assert len(links) == 3, (page, links)
            alts = [a for tag, a in tags if tag == "p" and "portal-visual-alt" in a.get("class", "")]
            for link, alt, fmt in zip(links, alts, drawing.FORMATS):
                image = page.parent / link["href"]
                data = image.read_bytes()
                assert pixels(data).size == (fmt.width, fmt.height) == (int(alt["data-width"]), int(alt["data-height"]))
                assert hashlib.sha256(data).hexdigest() in text
                assert link["download"] == image.name and f"-{language}-{fmt.width}x{fmt.height}.png" in image.name
            label = {"id": "Contoh pelatihan", "en": "Training example"}[language]
            assert text.count(f"{'Label kuning di atas' if language == 'id' else 'A yellow label at the top'}: {label}") == 3
            found += 1
    in_force = [n for n in catalogue().narratives if n.state(NOW) == IN_FORCE]
    assert in_force and found == 2 * len(in_force)  # every narrative in force at the suite's commit time, in both languages


def test_archived_narratives_offer_no_visuals(built_site):
    for n in catalogue().narratives:
        if n.state(NOW) != IN_FORCE and n.state(NOW) != "hidden":
            page = built_site / visuals.folder(n) / "index.html"
            assert 'id="visuals"' not in page.read_text(encoding="utf-8"), page
            assert not list(page.parent.glob("*.png")), page


def test_the_images_stay_out_of_the_search_index(built_site):
    for index in ("search/search_index.json", "en/search/search_index.json"):
        docs = json.loads((built_site / index).read_text(encoding="utf-8"))["docs"]
        assert docs and not [d["location"] for d in docs if ".png" in d["location"] or "assets/share" in d["location"]]


# --- A copy with hard key messages ------------------------------------------------------------


@pytest.mark.build
def test_hard_key_messages_build_and_their_images_stay_in_the_safe_area(project_copy, tmp_path):
    docs = project_copy / "docs"
    later = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)  # seven narratives in force then
    chosen = catalogue(docs, later).with_state(IN_FORCE)[:3]
    assert len(chosen) == 3
    for n, (case, message) in zip(chosen, HARD_MESSAGES.items()):
        for path in n.paths.values():
            source = docs / path
            text = source.read_text(encoding="utf-8")
            block = re.search(r"^key_message:.*?(?=^\w)", text, re.S | re.M)
            assert block, path
            source.write_text(text[:block.start()] + f"key_message: {json.dumps(message, ensure_ascii=False)}\n" + text[block.end():], encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project_copy, site, env={"PORTAL_SKIP_PDF": "1", "PORTAL_NOW": later.isoformat()})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "Traceback" not in log
    assert re.search(r"share: docs/\S+: left out of the id images, the shipped font has no glyph for: U\+1F30F 🌏", log), log
    rebuilt = {n.id: n for n in catalogue(docs, later).narratives}
    for n in chosen:
        n = rebuilt[n.id]
        for fmt in drawing.FORMATS:
            data = (site / visuals.folder(n) / visuals.file_name(n, fmt, "id")).read_bytes()
            blank = visuals.draw(n, fmt, "id", later, ink=False)
            box = ImageChops.difference(pixels(data), pixels(blank.data)).getbbox()
            assert box is not None and inside(box, fmt.safe), (n.id, fmt.id, box, fmt.safe)


# --- What a crawler reads -----------------------------------------------------------------------


def test_a_crawler_reads_the_pages_title_and_description(context, site_url):
    page = context.new_page()
    narrative = visuals.folder(in_force())
    for path in ("", "en/", f"{narrative}/", f"en/{narrative}/", "en/kit-media/ktt-43/", "kurikulum/jadwal/"):
        page.goto(site_url + path)
        read = page.evaluate("""() => {
            const og = {};
            document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]').forEach(m => {
                og[m.getAttribute('property') || m.getAttribute('name')] = m.content; });
            return {og, title: document.title, h1: (document.querySelector('h1') || {}).textContent || '',
                    description: document.querySelector('meta[name="description"]').content,
                    lang: document.documentElement.lang};
        }""")
        og = read["og"]
        assert read["title"].startswith(og["og:title"]), (path, read["title"], og["og:title"])
        assert og["og:description"] == read["description"], path
        assert og["og:locale"].startswith(read["lang"] + "_"), path
        assert og["twitter:card"] == "summary_large_image"
        assert og["og:image"].startswith(SITE_URL) and og["og:image"].endswith(".png")
        image = page.request.get(site_url + urlsplit(og["og:image"]).path.lstrip("/"))
        assert image.ok and image.headers["content-type"] == "image/png", path
    page.close()
