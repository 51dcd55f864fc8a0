"""Curriculum hook: module summaries on module pages, and the PDF of the print page.

The build session (``session`` hook) has read and checked the modules
(:mod:`portal.curriculum.load`); a fault stopped the build, naming file and
line. Events used:

- ``on_page_markdown``: puts the level/time/prerequisites box under each module's
  title, from the module's metadata (written once, in the Indonesian page);
- ``on_post_page`` / ``on_post_build``: after each language's build, renders that
  language's print page (``kurikulum/cetak``) to the PDF it links to, unless
  the session renders no PDF (``PORTAL_SKIP_PDF=1``, set only by tests whose
  copies of the site do not look at the PDF). Under ``mkdocs serve`` the
  session's cache hands back the PDF of a print page rendered before with
  the same content (:func:`portal.pdf.render_pdf`).
"""

from __future__ import annotations

from pathlib import Path

from portal import session
from portal.curriculum.model import CURRICULUM_DIR
from portal.curriculum.pages import PRINT_PAGE, PRINT_PDF, module_page
from portal.pdf import render_pdf


def on_page_markdown(markdown, page, config, files):
    folder, _, name = page.file.src_uri.rpartition("/")
    if folder != CURRICULUM_DIR:
        return markdown
    curriculum = session.current().curriculum
    module = curriculum.by_id().get(name.split(".")[0])
    if module is None:
        return markdown
    return module_page(curriculum, module, config.theme["language"], markdown)


def on_post_page(output, page, config):
    if page.file.src_uri.split(".")[0] == PRINT_PAGE:
        session.current().print_pages[config.theme["language"]] = Path(page.file.abs_dest_path)
    return output


def on_post_build(config):
    current = session.current()
    language = config.theme["language"]
    page = current.print_pages.pop(language, None)
    if page is None or current.skip_pdf:
        return
    public_base = config.site_url or "https://portal-bimtek.example/"
    render_pdf(page, page.with_name(PRINT_PDF[language]), Path(config.site_dir), language, public_base, cache=current.cache)
