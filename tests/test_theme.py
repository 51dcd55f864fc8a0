"""Material's hashed asset names come from the installed theme, never from a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO

from portal.theme import ThemeAssetError, search_worker

HASHED = re.compile(r"\b[\w-]+\.[0-9a-f]{8}\.min\.(?:js|css)\b")


def test_no_template_names_a_hashed_asset():
    named = {p.relative_to(REPO).as_posix(): HASHED.findall(p.read_text(encoding="utf-8"))
             for p in sorted((REPO / "overrides").rglob("*")) if p.is_file() and p.suffix in (".html", ".js", ".py")}
    assert {path: names for path, names in named.items() if names} == {}


def _theme(folder: Path, *names: str) -> Path:
    workers = folder / "assets/javascripts/workers"
    workers.mkdir(parents=True)
    for name in names:
        (workers / name).write_text("// worker\n", encoding="utf-8")
    return folder


def test_the_search_worker_is_found_after_a_theme_rename(tmp_path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    renamed = _theme(tmp_path / "material", "search.0123abcd.min.js", "search.0123abcd.min.js.map")
    assert search_worker([overrides, renamed]) == "assets/javascripts/workers/search.0123abcd.min.js"


@pytest.mark.parametrize("names, message", [((), "no assets/javascripts/workers/search.*.min.js"),
                                            (("search.1.min.js", "search.2.min.js"), "more than one")])
def test_a_theme_without_one_worker_stops_the_build_saying_why(tmp_path, names, message):
    with pytest.raises(ThemeAssetError, match=message):
        search_worker([_theme(tmp_path / "material", *names)])


def test_the_built_pages_name_the_worker_the_site_serves(built_site):
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', (built_site / "index.html").read_text(encoding="utf-8"), re.S)
    worker = re.search(r'"search":\s*"([^"]+)"', config.group(1)).group(1)
    assert (built_site / worker).is_file(), worker
