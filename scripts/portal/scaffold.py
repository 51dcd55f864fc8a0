"""``portal new``: the first draft of a narrative, press kit, curriculum module or page, in both languages.

Every command writes files that build at once (``make build`` strict passes)
and pass ``make check`` with warnings only, because what they write is a
**draft** that the build never publishes, full of **gaps** ``[[like this]]``
that say what to write (:mod:`portal.drafts`):

======================================  =========================================  ====================
command                                 kept unpublished by                         gaps reported as
======================================  =========================================  ====================
``new narrative SLUG --event EVENT``    ``status: draft`` (the narratives' gate)    N023
``new kit SLUG``                        ``draft: true`` in ``kit.yml`` (as an       K015
                                        embargo hides a kit)
``new module SLUG``                     ``draft: true`` (the drafts hook; out of    R008
                                        the schedule and summaries too)
``new page docs/SECTION/NAME.md``       ``draft: true`` (the drafts hook)           R008
======================================  =========================================  ====================

Gaps are warnings while the file is a draft and errors once it is not
(approved or retired, ``draft:`` removed), so nothing half-written is
published. Kit, module and page are added to ``nav`` in ``mkdocs.yml`` at
once (the hooks leave a draft's entry out of the built site); a page whose
section has no ``nav`` entry yet is not, and the command says where it
belongs. Every refusal (:class:`Refused`) happens before a file is written.

The English files record no ``translation_of:`` yet: they translate
nothing so far. ``make check`` warns about that (TR006) until the finished
translation is stamped (``make stamp PAGE=...``, after committing the
Indonesian file, so the recorded version is one git holds).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from string import Template
from typing import Callable

from portal import clock
from portal.curriculum.model import CURRICULUM_DIR
from portal.narratives.load import load_taxonomy, narrative_files
from portal.narratives.model import NARRATIVES_DIR, SLUG, TAXONOMY_FILE
from portal.presskits.model import DIRECTIVE_PREFIX, KITS_DIR, MANIFEST, PAGES_DIR
from portal.findings import PortalError
from portal.sources import SourceError, read_markdown
from portal.translations import english_twin, is_english

DOCS = "docs"
MKDOCS = "mkdocs.yml"


class Refused(Exception):
    """The command cannot run as asked; the one-line message says what is wrong. Nothing was written."""


@dataclass
class Scaffold:
    """What a command wrote (paths relative to the project) and what the maintainer does next."""

    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def report(self) -> str:
        return "\n".join([f"wrote {path}" for path in self.files] + self.notes)


# --- Writing ---------------------------------------------------------------------------------


def _text(template: str, **values: str) -> str:
    return Template(template).substitute(values).lstrip("\n")


def _write(root: Path, files: dict[str, str]) -> list[str]:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def _refuse_existing(root: Path, paths: list[str], what: str) -> None:
    for rel in paths:
        if (root / rel).exists():
            raise Refused(f"{rel} exists already: choose another {what}, or edit that file")


def _slug(slug: str, what: str) -> str:
    if not SLUG.match(slug):
        raise Refused(f"{slug!r} is not a valid {what}: use lower-case letters, digits and single hyphens (e.g. contoh-baru)")
    return slug


# --- nav in mkdocs.yml, edited as text (comments and order kept) ----------------------------------

NAV_ENTRY = re.compile(r"^(?P<indent>[ \t]*)- (?:(?P<label>[^\n:#]+):[ \t]+)?(?P<path>[^\s:#'\"]+\.md)[ \t]*(?:#.*)?$")


def nav_paths(text: str) -> list[tuple[int, str, str]]:
    """``(line index, indent, path)`` of every page entry of the top-level ``nav:`` block."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:[ \t]*(?:#.*)?$", line)), None)
    if start is None:
        return []
    found = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line and not line[0].isspace() and not line.startswith(("-", "#")):
            break  # the next top-level key
        match = NAV_ENTRY.match(line)
        if match:
            found.append((index, match.group("indent"), match.group("path")))
    return found


def add_to_nav(root: Path, page: str, *preferences: Callable[[str], bool]) -> str | None:
    """Add ``- page`` after the last ``nav`` entry the first matching preference picks; the entry it follows, or None."""
    config = root / MKDOCS
    text = config.read_text(encoding="utf-8")
    entries = nav_paths(text)
    if any(path == page for _, _, path in entries):
        return page
    for wanted in preferences:
        chosen = [entry for entry in entries if wanted(entry[2])]
        if chosen:
            index, indent, after = chosen[-1]
            lines = text.splitlines(keepends=True)
            lines.insert(index + 1, f"{indent}- {page}\n")
            config.write_text("".join(lines), encoding="utf-8")
            return after
    return None


