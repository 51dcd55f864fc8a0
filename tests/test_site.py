"""The real site, built strictly: both languages, mirrored, self-contained."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from conftest import COMMIT_EPOCH, REPO, SITE_URL, copy_project, html_pages, parse_html, run_build

from portal import clock
from portal.session import CATALOGUES, Session

LINK_RELS_THAT_ARE_NOT_RESOURCES = {"canonical", "alternate", "prev", "next"}


def test_strict_build_prints_no_warning(built_site):
    log = (built_site / ".build-log").read_text()
    assert "WARNING" not in log and "ERROR" not in log, log


def test_one_build_reads_each_catalogue_once_and_bundles_each_kit_once(built_site):
    """The build session's own count (overrides/hooks/session.py logs it when the last language is written)."""
    log = (built_site / ".build-log").read_text()
    reads = ", ".join(f"{name} 1" for name in CATALOGUES)
    at_commit = clock.now({"SOURCE_DATE_EPOCH": COMMIT_EPOCH})
    kits = len(Session(REPO / "docs", at_commit).presskits.published())
    assert f"catalogue reads: {reads}; kit bundles made: {kits * 2}" in log, log[-2000:]


def _counterpart(site: Path, page: Path) -> Path:
    rel = page.relative_to(site)
    if rel.parts[0] == "en":
        return site.joinpath(*rel.parts[1:])
    return site / "en" / rel


def test_every_page_exists_in_both_languages(built_site):
    pages = html_pages(built_site)
    english = [p for p in pages if p.relative_to(built_site).parts[0] == "en"]
    assert len(english) >= 15 and len(pages) == 2 * len(english)
    for page in pages:
        assert _counterpart(built_site, page).exists(), f"{page.relative_to(built_site)} has no counterpart"


def test_each_page_declares_its_language(built_site):
    for page in html_pages(built_site):
        expected = "en" if page.relative_to(built_site).parts[0] == "en" else "id"
        html_tag = next(attrs for tag, attrs in parse_html(page) if tag == "html")
        assert html_tag["lang"] == expected, page


def test_hreflang_alternates_are_absolute_with_x_default_and_canonical(built_site):
    for page in html_pages(built_site):
        rel = page.relative_to(built_site).as_posix()
        links = [a for t, a in parse_html(page) if t == "link"]
        alternates = {a["hreflang"]: a["href"] for a in links if a.get("rel") == "alternate" and "hreflang" in a}
        canonical = [a["href"] for a in links if a.get("rel") == "canonical"]
        assert set(alternates) == {"id", "en", "x-default"}, rel
        assert all(href.startswith(SITE_URL) for href in alternates.values()), (rel, alternates)
        assert canonical and canonical[0].startswith(SITE_URL), rel
        language = "en" if rel.startswith("en/") else "id"
        assert alternates[language] == canonical[0], rel
        assert alternates["x-default"] == alternates["id"], rel
        # The other language's alternate is that page's canonical URL.
        other = parse_html(_counterpart(built_site, page))
        other_canonical = next(a["href"] for t, a in other if t == "link" and a.get("rel") == "canonical")
        assert alternates["en" if language == "id" else "id"] == other_canonical, rel


def _switcher_targets(site: Path, page: Path) -> dict[str, Path]:
    targets = {}
    page_dir = page.parent.relative_to(site).as_posix()
    for tag, attrs in parse_html(page):
        if tag == "a" and "md-select__link" in attrs.get("class", ""):
            href = attrs["href"]
            assert not href.startswith(("/", "http")), f"switcher link {href!r} is not relative in {page}"
            target = posixpath.normpath(posixpath.join(page_dir, href))
            targets[attrs["hreflang"]] = site / target / "index.html"
    return targets


def test_language_switcher_lands_on_the_same_page_in_the_other_language(built_site):
    for page in html_pages(built_site):
        targets = _switcher_targets(built_site, page)
        assert set(targets) == {"id", "en"}, page
        here = "en" if page.relative_to(built_site).parts[0] == "en" else "id"
        other = "id" if here == "en" else "en"
        assert targets[here] == page
        assert targets[other] == _counterpart(built_site, page)


