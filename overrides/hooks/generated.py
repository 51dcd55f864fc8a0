"""Content generated from the data files under ``docs/_data/``.

Events used:
- ``on_pre_build``: loads the data once per build (:mod:`portal.generated`
  gathers every content kind's blocks); a fault stops the build before any
  page is written, naming file and line.
- ``on_page_markdown``: replaces ``<!-- portal:NAME -->`` lines with generated
  Markdown in the page's language (:mod:`portal.directives`; an unknown name is
  an error naming file and line), and appends the glossary's abbreviation
  definitions so KTT, K/L/D, Bimtek, Diskominfo, IKP get tooltips everywhere.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from portal import LANGUAGES
from portal.directives import expand
from portal.findings import PortalError
from portal.generated import load_providers
from portal.glossary import abbreviation_definitions, load_glossary
from portal.sources import page_first_line

_providers: dict = {}
_abbreviations: dict[str, str] = {}


def on_pre_build(config):
    docs = Path(config.docs_dir)
    try:
        providers = load_providers(docs)
        terms = load_glossary(docs)
    except PortalError as exc:
        raise PluginError(str(exc)) from None
    _providers.clear()
    _providers.update(providers)
    _abbreviations.clear()
    _abbreviations.update({lang: abbreviation_definitions(terms, lang) for lang in LANGUAGES})


def on_page_markdown(markdown, page, config, files):
    language = config.theme["language"]
    first_line = page_first_line(Path(page.file.abs_src_path))
    try:
        markdown = expand(markdown, language, _providers, f"docs/{page.file.src_uri}", first_line)
    except PortalError as exc:
        raise PluginError(str(exc)) from None
    return f"{markdown}\n\n{_abbreviations[language]}\n"
