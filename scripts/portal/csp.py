"""A Content Security Policy computed from the finished pages: what each page may run, and nothing else.

Every inline ``<script>`` and ``<style>`` a page carries (Material's own, the
portal's, any that a future template adds) is hashed from the page's final
bytes, after every other step has edited it, and the page gets a
``<meta http-equiv="Content-Security-Policy">`` at the top of its ``<head>``
that allows exactly those hashes and files from the site itself:

- ``script-src 'self' 'sha256-...'``: no ``'unsafe-inline'``, no ``eval``;
- ``style-src 'self' 'sha256-...'``: Material writes one ``<style>`` per page
  (the admonition icons of ``mkdocs.yml``); it is hashed like a script, so
  styles need no ``'unsafe-inline'`` either, and a ``style="..."`` attribute
  in the HTML is refused (below) rather than allowed. Material's scripts set
  styles through the CSSOM (``element.style``), which a policy does not block;
- ``img-src 'self' data:``: Material's stylesheets draw their icons as
  ``data:`` SVG masks (the pages themselves may not carry ``data:`` URLs:
  :mod:`portal.safety`, R003);
- ``worker-src 'self'``: the search worker;
- ``object-src 'none'; base-uri 'self'; form-action 'self'``.

``frame-ancestors`` has no effect in a ``<meta>``: it is in the header the
server sends (:func:`header_policy`, written for nginx by :func:`write_header_snippet`,
with every hash of every page, since one server block serves them all).

A page whose HTML the policy would break silently (an inline event handler, a
``javascript:`` URL, a ``style`` attribute) is refused: :func:`apply` raises.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

META_NAME = "Content-Security-Policy"
HEADER_SNIPPET = ".csp-header.conf"  # written into the site's root; the nginx example includes it
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.I | re.S)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
RUNS = ("", "text/javascript", "application/javascript", "module")
EXISTING = re.compile(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>\s*", re.I)
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
# Outside <script>/<style> text: what a policy without 'unsafe-inline' would block.
BLOCKED = [
    (re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.I), "an inline event handler (on...=)"),
    (re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I), "a javascript: URL"),
    (re.compile(r"<[a-z][^>]*?\sstyle\s*=", re.I), "a style attribute"),
]
FIXED = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


class PolicyError(ValueError):
    """The page carries markup the policy would block."""


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """The hash of every inline script a browser runs and every inline style it applies, in page order."""
    scripts, styles = [], []
    for match in SCRIPT.finditer(html):
        attrs, body = match.groups()
        kind = TYPE.search(attrs)
        if SRC.search(attrs) or (kind and kind.group(1).lower() not in RUNS):
            continue  # a file (allowed by 'self'), or data such as Material's JSON config
        scripts.append(digest(body))
    for match in STYLE.finditer(html):
        styles.append(digest(match.group(2)))
    return list(dict.fromkeys(scripts)), list(dict.fromkeys(styles))


def policy(scripts: list[str], styles: list[str], frame_ancestors: bool = False) -> str:
    directives = dict(FIXED)
    directives["script-src"] = ["'self'", *scripts]
    directives["style-src"] = ["'self'", *styles]
    if frame_ancestors:
        directives["frame-ancestors"] = ["'none'"]
    order = ["default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "worker-src",
             "object-src", "base-uri", "form-action", "frame-ancestors"]
    return "; ".join(f"{name} {' '.join(directives[name])}" for name in order if name in directives)


def blocked(html: str) -> str | None:
    """What in ``html`` (outside script and style text) a policy without 'unsafe-inline' would block."""
    markup = STYLE.sub("", SCRIPT.sub("", html))
    for pattern, what in BLOCKED:
        if pattern.search(markup):
            return what
    return None


def apply(html: str) -> tuple[str, list[str], list[str]]:
    """``html`` with its own policy as the first element of ``<head>`` after the charset; and its hashes."""
    fault = blocked(html)
    if fault:
        raise PolicyError(f"{fault}: the Content-Security-Policy would block it; use a script file in docs/assets/javascripts/")
    html = EXISTING.sub("", html)
    scripts, styles = inline_hashes(html)
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(scripts, styles)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        raise PolicyError("no <head>: nowhere to put the Content-Security-Policy")
    return html[: anchor.end()] + meta + html[anchor.end():], scripts, styles


def apply_to_site(site: Path) -> tuple[str, list[str]]:
    """Put each HTML page's policy in it; returns the header policy (every page's hashes) and any faults."""
    site = Path(site)
    all_scripts: dict[str, None] = {}
    all_styles: dict[str, None] = {}
    faults = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        try:
            new, scripts, styles = apply(html)
        except PolicyError as error:
            faults.append(f"{path.relative_to(site).as_posix()}: {error}")
            continue
        all_scripts.update(dict.fromkeys(scripts))
        all_styles.update(dict.fromkeys(styles))
        if new != html:
            path.write_text(new, encoding="utf-8")
    return header_policy(list(all_scripts), list(all_styles)), faults


def header_policy(scripts: list[str], styles: list[str]) -> str:
    """The policy a server sends with every page: every page's hashes, and ``frame-ancestors 'none'``."""
    return policy(scripts, styles, frame_ancestors=True)


def write_header_snippet(site: Path, value: str) -> Path:
    """The nginx lines that send the policy (``include``d by ``docs/_snippets/nginx.conf``)."""
    path = Path(site) / HEADER_SNIPPET
    path.write_text(
        "# Written by the build (portal.csp): every inline script and style of this site, hashed.\n"
        f'add_header Content-Security-Policy "{value}" always;\n',
        encoding="utf-8",
    )
    return path


def page_policy(html: str) -> str | None:
    """The policy a built page carries in its ``<meta>``, or ``None``."""
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    return match.group(1) if match else None
