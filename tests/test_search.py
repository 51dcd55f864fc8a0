"""Indonesian-aware search (issue 9): the generated lunr.id plugin, its stemmer, and search in Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, search_results, watched_page
from portal import indonesian
from portal.bench.search import search_all

QUERIES = REPO / "tests/data/search-queries.yml"
NODE = shutil.which("node") or "/usr/bin/node"

# (affixed word, root): every affix the issue names, plus reduplication.
STEMS = [
    ("berkolaborasi", "kolaborasi"),   # ber-
    ("kolaborasikan", "kolaborasi"),   # -kan
    ("mengamplifikasi", "amplifikasi"),  # meng- before a vowel
    ("diamplifikasi", "amplifikasi"),  # di-
    ("pengelolaan", "kelola"),         # peng- + -an, k recoded
    ("mengelola", "kelola"),           # meng-, k recoded
    ("penyebaran", "sebar"),           # peny- + -an, s recoded
    ("menyebarkan", "sebar"),          # meny- + -kan
    ("memverifikasi", "verifikasi"),   # mem-
    ("keterlibatan", "libat"),         # ke-...-an around ter-
    ("menetapkan", "tetap"),           # men- + -kan, t recoded
    ("ditetapkannya", "tetap"),        # di- + -kan + -nya
    ("pemerintah", "perintah"),        # pem-, p recoded
    ("kebijakan", "bijak"),            # ke-...-an
    ("perencanaan", "rencana"),        # per- + -an
    ("memperkenalkan", "kenal"),       # mem- + per- + -kan
    ("bekerja", "kerja"),              # be-
    ("pelajaran", "ajar"),             # pel- + -an
    ("tersebar", "sebar"),             # ter-
    ("sebarkanlah", "sebar"),          # -kan + -lah
    ("informasinya", "informasi"),     # -nya
    ("hoaks", "hoaks"),                # a root stays
    ("berita-berita", "berita"),       # reduplication
]


@pytest.fixture(scope="module")
def plugin(built_site) -> Path:
    return built_site / indonesian.PLUGIN


def js_stems(plugin: Path, words: list[str]) -> dict[str, str]:
    """``lunr.id.stem`` of each word, run in node against the generated plugin."""
    script = """
const fs = require("fs"), vm = require("vm");
const lunr = {Pipeline: {registerFunction() {}}, Index: {prototype: {}}};
const ctx = {lunr}; ctx.this = ctx; vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), ctx);
const out = {}; for (const w of JSON.parse(fs.readFileSync(0, "utf8"))) out[w] = lunr.id.stem(w);
process.stdout.write(JSON.stringify(out));
"""
    result = subprocess.run(
        [NODE, "-e", script, str(plugin)], input=json.dumps(words), capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def test_pysastrawi_finds_the_roots():
    for word, root in STEMS:
        assert indonesian.stem(word) == root, word


def test_browser_stemmer_finds_the_roots(plugin):
    stems = js_stems(plugin, [w for w, _ in STEMS])
    assert {w: stems[w] for w, _ in STEMS} == dict(STEMS)


def test_browser_stemmer_agrees_with_pysastrawi_on_the_sites_words(built_site, plugin):
    docs = json.loads((built_site / "search/search_index.json").read_text())["docs"]
    words = sorted(w for w in indonesian.words_of(docs) if len(w) >= 4 and w not in indonesian.STOP_WORDS)
    stems = js_stems(plugin, words)
    agree = sum(stems[w] == indonesian.stem(w) for w in words)
    assert agree / len(words) >= 0.98, f"{agree}/{len(words)}"


def test_indonesian_index_asks_for_the_plugin_and_english_keeps_its_own(built_site, plugin):
    id_config = json.loads((built_site / "search/search_index.json").read_text())["config"]
    en_config = json.loads((built_site / "en/search/search_index.json").read_text())["config"]
    assert id_config["lang"] == ["id"]
    assert id_config["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
    assert en_config["lang"] == ["en"] and en_config["pipeline"] == ["stopWordFilter"]
    assert plugin.stat().st_size < 60_000
    assert 'lunr.Pipeline.registerFunction(lunr.id.stemmer,"stemmer-id")' in plugin.read_text()


def test_query_set_is_large_enough():
    queries = yaml.safe_load(QUERIES.read_text())
    assert len(queries["id"]) >= 40 and len(queries["en"]) >= 10
    for case in queries["id"] + queries["en"]:
        assert (REPO / "docs" / case["page"].rstrip("/")).with_suffix(".md").exists() or (
            REPO / "docs" / case["page"] / "index.md"
        ).exists(), case


# --- In Chromium ---------------------------------------------------------------

AFFIXED = [
    # (query on the Indonesian site, page that must be among the first 3)
    ("berkolaborasi", "kurikulum/kolaborasi-amplifikasi/"),
    ("pengelolaan", "kurikulum/perencanaan-konten/"),
    ("menyebarkan hoaks", "kurikulum/komunikasi-krisis/"),
]


def search_box(page, site_url: str, query: str) -> list[str]:
    """Pages of the results Material's search box shows, in order, each once."""
    hrefs = search_results(page, query)
    return list(dict.fromkeys(h.removeprefix(site_url).split("#")[0].split("?")[0] for h in hrefs))


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", AFFIXED)
def test_affixed_query_finds_its_page_on_the_indonesian_site(site_url, context, query, expected):
    page, watch = watched_page(context)
    page.goto(site_url, wait_until="networkidle")
    paths = search_box(page, site_url, query)
    assert expected in paths[:3], paths[:5]
    assert not [p for p in paths if p.startswith("en/")], paths
    assert not watch.problems()


@pytest.mark.browser
def test_english_search_still_finds_its_pages(site_url, context):
    page, watch = watched_page(context)
    page.goto(site_url + "en/", wait_until="networkidle")
    paths = search_box(page, site_url, "collaboration amplification")
    assert "en/kurikulum/kolaborasi-amplifikasi/" in paths[:3], paths[:5]
    assert all(p.startswith("en/") for p in paths), paths
    assert not watch.problems()


@pytest.mark.browser
def test_query_set_in_material_search_worker(built_site, site_url, browser):
    """The benchmark's measurement on the test build: >= 90% of Indonesian, all English queries in the top 5.

    The test build is the site at a fixed past moment, before some narratives
    were published: queries for pages not in its index are left out.
    """
    queries = yaml.safe_load(QUERIES.read_text())
    for language, floor in (("id", 0.9), ("en", 1.0)):
        index = built_site / ("search" if language == "id" else "en/search") / "search_index.json"
        pages = {d["location"].split("#")[0] for d in json.loads(index.read_text())["docs"]}
        cases = [c for c in queries[language] if c["page"] in pages]
        assert len(cases) >= len(queries[language]) * 0.6
        results = search_all(browser, site_url, language, [c["query"] for c in cases])
        misses = [(c["query"], r[:5]) for c, r in zip(cases, results) if c["page"] not in r[:5]]
        assert (len(cases) - len(misses)) / len(cases) >= floor, misses
