"""Curriculum hook: module summaries on module pages, and the PDF of the print page.

Events used:
- ``on_startup``: remembers the command; ``mkdocs serve`` skips the PDF (seconds
  per rebuild), ``build`` makes it unless ``PORTAL_SKIP_PDF=1`` (set only by
  tests whose copies of the site do not look at the PDF).
- ``on_pre_build``: loads and validates the modules (:mod:`portal.curriculum`);
  a fault stops the build, naming file and line.
- ``on_page_markdown``: puts the level/time/prerequisites box under each module's
  title, from the module's metadata (written once, in the Indonesian page).
- ``on_post_page`` / ``on_post_build``: after each language's build, renders that
  language's print page (``kurikulum/cetak``) to the PDF it links to.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from portal.curriculum import CURRICULUM_DIR, load_curriculum
from portal.curriculum_pages import PRINT_PDF, module_summary
from portal.findings import PortalError
from portal.pdf import render_pdf

_state: dict = {"command": "build", "curriculum": None, "print_page": None}


def on_startup(command, dirty):
    _state["command"] = command


def on_pre_build(config):
    try:
        _state["curriculum"] = load_curriculum(Path(config.docs_dir))
    except PortalError as exc:
        raise PluginError(str(exc)) from None
    _state["print_page"] = None


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    folder, _, name = src.rpartition("/")
    if folder != CURRICULUM_DIR:
        return markdown
    module = _state["curriculum"].by_id().get(name.split(".")[0])
    if module is None:
        return markdown
    lines = markdown.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if at is None:
        return markdown
    summary = module_summary(_state["curriculum"], module, config.theme["language"])
    return "\n".join(lines[: at + 1] + ["", summary, ""] + lines[at + 1 :])


def on_post_page(output, page, config):
    if page.file.src_uri.split(".")[0] == f"{CURRICULUM_DIR}/cetak":
        _state["print_page"] = Path(page.file.abs_dest_path)
    return output


def on_post_build(config):
    page = _state["print_page"]
    if page is None or _state["command"] == "serve" or os.environ.get("PORTAL_SKIP_PDF") == "1":
        return
    language = config.theme["language"]
    public_base = config.site_url or "https://portal-bimtek.example/"
    render_pdf(page, page.with_name(PRINT_PDF[language]), Path(config.site_dir), language, public_base)
    _state["print_page"] = None
