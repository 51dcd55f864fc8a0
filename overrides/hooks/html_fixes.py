"""Markup fixes for what Material 9.8 emits that the Nu Html Checker rejects.

Events used: ``on_post_page`` on each page's final HTML, and ``on_post_template``
for the 404 pages (before ``i18n_output`` keeps them: higher priority). The templates that
emit these live deep in Material's base and nav partials; copying them whole
into ``overrides/`` would freeze a large part of the theme):

- ``autocomplete="off"`` on the hidden drawer/search checkboxes (not allowed on
  ``type="checkbox"``);
- ``tabindex=""`` on section labels in the navigation (an empty tabindex is
  invalid; no attribute means the same to browsers);
- ``<label for="__toc">`` when the page has no ``__toc`` control (pages that
  hide their table of contents);
- checklist boxes (pymdownx.tasklist) carry no accessible name: each gets its
  item's text as ``aria-label`` (axe rule ``label``);
- the search dialog has no accessible name (axe rule ``aria-dialog-name``, seen
  by Lighthouse on phones): it is labelled by the search field's own label.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
EMPTY_TABINDEX = re.compile(r' tabindex=""')
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*aria-label="([^"]*)"')
TASK_ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled)(/?>)(.*?)</li>', re.S
)
TAGS = re.compile(r"<[^>]+>")


def _name_checkbox(match: re.Match) -> str:
    name = " ".join(TAGS.sub("", match.group(3)).split()).replace('"', "&quot;")
    return f'{match.group(1)} aria-label="{name}"{match.group(2)}{match.group(3)}</li>'


def fix(output: str) -> str:
    output = TOGGLE_AUTOCOMPLETE.sub(r"\1", output)
    output = EMPTY_TABINDEX.sub("", output)
    output = TASK_ITEM.sub(_name_checkbox, output)
    label = SEARCH_LABEL.search(output)
    if label:
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
    if 'id="__toc"' not in output:
        output = output.replace(TOC_LABEL, '<label class="md-nav__title">')
    return output


def on_post_page(output, page, config):
    return fix(output)


@event_priority(50)
def on_post_template(output, template_name, config):
    return fix(output) if template_name == "404.html" else output
