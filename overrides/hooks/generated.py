"""Content generated from the portal's data, put where a page asks for it.

Events used:
- ``on_page_markdown``: replaces ``<!-- portal:NAME -->`` lines with generated
  Markdown in the page's language (:mod:`portal.generated`, over the
  catalogues the build session has read; an unknown name is an error naming
  file and line, :mod:`portal.directives`), and appends the glossary's
  abbreviation definitions so KTT, K/L/D, Bimtek, Diskominfo, IKP get
  tooltips everywhere.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from portal import session
from portal.directives import expand
from portal.findings import PortalError
from portal.generated import providers
from portal.glossary import abbreviation_definitions
from portal.sources import page_first_line


def on_page_markdown(markdown, page, config, files):
    current = session.current()
    language = config.theme["language"]
    first_line = page_first_line(Path(page.file.abs_src_path))
    try:
        markdown = expand(markdown, language, providers(current), f"docs/{page.file.src_uri}", first_line)
    except PortalError as exc:
        raise PluginError(str(exc)) from None
    return f"{markdown}\n\n{abbreviation_definitions(current.glossary, language)}\n"
