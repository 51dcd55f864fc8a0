"""Translations hook: no page without its counterpart, and honest fallbacks.

Events used:
- ``on_pre_build``: pair every Indonesian page with its English twin
  (:mod:`portal.translations`); an unpaired page stops the build and the
  message names the file. static-i18n would otherwise copy the Indonesian
  page into ``/en/`` silently.
- ``on_page_content``: in the English build, a page whose translation is
  pending gets a notice in English, and its Indonesian body is marked
  ``lang="id"`` so screen readers and search engines read it right.
- ``on_page_context`` / ``on_template_context``: each page's alternates, absolute
  for ``hreflang`` and relative for the language switcher, so both work under
  ``make serve`` and under any ``site_url`` path (static-i18n's home-page switcher
  link uses the path of ``site_url``); and each page's "report a mistake" line,
  in its language (:mod:`portal.report`, the address set once in ``extra.report_url``).
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from portal import DEFAULT_LANGUAGE, LANGUAGES
from portal.report import ABOUT, ABOUT_SECTION, issue_link
from portal.translations import pair_pages
from portal.words import section
from portal.urls import absolute, language_of_url, localized_url, neutral_path, site_path


def on_pre_build(config):
    _, findings = pair_pages(Path(config.docs_dir))
    if findings:
        raise PluginError("Translations are incomplete:\n" + "\n".join(str(f) for f in findings))


def on_page_content(html_content, page, config, files):
    language = config.theme["language"]
    if language == DEFAULT_LANGUAGE or page.file.src_uri.endswith(f".{language}.md"):
        return html_content
    ui = section("site", language)
    notice = (
        f'<div class="admonition warning portal-pending" lang="{language}">'
        f'<p class="admonition-title">{html.escape(ui["pending_title"])}</p>'
        f"<p>{html.escape(ui['pending_body'])}</p></div>"
    )
    return f'{notice}<div lang="{DEFAULT_LANGUAGE}">{html_content}</div>'


def _relative(target: str, from_url: str) -> str:
    """Relative link from the page at ``from_url`` to the site-relative ``target``."""
    from_dir = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    rel = posixpath.relpath(target or ".", from_dir or ".")
    if target == "" or target.endswith("/"):
        rel = rel.rstrip("/") + "/"
    return rel


def _alternates(page_url: str, site_url: str, as_path: bool) -> list[dict]:
    neutral = neutral_path(page_url)
    current = language_of_url(page_url)
    base = site_path(site_url)
    alternates = []
    for language in LANGUAGES:
        target = localized_url(neutral, language)
        alternates.append(
            {
                "lang": language,
                "name": section("site", language)["language_name"],
                "current": language == current,
                "href": base + target if as_path else _relative(target, page_url),
                "absolute": absolute(site_url, target),
            }
        )
    return alternates


def _context(context, language, alternates, search_base):
    context["portal_language"] = language
    context["portal_ui"] = section("site", language)
    context["portal_alternates"] = alternates
    context["portal_x_default"] = next(a["absolute"] for a in alternates if a["lang"] == DEFAULT_LANGUAGE)
    context["portal_search_base"] = search_base
    return context


def _report(page, config, language, nav) -> dict:
    words = section("site", language)
    report_url = (config.extra or {}).get("report_url") or ""
    if report_url:
        href = issue_link(report_url, page.title or "", absolute(config.site_url or "", page.url), words)
    else:  # the About page as this build names it (directory URLs or .html files, both languages)
        about = next((p for p in nav.pages if p.file.src_uri in (ABOUT, f"{ABOUT[:-3]}.{language}.md")), None)
        href = (get_relative_url(about.url, page.url) if about else "") + f"#{ABOUT_SECTION}"
    return {"prompt": words["report_prompt"], "link": words["report_link"], "href": href}


def on_page_context(context, page, config, nav):
    language = config.theme["language"]
    base_url = context["base_url"]
    search_base = base_url if language == DEFAULT_LANGUAGE else f"{base_url}/{language}/"
    context["portal_report"] = _report(page, config, language, nav)
    return _context(context, language, _alternates(page.url, config.site_url or "", False), search_base)


def on_template_context(context, template_name, config):
    if template_name != "404.html":
        return context
    language = config.theme["language"]
    url = localized_url("", language)
    base = site_path(config.site_url)
    return _context(context, language, _alternates(url, config.site_url or "", True), base + url)
