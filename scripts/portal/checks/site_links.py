"""Links and anchors of the built site, in both languages.

MkDocs validates Markdown links only. This reads what readers get: every
``href``, ``src``, ``srcset`` and CSS ``url()`` in ``site/`` must resolve to a
file there, every ``#fragment`` must exist in its target, links must not cross
from one language's tree into the other's unless they say so (``hreflang``),
and no link may hard-code the site's own host or root (it would break under
another base path, or offline).

Codes: L001 missing target, L002 missing anchor, L003 link into the other
language, L004 absolute link to the site itself.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.checks.sourcemap import SourceMap
from portal.findings import Finding
from portal.urls import language_of_url

TAG = re.compile(r"<(a|link|script|img|source|iframe|video|audio|track|embed)\b([^>]*)>", re.I)
ATTR = re.compile(r'\b(href|src|srcset|rel|hreflang|class)\s*=\s*"([^"]*)"')
ID = re.compile(r'\b(?:id|name)="([^"]+)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")
# Absolute by design: search engines want absolute canonical and alternates.
ABSOLUTE_BY_DESIGN = {"canonical", "alternate"}


@dataclass
class SiteLinks:
    findings: list[Finding] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=dict)  # url -> pages


def _resolve(page_dir: str, path: str) -> str:
    joined = posixpath.normpath(posixpath.join(page_dir, unquote(path))) if path else ""
    return "" if joined == "." else joined


def _html_target(files: set[str], target: str) -> str | None:
    """The file a URL path serves: itself, or its ``index.html`` for a folder."""
    if target in files:
        return target
    index = posixpath.join(target, "index.html") if target else "index.html"
    return index if index in files else None


def check_site(site: Path, docs_dir: Path, site_url: str) -> SiteLinks:
    site = Path(site)
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    own_host = urlsplit(site_url).netloc
    sources = SourceMap(docs_dir)
    ids_cache: dict[str, set[str]] = {}
    result = SiteLinks()

    def ids_of(rel: str) -> set[str]:
        if rel not in ids_cache:
            ids_cache[rel] = set(ID.findall((site / rel).read_text(encoding="utf-8", errors="replace")))
        return ids_cache[rel]

    def report(page: str, html: str, at: int, code: str, message: str, needles: list[str]) -> None:
        located = sources.locate(page, needles)
        if located:
            path, line = located
        else:
            path, line = f"site/{page}", html.count("\n", 0, at) + 1
        result.findings.append(Finding(path, line, code, message))

    for page in sorted(f for f in files if f.endswith(".html")):
        html = (site / page).read_text(encoding="utf-8", errors="replace")
        page_dir = posixpath.dirname(page)
        page_language = language_of_url(page)
        is_not_found = posixpath.basename(page) == "404.html"
        for tag_match in TAG.finditer(html):
            tag = tag_match.group(1).lower()
            attrs = dict(ATTR.findall(tag_match.group(2)))
            rel_attr = attrs.get("rel", "")
            urls = [attrs[a] for a in ("href", "src") if a in attrs]
            urls += [c.strip().split(" ")[0] for c in attrs.get("srcset", "").split(",") if c.strip()]
            for url in urls:
                if not url or url.startswith(SKIP_SCHEMES):
                    continue
                parts = urlsplit(url)
                if parts.scheme in ("http", "https"):
                    if parts.netloc == own_host and rel_attr not in ABSOLUTE_BY_DESIGN:
                        report(page, html, tag_match.start(), "L004", f"absolute link to the site itself: {url} (use a relative link)", [url])
                    elif parts.netloc != own_host and tag == "a":
                        result.external.setdefault(url.split("#")[0], set()).add(page)
                    continue
                if parts.scheme or parts.netloc:
                    continue
                if url.startswith("/") and not is_not_found:
                    report(page, html, tag_match.start(), "L004", f"root-absolute link {url} breaks under another base path", [url])
                    continue
                target_path = parts.path.lstrip("/") if url.startswith("/") else _resolve(page_dir, parts.path)
                if not parts.path:
                    target = page
                else:
                    target = _html_target(files, target_path)
                name = posixpath.basename(parts.path.rstrip("/")) or parts.path
                if target is None:
                    if is_not_found and url.startswith("/"):
                        continue  # depends on where the site is served; checked by the 404 tests
                    report(page, html, tag_match.start(), "L001", f"link target not found: {url}", [name.split(".")[0], url])
                    continue
                if parts.fragment and target.endswith(".html") and tag != "link":
                    fragment = unquote(parts.fragment)
                    if fragment not in ids_of(target):
                        report(page, html, tag_match.start(), "L002", f"anchor #{fragment} not found in {target}", [f"#{fragment}", name])
                if tag == "a" and target.endswith(".html") and "hreflang" not in attrs:
                    if language_of_url(target) != page_language:
                        report(page, html, tag_match.start(), "L003", f"link {url} leads into the other language's pages", [name.split(".")[0], url])
    for css in sorted(f for f in files if f.endswith(".css")):
        text = (site / css).read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            url = match.group(1).strip()
            if url.startswith(SKIP_SCHEMES) or url.startswith("#"):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                result.findings.append(Finding(f"site/{css}", text.count("\n", 0, match.start()) + 1, "L004", f"stylesheet loads from another host: {url}"))
                continue
            if _resolve(posixpath.dirname(css), parts.path) not in files:
                result.findings.append(Finding(f"site/{css}", text.count("\n", 0, match.start()) + 1, "L001", f"url() target not found: {url}"))
    return result
