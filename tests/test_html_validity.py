"""Every built page is valid HTML for the Nu Html Checker (vnu-jar from npm, on Java)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import REPO

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_nu_html_checker_finds_no_error(built_site):
    if not VNU.exists() or shutil.which("java") is None:
        pytest.fail("vnu.jar or java missing: `make test` runs `npm ci`; .ci/run installs Java when absent")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(built_site)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    pages = len(list(built_site.rglob("*.html")))
    assert pages > 40
    problems = [f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not problems, "\n".join(problems[:30])
