"""What the toolkit pages say: the list of working documents and each module's own.

- :func:`toolkit_list`: every document with its format, size, SHA-256 and the
  curriculum module it belongs to (``<!-- portal:toolkit-list -->`` on
  ``docs/perangkat/index.md``);
- :func:`module_block`: a module's own documents, on its page
  (``<!-- portal:toolkit-<module id> -->``).

Every figure comes from a :class:`portal.toolkit.bundle.ToolkitFile` (the bytes
the site serves), every label from :mod:`portal.words`.
"""

from __future__ import annotations

import html
import posixpath

from portal.curriculum.model import Curriculum
from portal.numbers import human_size
from portal.toolkit.bundle import ToolkitFile
from portal.words import section

TOOLKIT_PAGE = "perangkat/index.md"


def _words(language: str) -> dict:
    return section("toolkit", language)


def _cell(text: str) -> str:
    return html.escape(text, quote=True).replace("|", "&#124;")


def _link(target: str, from_dir: str) -> str:
    return posixpath.relpath(target, from_dir)


def _size(file: ToolkitFile, language: str) -> str:
    return f'<span class="portal-size">{human_size(file.size, language)}</span>'


def toolkit_list(files: list[ToolkitFile], curriculum: Curriculum, language: str, here: str = "perangkat") -> str:
    t = _words(language)
    modules = curriculum.by_id()
    rows = [
        f"| {t['col_document']} | {t['col_format']} | {t['col_size']} | {t['col_module']} | {t['col_sha256']} |",
        "|---|---|---|---|---|",
    ]
    order = {m.id: m.order for m in curriculum.modules}
    for file in sorted(files, key=lambda f: (order.get(f.template.module, 0), f.template.title[language])):
        template = file.template
        module = modules.get(template.module)
        module_cell = f"[{_cell(module.title(language))}]({_link(f'kurikulum/{module.id}.md', here)})" if module else _cell(template.module)
        rows.append(
            f"| **[{_cell(template.title[language])}]({_link(file.src_uri, here)})**<br>{_cell(template.purpose[language])} "
            f"| {t['formats'][template.format]} | {_size(file, language)} | {module_cell} "
            f'| <code class="portal-sha256">{file.sha256}</code> |'
        )
    return '<div class="portal-toolkit-files" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def module_block(files: list[ToolkitFile], module_id: str, language: str, here: str = "kurikulum") -> str:
    """The documents of one module, for its page (a sentence when it has none)."""
    t = _words(language)
    own = [f for f in files if f.template.module == module_id]
    lines = [t["module_heading_intro"] if own else t["module_none"], ""]
    for file in own:
        template = file.template
        lines.append(
            f"- **[{_cell(template.title[language])}]({_link(file.src_uri, here)})** "
            f"({file.format.upper()}, {_size(file, language)}): {_cell(template.purpose[language])}"
        )
    lines += ["", t["all_toolkit"].format(link=_link(TOOLKIT_PAGE, here))]
    return '<div class="portal-toolkit-module" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"
