"""Two runners, one site: ProperDocs (MkDocs' maintained fork) builds what MkDocs 1.6 builds."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, run_build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files_of(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.name != ".build-log"}


@pytest.mark.build
def test_properdocs_builds_the_same_site_as_mkdocs_but_its_generator_tag(built_site, tmp_path):
    site = tmp_path / "properdocs"
    result = run_build(REPO, site, pdf=True, runner="properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = files_of(built_site), files_of(site)
    assert sorted(theirs) == sorted(ours)
    tagged = [name for name, data in theirs.items() if b'content="mkdocs-ProperDocs' in data]
    assert tagged, "ProperDocs did not build these pages"
    differing = [name for name, data in theirs.items() if GENERATOR.sub(b"", data) != GENERATOR.sub(b"", ours[name])]
    assert differing == [], differing
    assert len(ours) > 200