def _in_section(section: str) -> Callable[[str], bool]:
    return lambda path: posixpath.dirname(path) == section


# --- new narrative ------------------------------------------------------------------------------

NARRATIVE_ID = """
---
# Narasi "$slug": contoh pelatihan Portal Bimtek, dibuat oleh `portal new narrative`.
# Selama berstatus draft, narasi ini tidak terbit di mana pun dan setiap isian
# bertanda `[[...]]` hanya peringatan (N023); setelah disetujui (approved) atau
# ditarik (retired), isian yang tersisa menghentikan pembangunan situs.
# Kata-kata berbahasa Inggris ada di $slug.en.md. Cara mengisi: docs/panduan/narasi.md.
title: "[[Judul narasi: satu kalimat pendek yang menyatakan pesannya]]"
description: "[[Ringkasan satu kalimat, diawali 'Contoh narasi' karena narasi ini contoh pelatihan]]"
id: $ident
event: $event
topics: [$topics]$topics_gap
status: draft
issuing_office: Tim Portal Bimtek (contoh pelatihan)
approver: Contoh pelatihan — bukan persetujuan resmi
# approved_on: diisi saat narasi disetujui, dengan zona waktu (misalnya 2026-01-05T10:00:00+07:00)
valid_from: $valid_from  # [[Tetapkan awal masa berlaku]]
valid_until: $valid_until  # [[Tetapkan akhir masa berlaku]]
# hashtags: tagar contoh, ditulis CamelCase; setiap tagar dalam keterangan unggahan harus tercantum di sini
key_message: >-
  [[Pesan kunci: satu atau dua kalimat yang disampaikan semua akun dengan cara yang sama]]
facts:
  fakta-1:
    text: >-
      [[Fakta yang mendukung pesan kunci, dalam bahasa Indonesia]]
    source: "[[Sumber fakta: nama dokumen atau media, beserta tanggalnya]]"
    # url: tautan sumber (harus diawali https://; tanpa tautan, tulis no_link: alasannya)
    # date: tanggal sumber (YYYY-MM-DD)
    # checked: tanggal tautan diperiksa (YYYY-MM-DD); make check (R011) menuntut ketiganya
dos:
  - "[[Anjuran bagi pengelola akun]]"
donts:
  - "[[Larangan bagi pengelola akun]]"
captions:
  x: >-
    [[Keterangan unggahan untuk X, paling banyak 280 karakter berbobot]]
  instagram: |-
    [[Keterangan unggahan untuk Instagram]]
---

[[Konteks (tidak wajib): latar belakang narasi ini dan kapan dipakai. Hapus paragraf ini jika tidak diperlukan.]]
"""

NARRATIVE_EN = """
---
# English words of the narrative $slug.md (a Portal Bimtek training example).
# Only the words live here: id, event, status, dates and the facts' sources are
# written once, in $slug.md. Each fact here is its English text only, under the
# same key as in $slug.md. How to fill it in: docs/panduan/narasi.en.md.
title: "[[Narrative title: one short sentence that states the message]]"
description: "[[One-sentence summary, starting 'Example narrative' because this narrative is a training example]]"
issuing_office: Portal Bimtek team (training example)
approver: Training example — not an official approval
key_message: >-
  [[Key message: one or two sentences that every account conveys in the same way]]
facts:
  fakta-1: >-
    [[The English text of fact fakta-1]]
dos:
  - "[[A do for account managers]]"
donts:
  - "[[A don't for account managers]]"
captions:
  x: >-
    [[Caption for X, at most 280 weighted characters]]
  instagram: |-
    [[Caption for Instagram]]
---

[[Context (optional): the background of this narrative and when to use it. Delete this paragraph if it is not needed.]]
"""


