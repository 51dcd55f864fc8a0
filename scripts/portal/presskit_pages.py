"""What the press-kit pages say, in each language, from the kit and its built files.

- :func:`kit_block`: the downloads of a kit page (``<!-- portal:press-kit-<id> -->``):
  the ZIP, each document and image with format, size, pages, licence and
  SHA-256, and the ``SHA256SUMS`` to copy;
- :func:`kit_list`: the published kits, for the press-kit index
  (``<!-- portal:press-kit-list -->``);
- :func:`document_page` / :func:`document_print`: a document as a web page
  (with its PDF's figures) and as the text its PDF is rendered from.

Every figure comes from a :class:`portal.kitbuild.Download` (the bytes the site
serves), every sentence from :data:`LABELS`; templates carry neither.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath

from portal import clock
from portal.kitbuild import Download, KitBuild, current, published_builds
from portal.numbers import human_size, integer
from portal.platforms import long_date
from portal.presskits import Item, Kit
from portal.sources import FRONT_MATTER

LABELS = {
    "id": {
        "training_title": "Contoh pelatihan",
        "training_body": "Kit ini adalah contoh pelatihan Portal Bimtek, bukan bahan resmi penyelenggara acara. Setiap fakta di dalamnya bersumber; sumbernya tercantum di setiap dokumen.",
        "placeholders_title": "Isian contoh",
        "placeholders_body": "Kit ini sengaja masih memuat isian contoh, ditandai `[[...]]` atau memakai alamat berakhiran `.example` yang tidak dapat dihubungi.",
        "embargo_title": "Embargo",
        "embargo_body": "Embargo kit ini berakhir pada {moment}. Sebelum waktu itu, kit ini tidak diterbitkan di portal.",
        "embargo_line": "Embargo berakhir {moment}",
        "at_time": "{date} pukul {time} WIB (UTC+7)",
        "weekdays": "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split(),
        "download_all": "Unduh semua",
        "download_zip": "Unduh kit lengkap (ZIP)",
        "zip_holds": "{count} berkas, ditambah `MANIFEST.json` (daftar isi dengan ukuran, SHA-256, lisensi, dan kredit setiap berkas) dan `SHA256SUMS`.",
        "documents": "Dokumen",
        "images": "Gambar",
        "checksums": "Checksum SHA-256",
        "checksums_body": "Isi berkas [`SHA256SUMS`]({sums}) kit ini dalam bahasa Indonesia. Simpan berkas itu di folder unduhan Anda, lalu jalankan `sha256sum -c SHA256SUMS --ignore-missing` ([cara memeriksa unduhan]({howto})).",
        "col_document": "Dokumen", "col_image": "Gambar", "col_download": "Unduh", "col_format": "Format",
        "col_size": "Ukuran", "col_pages": "Halaman", "col_dimensions": "Dimensi", "col_licence": "Lisensi",
        "col_sha256": "SHA-256", "col_credit": "Kredit",
        "read_online": "baca di peramban",
        "pdf_skipped": "PDF dokumen tidak dibuat pada pembangunan pratinjau ini (`mkdocs serve` atau `PORTAL_SKIP_PDF=1`); ZIP di atas tidak memuatnya. Pembangunan situs yang diterbitkan selalu membuatnya.",
        "not_built": "tidak dibuat",
        "pixels": "{width} × {height} piksel",
        "credit": "Kredit",
        "licence": "Lisensi",
        "back_to_kit": "Bagian dari {kit}",
        "download_pdf": "Unduh PDF",
        "pages": "{count} halaman",
        "page_one": "1 halaman",
        "list_kit": "Kit", "list_event": "Acara", "list_items": "Isi", "list_zip": "Unduh semua",
        "list_count": "{count} berkas",
        "list_empty": "Saat ini belum ada kit media yang terbit.",
        "print_note": "Dokumen dari {kit}. Contoh pelatihan Portal Bimtek, bukan bahan resmi penyelenggara acara.",
        "print_licence": "Lisensi: {licence}.",
    },
    "en": {
        "training_title": "Training example",
        "training_body": "This kit is a Portal Bimtek training example, not material from the event's organisers. Every fact in it is sourced; each document lists its sources.",
        "placeholders_title": "Placeholders",
        "placeholders_body": "This kit deliberately still holds placeholders, marked `[[...]]` or using addresses ending in `.example` that cannot be reached.",
        "embargo_title": "Embargo",
        "embargo_body": "This kit's embargo ends on {moment}. Until then, the portal does not publish the kit.",
        "embargo_line": "Embargo ends {moment}",
        "at_time": "{date}, {time} WIB (UTC+7)",
        "weekdays": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
        "download_all": "Download everything",
        "download_zip": "Download the whole kit (ZIP)",
        "zip_holds": "{count} files, plus `MANIFEST.json` (the contents, with each file's size, SHA-256, licence and credit) and `SHA256SUMS`.",
        "documents": "Documents",
        "images": "Images",
        "checksums": "SHA-256 checksums",
        "checksums_body": "The contents of this kit's English [`SHA256SUMS`]({sums}) file. Save it in your download folder and run `sha256sum -c SHA256SUMS --ignore-missing` ([how to verify downloads]({howto})).",
        "col_document": "Document", "col_image": "Image", "col_download": "Download", "col_format": "Format",
        "col_size": "Size", "col_pages": "Pages", "col_dimensions": "Dimensions", "col_licence": "Licence",
        "col_sha256": "SHA-256", "col_credit": "Credit",
        "read_online": "read in the browser",
        "pdf_skipped": "The documents' PDFs were not made in this preview build (`mkdocs serve` or `PORTAL_SKIP_PDF=1`), and the ZIP above does not hold them. The published site's build always makes them.",
        "not_built": "not built",
        "pixels": "{width} × {height} pixels",
        "credit": "Credit",
        "licence": "Licence",
        "back_to_kit": "Part of the {kit}",
        "download_pdf": "Download the PDF",
        "pages": "{count} pages",
        "page_one": "1 page",
        "list_kit": "Kit", "list_event": "Event", "list_items": "Contents", "list_zip": "Download everything",
        "list_count": "{count} files",
        "list_empty": "No press kit has been published yet.",
        "print_note": "A document of the {kit}. A Portal Bimtek training example, not material from the event's organisers.",
        "print_licence": "Licence: {licence}.",
    },
}


def moment_text(moment: dt.datetime, language: str) -> str:
    """``Senin, 8 Mei 2023 pukul 09.00 WIB (UTC+7)`` / ``Monday, 8 May 2023, 09:00 WIB (UTC+7)``."""
    t = LABELS[language]
    local = moment.astimezone(clock.WIB)
    day = f"{t['weekdays'][local.weekday()]}, {long_date(local.date(), language)}"
    sep = "." if language == "id" else ":"
    return t["at_time"].format(date=day, time=f"{local.hour:02d}{sep}{local.minute:02d}")


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
    return LABELS[language]["page_one"] if count == 1 else LABELS[language]["pages"].format(count=integer(count, language))


def _link(target: str, from_dir: str) -> str:
    return posixpath.relpath(target, from_dir)


def _notes(kit: Kit, language: str) -> list[str]:
    t = LABELS[language]
    parts = []
    if kit.training_example:
        parts.append(f'!!! note "{t["training_title"]}"\n\n    {t["training_body"]}')
    if kit.placeholders_allowed and kit.placeholders_reason:
        parts.append(f'!!! warning "{t["placeholders_title"]}"\n\n    {t["placeholders_body"]} {kit.placeholders_reason[language]}')
    if kit.embargo_until:
        parts.append(f'!!! info "{t["embargo_title"]}"\n\n    {t["embargo_body"].format(moment=moment_text(kit.embargo_until, language))}')
    return parts


# --- The kit page ---------------------------------------------------------------------------


def kit_block(kit_id: str, language: str) -> str:
    build = current(kit_id, language)
    kit, t = build.kit, LABELS[language]
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
        rows = [
            f"| {t['col_document']} | {t['col_download']} | {t['col_size']} | {t['col_pages']} | {t['col_licence']} | {t['col_sha256']} |",
            "|---|---|---|---|---|---|",
        ]
        for item in documents:
            download = build.download(item.id)
            title = _cell(item.title(language))
            if item.is_page:
                title = f"[{title}]({_link(item.documents['id'].src_uri, here)})"
            if download is None:
                rows.append(f"| {title} | PDF: {t['not_built']} | — | — | {_cell(item.licence)} | — |")
                continue
            link = f"[{download.format.upper()}]({_link(f'{downloads}/{download.name}', here)})"
            rows.append(
                f"| {title} | {link} | {_size(download, language)} | "
                f"{_pages(download.pages, language)} | {_cell(item.licence)} | {_sha(download)} |"
            )
        parts.append(f"## {t['documents']} {{#documents}}\n\n" + '<div class="portal-kit-files" markdown>\n\n' + "\n".join(rows) + "\n\n</div>")
        if build.skipped:
            parts.append(f'!!! info ""\n\n    {t["pdf_skipped"]}')

    images = [d for d in build.items if d.item.is_image]
    if images:
        rows = [
            f"| {t['col_image']} | {t['col_format']} | {t['col_size']} | {t['col_dimensions']} | {t['col_licence']} | {t['col_sha256']} |",
            "|---|---|---|---|---|---|",
        ]
        figures = []
        for d in images:
            item = d.item
            dims = t["pixels"].format(width=integer(d.dimensions[0], language), height=integer(d.dimensions[1], language)) if d.dimensions else "—"
            rows.append(
                f"| [{_cell(item.title(language))}]({_link(f'{downloads}/{d.name}', here)}) | {d.format.upper()} | "
                f"{_size(d, language)} | {dims} | {_cell(item.licence)} | {_sha(d)} |"
            )
            width = f' width="{d.dimensions[0]}" height="{d.dimensions[1]}"' if d.dimensions else ""
            src = _link(f"{downloads}/{d.name}", here)
            figures.append(
                f'<figure class="portal-kit-image" id="{item.id}">\n'
                f'<img src="{src}" alt="{_esc(item.alt[language])}"{width} loading="lazy">\n'
                f"<figcaption>{_esc(item.title(language))} ({d.format.upper()}). {t['credit']}: {_esc(item.credit[language])}. "
                f"{t['licence']}: {_esc(item.licence)}.</figcaption>\n</figure>"
            )
        parts.append(
            f"## {t['images']} {{#images}}\n\n" + '<div class="portal-kit-files" markdown>\n\n' + "\n".join(rows)
            + "\n\n</div>\n\n" + '<div class="portal-kit-gallery">\n' + "\n".join(figures) + "\n</div>"
        )

    sums = build.sums
    fence = "```"
    parts.append(
        f"## {t['checksums']} {{#checksums}}\n\n"
        + t["checksums_body"].format(sums=_link(f"{downloads}/{sums.name}", here), howto="../index.md#verifying-downloads")
        + f"\n\n{fence}text\n{sums.data.decode('ascii')}{fence}"
    )
    return "\n\n".join(parts)


def kit_list(language: str) -> str:
    """The published kits, for ``docs/kit-media/index.md``."""
    t = LABELS[language]
    builds = published_builds(language)
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


# --- A document: its page and its PDF ------------------------------------------------------


def _after_title(body: str, block: str) -> str:
    lines = body.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if at is None:
        return f"{block}\n\n{body}"
    return "\n".join(lines[: at + 1] + ["", block, ""] + lines[at + 1 :])


def document_page(kit: Kit, item: Item, language: str, body: str) -> str:
    """The document's page: its Markdown with the kit, embargo and PDF figures under the title."""
    build: KitBuild = current(kit.id, language)
    t = LABELS[language]
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
    return _after_title(body, block)


def document_print(kit: Kit, item: Item, language: str) -> str:
    """The Markdown a document's PDF is rendered from: its text, labelled, without site links."""
    t = LABELS[language]
    text = item.documents[language].path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    note = [t["print_note"].format(kit=kit.title[language]) if kit.training_example else kit.title[language]]
    if kit.embargo_until:
        note.append(t["embargo_line"].format(moment=moment_text(kit.embargo_until, language)) + ".")
    note.append(t["print_licence"].format(licence=item.licence))
    block = f'!!! note "{t["training_title"] if kit.training_example else kit.title[language]}"\n\n    ' + " ".join(note)
    return _after_title(body.strip("\n"), block) + "\n"

