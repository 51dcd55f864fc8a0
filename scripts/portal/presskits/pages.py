"""What the press-kit pages say, in each language, from the kit and its built files.

- :func:`kit_block`: the downloads of a kit page (``<!-- portal:press-kit-<id> -->``):
  the ZIP, each document and image with format, size, pages, licence and
  SHA-256, and the ``SHA256SUMS`` to copy;
- :func:`kit_list`: the published kits, for the press-kit index
  (``<!-- portal:press-kit-list -->``);
- :func:`document_page`: a document as a web page, with its PDF's figures;
- :func:`strip_nav`: the ``nav`` without the hidden kits (drafts, under embargo).

Every figure comes from a :class:`portal.presskits.bundle.Download` (the bytes
the site serves), every sentence from :mod:`portal.words`; templates carry
neither.
"""

from __future__ import annotations

import html
import posixpath

from portal import drafts
from portal.directives import after_title
from portal.numbers import human_size, integer
from portal.presskits.bundle import Download, KitBuild
from portal.presskits.model import Item, Kit
from portal.words import moment_text, section


def _words(language: str) -> dict:
    return section("presskits", language)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return _esc(text).replace("|", "&#124;")


def _size(download: Download, language: str) -> str:
    return f'<span class="portal-size">{human_size(download.size, language)}</span>'


def _sha(download: Download) -> str:
    return f'<code class="portal-sha256">{download.sha256}</code>'


def _pages(count: int | None, language: str) -> str:
    if count is None:
        return "—"
    return _words(language)["page_one"] if count == 1 else _words(language)["pages"].format(count=integer(count, language))


def _link(target: str, from_dir: str) -> str:
    return posixpath.relpath(target, from_dir)


def _notes(kit: Kit, language: str) -> list[str]:
    t = _words(language)
    parts = []
    if kit.training_example:
        parts.append(f'!!! note "{t["training_title"]}"\n\n    {t["training_body"]}')
    if kit.placeholders_allowed and kit.placeholders_reason:
        parts.append(f'!!! warning "{t["placeholders_title"]}"\n\n    {t["placeholders_body"]} {kit.placeholders_reason[language]}')
    if kit.embargo_until:
        parts.append(f'!!! info "{t["embargo_title"]}"\n\n    {t["embargo_body"].format(moment=moment_text(kit.embargo_until, language))}')
    return parts


# --- The kit page ---------------------------------------------------------------------------


def _checksum(download: Download, language: str) -> str:
    """The SHA-256 behind a disclosure, with a button that copies exactly the hex (Material's clipboard)."""
    t = _words(language)
    return (
        f'<details class="portal-file__sha"><summary>{t["col_sha256"]}</summary>'
        f'<p>{_sha(download)} <button type="button" class="md-clipboard md-icon portal-copy-sha" '
        f'data-clipboard-text="{download.sha256}" title="{_esc(t["copy_sha256"])}" aria-label="{_esc(t["copy_sha256"])}"></button></p>'
        "</details>"
    )


def _card(title: str, meta: str, download: Download | None, language: str) -> str:
    """One file as a card: its title, then format, size, pages and licence on one line, then its checksum.

    A card and not a table row: a 64-character checksum in a column made each
    row about 255 px tall on a phone and pushed the size off the screen.
    """
    sha = _checksum(download, language) if download is not None else ""
    return (
        '<div class="portal-file" markdown>\n\n'
        f"{title}\n{{: .portal-file__title }}\n\n{meta}\n{{: .portal-file__meta }}\n\n{sha}\n\n</div>"
    )


def _cards(cards: list[str]) -> str:
    return '<div class="portal-files" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>"


def quick_download(build: KitBuild, language: str) -> str:
    """The whole kit in one tap, right under the kit page's title (above the fold on a phone)."""
    t = _words(language)
    link = _link(f"{build.folder}/{build.archive.name}", build.kit.page_dir)
    return (
        f"[{t['download_zip']}]({link}){{ .md-button .md-button--primary }} "
        f"ZIP · {human_size(build.archive.size, language)} · [{t['to_documents']}](#documents)\n{{: .portal-kit-quick }}"
    )