def new_narrative(root: Path, slug: str, event: str, topics: list[str] | None = None, today: dt.date | None = None) -> Scaffold:
    docs = Path(root) / DOCS
    _slug(slug, "narrative slug")
    try:
        taxonomy = load_taxonomy(docs)
    except PortalError as exc:
        raise Refused(f"cannot read {DOCS}/{TAXONOMY_FILE.as_posix()}: {exc.findings[0]}") from None
    if event not in taxonomy.events:
        raise Refused(f"unknown event {event!r}: use one of {', '.join(taxonomy.events)} (from {DOCS}/{TAXONOMY_FILE.as_posix()})")
    for topic in topics or []:
        if topic not in taxonomy.topics:
            raise Refused(f"unknown topic {topic!r}: use one of {', '.join(taxonomy.topics)}")
    folder = taxonomy.events[event].folder
    base = f"{DOCS}/{NARRATIVES_DIR.as_posix()}/{folder}/{slug}"
    _refuse_existing(Path(root), [f"{base}.md", f"{base}.en.md"], "slug")
    ident = f"{folder.replace('-', '')}-{slug}"
    for files in narrative_files(docs).values():
        source = files.get("id")
        if source and re.search(rf"^id:[ \t]*['\"]?{re.escape(ident)}['\"]?[ \t]*$", source.read_text(encoding="utf-8"), re.M):
            raise Refused(f"id {ident!r} is used already by {source.relative_to(root).as_posix()}: choose another slug")
    today = today or clock.now().date()
    source = _text(
        NARRATIVE_ID, slug=slug, ident=ident, event=event,
        topics=", ".join(topics) if topics else "narasi-tunggal",
        topics_gap="" if topics else "  # [[Pilih topik yang sesuai dari docs/narasi/_data/taxonomy.yml]]",
        valid_from=f"{today.isoformat()}T00:00:00+07:00", valid_until=f"{today.year + 1}-12-31T23:59:59+07:00",
    )
    english = _text(NARRATIVE_EN, slug=slug)
    written = _write(Path(root), {f"{base}.md": source, f"{base}.en.md": english})
    return Scaffold(written, [
        "The narrative is a draft (status: draft): it is not published. Fill in every [[...]] in both files "
        "(make check lists them as N023 warnings); after review set status: approved with approved_on, and "
        "make check then fails on any gap left. See docs/panduan/narasi.md.",
    ])


# --- new kit -------------------------------------------------------------------------------------

KIT_MANIFEST = """
# Press kit "$slug": a Portal Bimtek training example, made by `portal new kit`.
# Language-neutral: written once for both languages. Read by the build
# (portal.presskits), never published as a file; the kit's page is
# docs/kit-media/$slug/index.md. How to edit: docs/panduan/kit-media.en.md.
id: $slug
# While `draft: true`, nothing of the kit is built, linked, indexed or listed,
# and every placeholder `[[...]]` is a warning (K015). Remove the line when
# every placeholder is filled in: the build then refuses any left.
draft: true
title:
  id: "Kit media [[nama acara]]"
  en: "[[Event name]] press kit"
event:
  name:
    id: "[[Nama acara, tempat, dan tanggalnya]]"
    en: "[[Event name, place and dates]]"
  page: acara/index.md  # [[The event's page in docs/, for example acara/ktt-43.md]]
training_example: true
items:
  - id: lembar-fakta
    role: fact-sheet
    format: markdown
    source: {id: lembar-fakta.md, en: lembar-fakta.en.md}
    licence: CC BY 4.0
  - id: pesan-kunci
    role: key-messages
    format: markdown
    source: {id: pesan-kunci.md, en: pesan-kunci.en.md}
    licence: CC BY 4.0
  - id: kontak-media
    role: media-contacts
    format: markdown
    source: {id: kontak-media.md, en: kontak-media.en.md}
    licence: CC BY 4.0
"""

