"""URLs of a page in each language.

The site mirrors itself: Indonesian at ``/path/``, English at ``/en/path/``.
Since every page must have its counterpart (see :mod:`portal.translations`),
the other language's URL follows from the page's own.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from portal import DEFAULT_LANGUAGE, LANGUAGES


def language_of_url(url: str) -> str:
    url = url.lstrip("/")
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE and (url == language or url.startswith(f"{language}/")):
            return language
    return DEFAULT_LANGUAGE


def neutral_path(url: str) -> str:
    """The page's path without its language prefix: ``en/kurikulum/`` -> ``kurikulum/``."""
    url = url.lstrip("/")
    language = language_of_url(url)
    if language == DEFAULT_LANGUAGE:
        return url
    return url[len(language) + 1 :] if url.startswith(f"{language}/") else ""


def localized_url(neutral: str, language: str) -> str:
    """Site-relative URL of a neutral path in a language (``""`` is the home page)."""
    return neutral if language == DEFAULT_LANGUAGE else f"{language}/{neutral}"


def absolute(site_url: str, url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, url)


def site_path(site_url: str | None) -> str:
    """The path the site is served under, with slashes at both ends (``/`` at the root)."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"