def test_no_resource_is_loaded_from_another_host(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        rel = path.relative_to(built_site).as_posix()
        if path.suffix == ".html":
            for tag, attrs in parse_html(path):
                candidates = []
                if tag == "link" and attrs.get("rel") not in LINK_RELS_THAT_ARE_NOT_RESOURCES:
                    candidates.append(attrs.get("href", ""))
                if tag in {"script", "img", "iframe", "source", "video", "audio", "embed", "track", "input"}:
                    candidates.append(attrs.get("src", ""))
                if tag == "object":
                    candidates.append(attrs.get("data", ""))
                candidates += [c.strip().split(" ")[0] for c in attrs.get("srcset", "").split(",") if c.strip()]
                candidates += re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs.get("style", ""))
                offenders += [f"{rel}: <{tag}> {c}" for c in candidates if re.match(r"^(https?:)?//", c)]
        elif path.suffix == ".css":
            css = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{rel}: url({u})" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css)]
            offenders += [f"{rel}: @import {u}" for u in re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", css)]
    assert not offenders, "\n".join(offenders[:20])


def test_search_index_holds_only_the_readers_language(built_site):
    id_index = json.loads((built_site / "search/search_index.json").read_text())
    en_index = json.loads((built_site / "en/search/search_index.json").read_text())
    for index, root in ((id_index, built_site), (en_index, built_site / "en")):
        pages = {d["location"].split("#")[0] for d in index["docs"]}
        assert pages, "empty index"
        for location in pages:
            assert not location.startswith("en/"), location
            assert (root / location / "index.html").exists(), location
    # The same page, titled in each language.
    assert {d["title"] for d in id_index["docs"] if d["location"] == "glosarium/"} == {"Glosarium"}
    assert {d["title"] for d in en_index["docs"] if d["location"] == "glosarium/"} == {"Glossary"}
    assert en_index["config"]["pipeline"] == ["stopWordFilter"]
    # Indonesian: the generated lunr.id plugin (issue 9, tests/test_search.py).
    assert id_index["config"]["lang"] == ["id"]
    assert id_index["config"]["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]


def test_each_page_searches_its_own_languages_index(built_site):
    for page in (built_site / "en/kurikulum/index.html", built_site / "kurikulum/index.html"):
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text(), re.S)
        base = json.loads(config.group(1))["base"]
        expected = "../../en/" if "en" in page.relative_to(built_site).parts else ".."
        assert base == expected


def test_a_not_found_page_per_language(built_site):
    for path, lang, title in (("404.html", "id", "Halaman tidak ditemukan"), ("en/404.html", "en", "Page not found")):
        page = built_site / path
        html_tag = next(a for t, a in parse_html(page) if t == "html")
        assert html_tag["lang"] == lang
        assert f"<h1>{title}</h1>" in page.read_text()
    assert 'href="/en/"' in (built_site / "404.html").read_text()


def test_pages_show_when_they_were_last_updated(built_site):
    for page in ("kurikulum/penciptaan-ide/index.html", "en/kurikulum/penciptaan-ide/index.html"):
        assert "git-revision-date-localized" in (built_site / page).read_text(), page


@pytest.mark.build
def test_site_served_under_a_sub_path_keeps_alternates_and_switcher_right(tmp_path):
    site = tmp_path / "site"
    result = run_build(copy_project(tmp_path / "p"), site, site_url="https://example.org/sub/portal/")
    assert result.returncode == 0, result.stderr
    home = parse_html(site / "index.html")
    alternates = {a["hreflang"]: a["href"] for t, a in home if t == "link" and a.get("rel") == "alternate" and "hreflang" in a}
    assert alternates["en"] == "https://example.org/sub/portal/en/"
    assert _switcher_targets(site, site / "en/index.html")["id"] == site / "index.html"
    assert 'href="/sub/portal/en/"' in (site / "404.html").read_text()