KIT_DOCUMENTS = {
    "lembar-fakta.md": """
---
title: "Lembar fakta: [[nama acara]]"
description: "Contoh lembar fakta [[nama acara]] untuk pelatihan: fakta pokok acara, masing-masing dengan sumbernya."
---

# Lembar fakta: [[nama acara]]

Lembar fakta ini adalah contoh pelatihan Portal Bimtek, bukan materi resmi penyelenggara acara. Setiap fakta di dalamnya mencantumkan sumbernya.

## Fakta pokok {#key-facts}

| Hal | Keterangan |
|---|---|
| Acara | [[nama lengkap acara]] |
| Waktu | [[hari dan tanggal, dengan jam dalam WIB jika ada]] |
| Tempat | [[tempat dan kota]] |
| Penyelenggara | [[nama lengkap instansi penyelenggara, dengan singkatannya]] |

## Sumber {#sources}

- [[Sumber setiap fakta di atas: nama dokumen atau media, beserta tanggalnya]]
""",
    "lembar-fakta.en.md": """
---
title: "Fact sheet: [[event name]]"
description: "An example fact sheet for [[event name]], for training: the event's main facts, each with its source."
---

# Fact sheet: [[event name]]

This fact sheet is a Portal Bimtek training example, not official material from the event's organisers. Every fact in it lists its source.

## Main facts {#key-facts}

| Item | Details |
|---|---|
| Event | [[full name of the event]] |
| When | [[day and date, with times in WIB (UTC+7) if any]] |
| Where | [[venue and city]] |
| Organiser | [[full name of the organising institution, with its abbreviation]] |

## Sources {#sources}

- [[The source of every fact above: the document or outlet, with its date]]
""",
    "pesan-kunci.md": """
---
title: "Pesan kunci: [[nama acara]]"
description: "Contoh pesan kunci tentang [[nama acara]] untuk pelatihan, masing-masing dengan fakta pendukung dan sumbernya."
---

# Pesan kunci: [[nama acara]]

Pesan kunci adalah kalimat inti yang ingin Anda ulang secara seragam di semua kanal. Pesan di bawah ini adalah contoh pelatihan: faktanya bersumber, tetapi rumusannya bukan narasi resmi pemerintah.

## Pesan 1 {#message-1}

**[[Pesan kunci pertama, dalam satu kalimat]]**

Fakta pendukung: [[fakta yang mendukung pesan ini; sumbernya dicantumkan di bagian Sumber]]

## Sumber {#sources}

- [[Sumber setiap fakta pendukung: nama dokumen atau media, beserta tanggalnya]]
""",
    "pesan-kunci.en.md": """
---
title: "Key messages: [[event name]]"
description: "Example key messages about [[event name]] for training, each with its supporting fact and source."
---

# Key messages: [[event name]]

Key messages are the core sentences you want to repeat consistently on every channel. The messages below are a training example: their facts are sourced, but their wording is not an official government narrative.

## Message 1 {#message-1}

**[[The first key message, in one sentence]]**

Supporting fact: [[the fact that supports this message; its source is listed under Sources]]

## Sources {#sources}

- [[The source of every supporting fact: the document or outlet, with its date]]
""",
    "kontak-media.md": """
---
title: "Kontak media: [[nama acara]]"
description: "Contoh daftar kontak media [[nama acara]] untuk pelatihan, tanpa orang, nomor, atau alamat sungguhan."
---

# Kontak media: [[nama acara]]

!!! warning "Isian contoh, bukan kontak sungguhan"

    Kit ini contoh pelatihan. Cantumkan hanya petugas yang sudah setuju namanya diterbitkan, atau lebih baik alamat peran (misalnya alamat humas instansi) yang tetap berlaku walau petugasnya berganti.

| Peran | Nama | Surel | Telepon |
|---|---|---|---|
| Koordinator hubungan media | [[nama petugas atau peran]] | [[alamat surel]] | [[nomor telepon, dengan kode negara +62]] |

Jam layanan: [[jam layanan, dalam WIB (UTC+7)]].

## Sumber {#sources}

- Komisi Eropa, *Press corner* (siaran pers, lembar fakta, dan materi latar untuk media), tanpa tanggal. <https://ec.europa.eu/commission/presscorner/home/en> (diperiksa 2026-12-01). Rujukan untuk: isi daftar kontak media.
""",
    "kontak-media.en.md": """
---
title: "Media contacts: [[event name]]"
description: "An example media contact list for [[event name]], for training, with no real people, numbers or addresses."
---

# Media contacts: [[event name]]

!!! warning "Placeholders, not real contacts"

    This kit is a training example. List only officers who have agreed to have their names published, or better, role addresses (such as an institution's press office address) that stay valid when the officer changes.

| Role | Name | E-mail | Telephone |
|---|---|---|---|
| Media relations coordinator | [[officer's name or role]] | [[e-mail address]] | [[telephone number, with country code +62]] |

Service hours: [[service hours, in WIB (UTC+7)]].

## Sources {#sources}

- European Commission, *Press corner* (press releases, factsheets and background material for the media), undated. <https://ec.europa.eu/commission/presscorner/home/en> (checked 2026-12-01). Cited for: what a media contact list holds.
""",
}

