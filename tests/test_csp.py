"""The Content-Security-Policy (portal.csp): computed from each page's final bytes, in force in the browser.

Every browser test goes through ``watched_page`` (conftest), which listens for
``securitypolicyviolation`` in every frame before a page's own scripts run and
counts each one as a fault: so every page in both languages (test_browser_pages),
search (test_browser_features) and the offline copy from ``file://``
(test_release) load under the policy with nothing blocked. Here: the policy
itself, and proof that the listener sees what the policy blocks.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, watched_page
from portal import csp


class Inline(HTMLParser):
    """Inline scripts (that run) and styles of a page, read by the standard library's HTML parser."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts, self.styles, self.open, self.first = [], [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.first.append((tag, attrs))
        runs = tag == "script" and "src" not in attrs and attrs.get("type", "") in ("", "text/javascript", "module")
        self.open = (tag, []) if runs or tag == "style" else None

    def handle_data(self, data):
        if self.open:
            self.open[1].append(data)

    def handle_endtag(self, tag):
        if self.open and self.open[0] == tag:
            (self.scripts if tag == "script" else self.styles).append("".join(self.open[1]))
        self.open = None


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_apply_hashes_each_inline_script_and_style_and_nothing_else():
    html = ('<html><head><meta charset="utf-8"><script>a()</script><script type="application/json">{}</script>'
            '<script src="x.js"></script><style>p{}</style></head><body><script>b()</script></body></html>')
    out, scripts, styles = csp.apply(html)
    assert scripts == [sha("a()"), sha("b()")] and styles == [sha("p{}")]
    policy = directives(csp.page_policy(out))
    assert policy["script-src"] == ["'self'", sha("a()"), sha("b()")]
    assert policy["style-src"] == ["'self'", sha("p{}")]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"] and "frame-ancestors" not in policy
    assert out.index("Content-Security-Policy") < out.index("<script>")  # before anything it governs
    assert csp.apply(out)[0] == out  # applying twice (a serve rebuild) changes nothing


@pytest.mark.parametrize("markup, what", [
    ('<button onclick="go()">x</button>', "inline event handler"),
    ('<a href="javascript:go()">x</a>', "javascript: URL"),
    ('<p style="color:red">x</p>', "style attribute"),
])
def test_markup_the_policy_would_silently_break_is_refused(markup, what):
    with pytest.raises(csp.PolicyError, match=what):
        csp.apply(f'<html><head><meta charset="utf-8"></head><body>{markup}</body></html>')


def test_templates_carry_no_inline_handler_or_javascript_url():
    found = [
        f"{path.relative_to(REPO)}: {match.group(0)}"
        for path in sorted((REPO / "overrides").rglob("*.html"))
        for match in re.finditer(r"""\son[a-z]+\s*=\s*["']|javascript:|\sstyle\s*=\s*["']""", path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_every_built_page_allows_exactly_its_own_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    union_scripts, union_styles = set(), set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = csp.page_policy(html)
        assert policy, f"{path}: no Content-Security-Policy"
        parser = Inline()
        parser.feed(html)
        assert parser.first[2] == ("meta", {"charset": "utf-8"}), path
        tag, attrs = parser.first[3]  # html, head, the charset, then at once the policy
        assert (tag, attrs.get("http-equiv")) == ("meta", "Content-Security-Policy"), (path, parser.first[:4])
        rules = directives(policy)
        expected = ["'self'", *dict.fromkeys(sha(s) for s in parser.scripts)]
        assert rules["script-src"] == expected, path
        assert rules["style-src"] == ["'self'", *dict.fromkeys(sha(s) for s in parser.styles)], path
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "*" not in policy
        assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"]
        union_scripts.update(expected[1:])
        union_styles.update(rules["style-src"][1:])
    header = (built_site / csp.HEADER_SNIPPET).read_text(encoding="utf-8")
    value = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', header).group(1)
    rules = directives(value)
    assert rules["frame-ancestors"] == ["'none'"]
    assert set(rules["script-src"][1:]) == union_scripts and set(rules["style-src"][1:]) == union_styles
    assert len(union_scripts) >= 5  # Material's own, the portal's: computed, not a hand-kept list


@pytest.mark.browser
def test_the_listener_sees_what_the_policy_blocks(built_site, site_url, context):
    """Proof for every other browser test: an inline script the build did not hash is blocked and reported."""
    page, watch = watched_page(context)
    html = (built_site / "tentang/index.html").read_text(encoding="utf-8")
    injected = html.replace("</body>", "<script>window.portalInjected = 1</script></body>")
    page.route(site_url + "tentang/", lambda route: route.fulfill(body=injected, content_type="text/html"))
    page.goto(site_url + "tentang/", wait_until="load")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.evaluate("window.portalInjected") is None
    deadline = time.monotonic() + 10
    while not watch.csp_violations and time.monotonic() < deadline:
        page.evaluate("0")  # each round trip delivers the bindings' calls queued before it
    assert any("script-src" in v for v in watch.csp_violations), watch.csp_violations
