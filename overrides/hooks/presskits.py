"""Press-kit hook: kits gated by their draft state and embargo, and their downloads handed to MkDocs first.

The build session (``session`` hook) has read and checked every kit
(:mod:`portal.presskits.load`) and makes each kit's downloads once per
language (:mod:`portal.presskits.bundle`). Events used:

- ``on_config`` (each language's build, before static-i18n's at -100): removes
  the ``nav`` entries of kits that are drafts or under embargo, so a kit
  listed in ``mkdocs.yml`` ahead of its embargo (or by ``portal new kit``) is
  still not linked; the outermost build logs how many placeholders each file
  of a draft kit still has (INFO, marked "warning"), what is published and
  what is held back;
- ``on_files`` (default priority, before static-i18n's at -100, so it pairs the
  languages of what this adds): removes every page of a hidden kit;
  turns each published document's source (kept out of the site by
  ``exclude_docs: _kits/``) into its page at ``kit-media/<kit>/<item>/``; then
  adds this language's downloads as files. MkDocs writes exactly the bytes
  whose size and SHA-256 the pages print, because the pages are rendered
  afterwards from the same :class:`~portal.presskits.bundle.KitBuild`;
- ``on_page_markdown`` (priority 10, before the ``generated`` hook): a
  document's page gets its kit, embargo and PDF figures under its title; a
  kit page gets the one-tap ZIP button under its title.

``PORTAL_SKIP_PDF=1`` (tests whose copies of the site do not look at them)
makes no document PDF; the kit pages then say so, and the ZIP holds the other
files. ``mkdocs serve`` makes them all, through the session's cache: a PDF or
ZIP whose inputs did not change since the last rebuild is not made again.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from portal import DEFAULT_LANGUAGE, session
from portal.drafts import gap_counts
from portal.findings import PortalError
from portal.directives import after_title
from portal.presskits.pages import document_page, quick_download, strip_nav

log = get_plugin_logger("presskits")


def on_config(config):
    current = session.current()
    catalogue = current.presskits
    if current.depth == 1:
        for path, count in gap_counts(catalogue.warnings).items():
            log.info(f"{path}: {count} placeholder(s) still to fill in [warning: a draft kit is not published; make check lists them]")
        hidden = ", ".join(f"{k.id} ({k.hidden_reason(catalogue.now)})" for k in catalogue.hidden())
        log.info(f"{len(catalogue.published())} press kit(s) published" + (f"; held back: {hidden}" if hidden else ""))
    config.nav = strip_nav(config.nav, [k.page_dir for k in catalogue.hidden()])
    return config


def on_files(files, config):
    current = session.current()
    catalogue = current.presskits
    language = config.theme["language"]
    hidden = tuple(f"{k.page_dir}/" for k in catalogue.hidden())
    for file in list(files):
        if file.src_uri.startswith(hidden):
            files.remove(file)

    for src_uri, (kit, item, _) in catalogue.document_pages().items():
        source = files.get_file_from_path(src_uri)
        if source is not None:
            files.remove(source)
        files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                          dest_uri=f"{kit.page_dir}/{item.id}/index.html", inclusion=InclusionLevel.NOT_IN_NAV))

    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    try:
        builds = current.kit_builds(language)
    except PortalError as exc:
        raise PluginError(str(exc)) from None
    for build in builds:
        folder = current.workdir / "files" / language / build.kit.id
        folder.mkdir(parents=True, exist_ok=True)
        for download in build.files():
            path = folder / download.name
            path.write_bytes(download.data)
            file = File.generated(config, f"{build.folder}/{download.name}", abs_src_path=str(path),
                                  inclusion=InclusionLevel.INCLUDED)
            file.dest_uri = f"{prefix}{build.folder}/{download.name}"
            files.append(file)
    return files


@event_priority(10)
def on_page_markdown(markdown, page, config, files):
    current = session.current()
    language = config.theme["language"]
    kit = next((k for k in current.presskits.published() if page.file.src_uri in (k.page_src(language), k.page_src("id"))), None)
    if kit is not None:
        try:
            return after_title(markdown, quick_download(current.kit_build(kit.id, language), language))
        except PortalError as exc:
            raise PluginError(str(exc)) from None
    found = current.presskits.document_pages().get(page.file.src_uri)
    if found is None:
        return markdown
    kit, item, language = found
    try:
        return document_page(current.kit_build(kit.id, language), item, language, markdown)
    except PortalError as exc:
        raise PluginError(str(exc)) from None