KIT_PAGE_ID = """
---
title: "Kit media [[nama acara]]"
description: "Contoh kit media [[nama acara]] untuk pelatihan, dengan ukuran, jumlah halaman, dan checksum SHA-256 setiap unduhan."
---

# Kit media [[nama acara]]

Kit ini adalah contoh pelatihan Portal Bimtek untuk [[nama acara, dengan tautan ke halaman acaranya]]. [[Pengantar: untuk apa kit ini dipakai dalam pelatihan dan apa isinya.]]

Semua ukuran dan *checksum* di halaman ini dihitung dari berkas yang disajikan portal, bukan diketik tangan.

<!-- portal:$directive -->

## Sumber {#sources}

- [[Sumber fakta acara: nama dokumen atau media, beserta tanggalnya]]. Setiap dokumen mencantumkan sumbernya sendiri.
"""

KIT_PAGE_EN = """
---
title: "[[Event name]] press kit"
description: "An example press kit for [[event name]], for training, with the size, page count and SHA-256 checksum of every download."
---

# [[Event name]] press kit

This kit is a Portal Bimtek training example for [[event name, linked to its event page]]. [[Introduction: what the kit is used for in training, and what it holds.]]

Every size and checksum on this page is computed from the files the portal serves, never typed by hand.

<!-- portal:$directive -->

## Sources {#sources}

- [[The sources of the event's facts: the document or outlet, with its date]]. Each document lists its own sources.
"""


def _kit_page(path: str) -> bool:
    return re.fullmatch(rf"{PAGES_DIR}/[^/]+/index\.md", path) is not None


def new_kit(root: Path, slug: str) -> Scaffold:
    root = Path(root)
    _slug(slug, "kit id")
    kit = f"{DOCS}/{KITS_DIR}/{slug}"
    pages = f"{DOCS}/{PAGES_DIR}/{slug}"
    _refuse_existing(root, [kit, pages], "kit id")
    files = {f"{kit}/{MANIFEST}": _text(KIT_MANIFEST, slug=slug)}
    files.update({f"{kit}/{name}": _text(text) for name, text in KIT_DOCUMENTS.items()})
    page = _text(KIT_PAGE_ID, directive=f"{DIRECTIVE_PREFIX}{slug}")
    files[f"{pages}/index.md"] = page
    files[f"{pages}/index.en.md"] = _text(KIT_PAGE_EN, directive=f"{DIRECTIVE_PREFIX}{slug}")
    written = _write(root, files)
    nav = f"{PAGES_DIR}/{slug}/index.md"
    after = add_to_nav(root, nav, _kit_page, _in_section(str(PAGES_DIR)))
    notes = [f"added {nav} to nav in {MKDOCS} after {after} (left out of the site while the kit is a draft)" if after
             else f"add '- {nav}' to the Kit Media section of nav in {MKDOCS}"]
    notes.append(f"The kit is a draft (draft: true in {kit}/{MANIFEST}): it is not published. Fill in every [[...]] "
                 f"(make check lists them as K015 warnings), then remove draft: true. See docs/panduan/kit-media.md.")
    return Scaffold(written, notes)


# --- new module ----------------------------------------------------------------------------------

