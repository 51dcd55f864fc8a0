"""Language-aware output that static-i18n gets wrong, fixed after all languages are built.

static-i18n builds Indonesian, then calls MkDocs' ``build()`` again for English
from inside its own ``on_post_build``. So this hook:

- ``on_post_template``: keeps each language's rendered ``404.html`` in the build
  session (each build overwrites ``/404.html``; only the last language would survive).
- ``on_post_build`` (priority -110, after static-i18n's -100): in the outermost
  build (the session knows the nesting), the final step, once every language is built.
- final step: writes ``/404.html`` (Indonesian) and ``/en/404.html`` (English), and
  splits the one merged search index into one per language
  (:mod:`portal.search_index`), so search shows only pages of the reader's language
  (under ``serve``, with the session's memo of the words already stemmed).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from portal import DEFAULT_LANGUAGE, session
from portal.search_index import SEARCH_INDEX, split_search_index


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        session.current().not_found[config.theme["language"]] = output
    return output


@event_priority(-110)
def on_post_build(config):
    current = session.current()
    if current.depth > 1:
        return  # a nested (non-default language) build: the final step comes later
    site = Path(config.site_dir)
    for lang, output in current.not_found.items():
        target = site / "404.html" if lang == DEFAULT_LANGUAGE else site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
    if (site / SEARCH_INDEX).exists():
        split_search_index(site, current.roots)