def kit_block(build: KitBuild, language: str) -> str:
    kit, t = build.kit, _words(language)
    here = kit.page_dir
    downloads = build.folder
    parts = _notes(kit, language)

    archive = build.archive
    parts.append(
        f"## {t['download_all']} {{#download-all}}\n\n"
        f'<div class="portal-kit-all" markdown>\n\n'
        f"[{t['download_zip']}]({_link(f'{downloads}/{archive.name}', here)}){{ .md-button .md-button--primary }}\n\n"
        f"ZIP · {_size(archive, language)} · {t['zip_holds'].format(count=integer(len(build.items), language))}\n\n"
        f"{t['col_sha256']}: {_sha(archive)}\n\n</div>"
    )

    documents = [item for item in kit.items if not item.is_image]
    if documents:
        cards = []
        for item in documents:
            download = build.download(item.id)
            title = _esc(item.title(language))
            if item.is_page:
                title = f"[{title}]({_link(item.documents['id'].src_uri, here)})"
            if download is None:
                cards.append(_card(title, f"PDF: {t['not_built']} · {_esc(item.licence)}", None, language))
                continue
            link = f"[{download.format.upper()}]({_link(f'{downloads}/{download.name}', here)}){{ .md-button }}"
            meta = f"{link} {_size(download, language)} · {_pages(download.pages, language)} · {_esc(item.licence)}"
            cards.append(_card(title, meta, download, language))
        parts.append(f"## {t['documents']} {{#documents}}\n\n" + _cards(cards))
        if build.skipped:
            parts.append(f'!!! info ""\n\n    {t["pdf_skipped"]}')

    images = [d for d in build.items if d.item.is_image]
    if images:
        cards, figures = [], []
        for d in images:
            item = d.item
            dims = t["pixels"].format(width=integer(d.dimensions[0], language), height=integer(d.dimensions[1], language)) if d.dimensions else "—"
            title = f"[{_esc(item.title(language))}]({_link(f'{downloads}/{d.name}', here)})"
            cards.append(_card(title, f"{d.format.upper()} · {_size(d, language)} · {dims} · {_esc(item.licence)}", d, language))
            width = f' width="{d.dimensions[0]}" height="{d.dimensions[1]}"' if d.dimensions else ""
            src = _link(f"{downloads}/{d.name}", here)
            figures.append(
                f'<figure class="portal-kit-image" id="{item.id}">\n'
                f'<img src="{src}" alt="{_esc(item.alt[language])}"{width} loading="lazy">\n'
                f"<figcaption>{_esc(item.title(language))} ({d.format.upper()}). {t['credit']}: {_esc(item.credit[language])}. "
                f"{t['licence']}: {_esc(item.licence)}.</figcaption>\n</figure>"
            )
        parts.append(
            f"## {t['images']} {{#images}}\n\n" + _cards(cards)
            + "\n\n" + '<div class="portal-kit-gallery">\n' + "\n".join(figures) + "\n</div>"
        )

    sums = build.sums
    fence = "```"
    parts.append(
        f"## {t['checksums']} {{#checksums}}\n\n"
        + t["checksums_body"].format(sums=_link(f"{downloads}/{sums.name}", here), howto="../index.md#verifying-downloads")
        + f"\n\n{fence}text\n{sums.data.decode('ascii')}{fence}"
    )
    return "\n\n".join(parts)


def kit_list(builds: list[KitBuild], language: str) -> str:
    """The published kits, for ``docs/kit-media/index.md``."""
    t = _words(language)
    if not builds:
        return t["list_empty"]
    rows = [f"| {t['list_kit']} | {t['list_event']} | {t['list_items']} | {t['list_zip']} |", "|---|---|---|---|"]
    here = "kit-media"
    for build in builds:
        kit = build.kit
        rows.append(
            f"| [{_cell(kit.title[language])}]({_link(kit.page_src('id'), here)}) "
            f"| [{_cell(kit.event_name[language])}]({_link(kit.event_page, here)}) "
            f"| {t['list_count'].format(count=integer(len(build.items), language))} "
            f"| [ZIP]({_link(f'{build.folder}/{build.archive.name}', here)}), {_size(build.archive, language)} |"
        )
    return '<div class="portal-kit-files" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


# --- A document's page -----------------------------------------------------------------------


def document_page(build: KitBuild, item: Item, language: str, body: str) -> str:
    """The document's page: its Markdown with the kit, embargo and PDF figures under the title."""
    kit = build.kit
    t = _words(language)
    here = posixpath.dirname(item.documents[language].src_uri)
    kit_link = f"[{_cell(kit.title[language])}]({_link(kit.page_src('id'), here)})"
    lines = [f"**{t['training_title']}** · {t['back_to_kit'].format(kit=kit_link)}" if kit.training_example else t["back_to_kit"].format(kit=kit_link)]
    if kit.embargo_until:
        lines.append(t["embargo_line"].format(moment=moment_text(kit.embargo_until, language)))
    download = build.download(item.id)
    if download is None:
        lines.append(f"PDF: {t['not_built']}")
    else:
        link = f"[{t['download_pdf']}]({_link(f'{build.folder}/{download.name}', here)})"
        lines.append(f"{link} · PDF · {_size(download, language)} · {_pages(download.pages, language)} · {_cell(item.licence)}")
        lines.append(f"{t['col_sha256']}: {_sha(download)}")
    block = '<div class="portal-kit-doc" markdown>\n\n' + "\n\n".join(lines) + "\n\n</div>"
    return after_title(body, block)


# --- The navigation ---------------------------------------------------------------------------


def strip_nav(nav, hidden_dirs: list[str]):
    """The ``nav`` config without entries under a hidden kit's folder (so it is never linked)."""
    if not hidden_dirs:
        return nav
    return drafts.strip_nav(nav, lambda path: any(path.startswith(f"{d}/") for d in hidden_dirs))