MODULE_ID = """
---
title: "[[Judul modul]]"
description: "[[Satu kalimat: apa yang dipelajari peserta dalam modul ini]]"
# Modul draf, dibuat oleh `portal new module`: tidak terbit dan tidak masuk jadwal,
# poin kunci, lembar latihan, maupun versi cetak; setiap isian `[[...]]` hanya
# peringatan (R008). Hapus baris draft setelah semua isian terisi: isian yang
# tersisa lalu menghentikan pembangunan situs. Cara mengisi: docs/panduan/kurikulum.md.
draft: true
module:
  id: $slug
  order: $order  # setelah modul terakhir; tidak boleh sama dengan urutan modul lain
  level: dasar  # [[dasar atau lanjutan]]
  minutes:
    teaching: 30  # [[menit materi]]
    exercise: 15  # [[menit latihan]]
  prerequisites: []  # [[id modul yang perlu dipelajari lebih dulu, atau biarkan kosong]]
  exercises:  # per latihan, berurutan: nomor tujuan pembelajaran yang dilatihnya (C011 bila ada tujuan yang tak terlatih)
    - objectives: [1]
---

# [[Judul modul]]

[[Pembuka: untuk siapa modul ini dan apa yang dapat Anda lakukan setelah mempelajarinya.]]

## Pertanyaan {#questions}

- [[Pertanyaan yang dijawab modul ini]]

## Tujuan pembelajaran {#objectives}

Setelah modul ini, Anda dapat:

- [[tujuan yang dapat diamati, diawali kata kerja]]

## [[Judul bagian materi]] {#content}

[[Materi inti modul. Beri setiap judul bagian id yang sama di kedua bahasa.]]

??? trainer "Catatan fasilitator"

    [[Cara menyampaikan bagian ini, pertanyaan yang sering muncul, dan waktu yang diperlukan.]]

## Contoh kerja {#worked-example}

!!! note "Contoh pelatihan"

    [[Contoh kerja yang memperlihatkan materi di atas dalam satu kasus. Angka dan nama di dalamnya adalah contoh pelatihan.]]

## Latihan {#exercises}

!!! exercise "Latihan 1: [[judul latihan]]"

    [[Tugas bagi peserta, dengan waktu pengerjaannya.]]

    ??? solution "Pembahasan"

        [[Pembahasan yang dapat dipakai fasilitator.]]

## Daftar periksa {#checklist}

- [ ] [[Hal yang diperiksa peserta sebelum menerbitkan]]

## Poin kunci {#key-points}

- [[Poin kunci pertama, dalam satu kalimat lengkap]]

## Sumber {#sources}

- [[Sumber setiap fakta dalam modul ini: nama dokumen atau media, beserta tanggalnya]]
"""

MODULE_EN = """
---
title: "[[Module title]]"
description: "[[One sentence: what participants learn in this module]]"
---

# [[Module title]]

[[Opening: who this module is for and what you can do once you have worked through it.]]

## Questions {#questions}

- [[A question this module answers]]

## Learning objectives {#objectives}

After this module you can:

- [[an objective you can observe, starting with a verb]]

## [[Title of the teaching section]] {#content}

[[The module's core material. Give every section heading the same id in both languages.]]

??? trainer "Trainer notes"

    [[How to teach this part, the questions that often come up, and the time it takes.]]

## Worked example {#worked-example}

!!! note "Training example"

    [[A worked example that shows the material above in one case. Its figures and names are a training example.]]

## Exercises {#exercises}

!!! exercise "Exercise 1: [[exercise title]]"

    [[The participants' task, with the time it takes.]]

    ??? solution "Suggested answer"

        [[An answer the trainer can use.]]

## Checklist {#checklist}

- [ ] [[What participants check before they publish]]

## Key points {#key-points}

- [[The first key point, as one complete sentence]]

## Sources {#sources}

- [[The source of every fact in this module: the document or outlet, with its date]]
"""


def _module_orders(docs: Path) -> dict[int, str]:
    """order -> module id of every module (drafts too) that can be read; faults are the loader's to report."""
    orders = {}
    for path in sorted((docs / CURRICULUM_DIR).glob("*.md")):
        if is_english(PurePosixPath(path.name)):
            continue
        try:
            module = read_markdown(path, docs).meta.get("module")
        except SourceError:
            continue
        if isinstance(module, dict) and isinstance(module.get("order"), int):
            orders[module["order"]] = path.stem
    return orders


def new_module(root: Path, slug: str) -> Scaffold:
    root = Path(root)
    _slug(slug, "module id")
    base = f"{DOCS}/{CURRICULUM_DIR}/{slug}"
    _refuse_existing(root, [f"{base}.md", f"{base}.en.md"], "module id")
    orders = _module_orders(root / DOCS)
    order = max(orders, default=0) + 1
    source = _text(MODULE_ID, slug=slug, order=str(order))
    written = _write(root, {f"{base}.md": source, f"{base}.en.md": _text(MODULE_EN)})
    nav = f"{CURRICULUM_DIR}/{slug}.md"
    last = f"{CURRICULUM_DIR}/{orders[max(orders)]}.md" if orders else None
    after = add_to_nav(root, nav, lambda path: path == last, _in_section(CURRICULUM_DIR))
    notes = [f"added {nav} to nav in {MKDOCS} after {after} (left out of the site while the module is a draft)" if after
             else f"add '- {nav}' to the Kurikulum section of nav in {MKDOCS}"]
    notes.append(f"The module is a draft (draft: true, order {order}): it is not published, nor in the schedule or the "
                 f"summaries. Fill in every [[...]] in both files (make check lists them as R008 warnings), then "
                 f"remove draft: true. See docs/panduan/kurikulum.md.")
    return Scaffold(written, notes)


# --- new page ------------------------------------------------------------------------------------

PAGE_ID = """
---
title: "[[Judul halaman]]"
description: "[[Satu kalimat tentang isi halaman ini, untuk hasil pencarian dan pratinjau tautan]]"
# Halaman draf, dibuat oleh `portal new page`: tidak terbit di mana pun, dan setiap
# isian `[[...]]` hanya peringatan (R008). Hapus baris draft setelah semua isian
# terisi: isian yang tersisa lalu menghentikan pembangunan situs.
draft: true
---

# [[Judul halaman]]

[[Pembuka: untuk siapa halaman ini dan apa yang Anda peroleh darinya.]]

## [[Judul bagian]] {#overview}

[[Isi bagian ini. Beri setiap judul bagian id yang sama di kedua bahasa, misalnya `{#overview}`.]]

## Sumber {#sources}

- [[Sumber setiap fakta di halaman ini: nama dokumen atau media, beserta tanggalnya]]
"""

PAGE_EN = """
---
title: "[[Page title]]"
description: "[[One sentence on what this page holds, for search results and link previews]]"
---

# [[Page title]]

[[Opening: who this page is for and what you get from it.]]

## [[Section title]] {#overview}

[[This section's text. Give every section heading the same id in both languages, for example `{#overview}`.]]

## Sources {#sources}

- [[The source of every fact on this page: the document or outlet, with its date]]
"""


def page_path(root: Path, given: str) -> PurePosixPath:
    """``given`` as a docs-relative Indonesian page, or :class:`Refused` saying what is wrong with it."""
    root = Path(root).resolve()
    path = Path(given)
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if not path.is_absolute() and path.parts[:1] == (DOCS,):
        absolute = (root / path).resolve()
    docs = root / DOCS
    if docs not in absolute.parents:
        raise Refused(f"{given} is outside {DOCS}/: give the page's path inside {DOCS}/, e.g. {DOCS}/acara/contoh.md")
    rel = PurePosixPath(absolute.relative_to(docs).as_posix())
    if rel.suffix != ".md":
        raise Refused(f"{given} is not a Markdown page: its name must end in .md")
    if is_english(rel):
        raise Refused(f"{given} is an English page: give the Indonesian page ({DOCS}/{english_twin_source(rel)}); its English twin is written beside it")
    for part in (*rel.parent.parts, rel.stem):
        if part.startswith(("_", ".")):
            raise Refused(f"{given} is in a folder the site never publishes ({part}/): choose a published section")
        if not SLUG.match(part):
            raise Refused(f"{part!r} in {given} is not a valid name: use lower-case letters, digits and single hyphens")
    if rel.parts[0] == NARRATIVES_DIR.as_posix() and len(rel.parts) > 2:
        raise Refused(f"{given} would be read as a narrative: use portal new narrative SLUG --event EVENT")
    if rel.parts[0] == PAGES_DIR.parts[0] and len(rel.parts) > 2:
        raise Refused(f"{given} is inside a press kit's folder: use portal new kit SLUG")
    return rel


def english_twin_source(rel: PurePosixPath) -> str:
    return rel.with_name(rel.name[: -len(".en.md")] + ".md").as_posix()


def new_page(root: Path, given: str) -> Scaffold:
    root = Path(root)
    rel = page_path(root, given)
    source_rel, english_rel = f"{DOCS}/{rel.as_posix()}", f"{DOCS}/{english_twin(Path(rel)).as_posix()}"
    _refuse_existing(root, [source_rel, english_rel], "page name")
    source = _text(PAGE_ID)
    written = _write(root, {source_rel: source, english_rel: _text(PAGE_EN)})
    section = rel.parent.as_posix() if rel.parent.parts else ""
    after = add_to_nav(root, rel.as_posix(), _in_section(section))
    if after:
        notes = [f"added {rel.as_posix()} to nav in {MKDOCS} after {after} (left out of the site while the page is a draft)"]
    else:
        notes = [f"no nav entry lists a page of {DOCS}/{section}/ yet: add a section for it to nav in {MKDOCS} "
                 f"(- Label: [{rel.as_posix()}]) and the label's English under nav_translations"]
    notes.append("The page is a draft (draft: true): it is not published. Fill in every [[...]] in both files "
                 "(make check lists them as R008 warnings), then remove draft: true. See docs/panduan/index.md.")
    return Scaffold(written, notes)
