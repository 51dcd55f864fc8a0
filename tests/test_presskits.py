"""Press kits: every bad input gets its code and line; downloads verify and rebuild identically.

Unit tests copy the fixture tree ``tests/fixtures/presskits/docs`` (one valid
kit under embargo), break one thing and expect exactly that finding. Build
tests read the real site (``built_site``, with PDFs), build it once more from
another folder to compare bytes, and build a copy holding the fixture kit
before and after its embargo.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import REPO, copy_project, run_build, traces
from portal import clock
from portal.presskits import cards
from portal.findings import PortalError
from portal.numbers import human_size
from portal.presskits.bundle import build_kit
from portal.presskits.load import load_catalogue, placeholder_findings
from portal.presskits.model import ROLES, pdf_page_count, sniff
from portal.presskits.pages import strip_nav
from portal.zipbuild import deterministic_zip, parse_sha256sums, sha256sums

FIXTURE = Path(__file__).parent / "fixtures" / "presskits" / "docs"
KIT = "docs/kit-media/_kits/uji-embargo"
MANIFEST = f"{KIT}/kit.yml"
MARKER = "PENANDA-UJI-EMBARGO-7F3K"
PREFIX = {"id": "", "en": "en/"}
REAL_KITS = ("ktt-42", "ktt-43")


# --- Helpers ----------------------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(FIXTURE, target)
    return target


def kit_dir(docs: Path) -> Path:
    return docs / "kit-media/_kits/uji-embargo"


def line_of(path: Path, text: str, after: str | None = None) -> int:
    """1-based line of the first line holding ``text`` (after the line holding ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(docs: Path) -> list[str]:
    with pytest.raises(PortalError) as caught:
        load_catalogue(docs)
    return [str(f) for f in caught.value.findings]


def expect(docs: Path, path: str, line: int, code: str) -> str:
    found = findings(docs)
    prefix = f"{path}:{line}: {code} "
    matching = [f for f in found if f.startswith(prefix)]
    assert matching, f"expected {prefix}... in:\n" + "\n".join(found)
    return matching[0]


# --- The fixture and the real kits load ----------------------------------------------------------


def test_fixture_kit_is_valid_and_held_back_until_its_embargo(docs):
    before = load_catalogue(docs, now=clock.parse_aware("2023-09-05T08:59:59+07:00"))
    after = load_catalogue(docs, now=clock.parse_aware("2023-09-05T09:00:00+07:00"))
    assert [k.id for k in before.hidden()] == ["uji-embargo"] and not before.published()
    assert [k.id for k in after.published()] == ["uji-embargo"] and not after.hidden()
    assert not before.document_pages()
    assert set(after.document_pages()) == {"kit-media/_kits/uji-embargo/ringkasan.md", "kit-media/_kits/uji-embargo/ringkasan.en.md"}


def test_real_kits_hold_every_role_in_both_languages():
    catalogue = load_catalogue(REPO / "docs")
    assert sorted(k.id for k in catalogue.kits) == sorted(REAL_KITS)
    for kit in catalogue.kits:
        assert {item.role for item in kit.items} == set(ROLES), kit.id
        assert kit.training_example
        for item in kit.items:
            assert set(item.sources) == {"id", "en"}
            if item.is_page:
                assert set(item.documents) == {"id", "en"}
                for document in item.documents.values():
                    assert "## " in document.path.read_text(encoding="utf-8") and "{#sources}" in document.path.read_text(encoding="utf-8")


def test_sample_kits_allow_their_placeholders_and_the_release_can_still_see_them():
    for kit in load_catalogue(REPO / "docs").kits:
        assert kit.placeholders_allowed and kit.placeholders_reason["id"] and kit.placeholders_reason["en"]
        found = placeholder_findings(kit)
        assert {f.code for f in found} == {"K015"}
        assert any("humas@contoh.example" in f.message for f in found), kit.id
        assert any("kontak-media.en.md" in f.path for f in found), kit.id


def test_media_contacts_use_only_reserved_example_addresses():
    for path in (REPO / "docs/kit-media/_kits").rglob("*.md"):
        for address in re.findall(r"[\w.+-]+@[\w.-]+", path.read_text(encoding="utf-8")):
            assert address.endswith(".example"), (path, address)


# --- Each bad input: its code, file and line -----------------------------------------------------


def test_K001_item_listed_but_missing(docs):
    (kit_dir(docs) / "foto.en.png").unlink()
    message = expect(docs, MANIFEST, line_of(docs / MANIFEST[5:], "en: foto.en.png"), "K001")
    assert "'foto.en.png' is listed but missing" in message


def test_K002_file_that_no_manifest_lists(docs):
    (kit_dir(docs) / "catatan.txt").write_text("lupa dihapus\n", encoding="utf-8")
    message = expect(docs, MANIFEST, line_of(docs / MANIFEST[5:], "items:"), "K002")
    assert "catatan.txt is in the kit folder but no item lists it" in message


def test_K002_file_beside_the_kit_folders(docs):
    (docs / "kit-media/_kits/tersesat.md").write_text("# ?\n", encoding="utf-8")
    expect(docs, "docs/kit-media/_kits/tersesat.md", 1, "K002")


@pytest.mark.parametrize(
    "name, data, found",
    [
        ("foto.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "svg"),  # an SVG named .png
        ("foto.png", b"%PDF-1.7\n%fake\n", "pdf"),
        ("kartu.svg", b"\x89PNG\r\n\x1a\n" + bytes(16), "png"),
        ("kartu.svg", "# Bukan gambar\n".encode(), "markdown"),
        ("ringkasan.md", b"%PDF-1.4\n", "pdf"),
    ],
)
def test_K003_format_that_does_not_match_the_bytes(docs, name, data, found):
    (kit_dir(docs) / name).write_bytes(data)
    manifest = docs / MANIFEST[5:]
    line = line_of(manifest, "id: ringkasan.md") if name == "ringkasan.md" else line_of(manifest, name)
    message = expect(docs, MANIFEST, line, "K003")
    assert f"its bytes are {found}" in message


@pytest.mark.parametrize(
    "old, new, anchor",
    [
        ("    credit:\n      id: Portal Bimtek, grafik uji\n      en: Portal Bimtek, test graphic\n", "", "- id: kartu"),
        ("      en: A teal test card.\n", "", "alt:"),  # the alt mapping that lacks English
        ("    licence: CC BY 4.0\n    credit:\n      id: Portal Bimtek, gambar uji", "    credit:\n      id: Portal Bimtek, gambar uji", "- id: foto"),
    ],
    ids=["no-credit", "no-english-alt", "no-licence"],
)
def test_K004_image_without_credit_licence_or_alt(docs, old, new, anchor):
    manifest = docs / MANIFEST[5:]
    line = line_of(manifest, anchor, after="- id: kartu")
    edit(manifest, old, new)
    expect(docs, MANIFEST, line, "K004")


def test_K005_file_over_20_mb(docs):
    with open(kit_dir(docs) / "kartu.svg", "ab") as svg:
        svg.truncate(20_000_001)
    message = expect(docs, MANIFEST, line_of(docs / MANIFEST[5:], "source: kartu.svg"), "K005")
    assert "over the 20 MB" in message


def test_K006_path_that_escapes_the_kit_folder(docs):
    manifest = docs / MANIFEST[5:]
    edit(manifest, "source: kartu.svg", "source: ../../../acara/ktt-43.md")
    message = expect(docs, MANIFEST, line_of(manifest, "source: ../../../acara"), "K006")
    assert "escapes the kit folder" in message


def test_K006_source_that_is_a_symlink(docs):
    target = kit_dir(docs) / "kartu.svg"
    real = docs / "kartu-asli.svg"
    target.rename(real)
    target.symlink_to(real)
    message = expect(docs, MANIFEST, line_of(docs / MANIFEST[5:], "source: kartu.svg"), "K006")
    assert "symbolic link" in message


def test_K006_unlisted_symlink_in_the_kit_folder(docs):
    (kit_dir(docs) / "pintasan.svg").symlink_to(kit_dir(docs) / "kartu.svg")
    message = expect(docs, MANIFEST, line_of(docs / MANIFEST[5:], "items:"), "K006")
    assert "pintasan.svg is a symbolic link" in message


@pytest.mark.parametrize(
    "old, new, anchor",
    [
        ("training_example: true", "training_example: ya", "training_example:"),
        ("embargo_until: 2023-09-05T09:00:00+07:00", "embargo_until: 2023-09-05T09:00:00", "embargo_until:"),
        ("  en: Embargo test kit PENANDA-UJI-EMBARGO-7F3K\n", "", "title:"),
        ("    licence: CC BY 4.0\n  - id: kartu", "  - id: kartu", "- id: ringkasan"),
        ("    role: fact-sheet\n", "    role: [fact-sheet]\n", "role: [fact-sheet]"),
    ],
    ids=["flag-not-boolean", "embargo-without-timezone", "title-without-english", "document-without-licence", "role-not-text"],
)
def test_K007_manifest_field_missing_or_of_the_wrong_type(docs, old, new, anchor):
    manifest = docs / MANIFEST[5:]
    edit(manifest, old, new)
    expect(docs, MANIFEST, line_of(manifest, anchor), "K007")


def test_K019_a_source_published_after_the_kit_s_day_is_an_anachronism_at_its_line(docs):
    """The fixture's embargo ends 5 September 2023 09:00 WIB: a report of 6 September cannot be in it."""
    document = kit_dir(docs) / "ringkasan.md"
    edit(document, "- Tidak ada: dokumen uji.", "- Tidak ada: dokumen uji.\n- Kompas.com, \"Penutupan KTT\", 6 September 2023. <https://nasional.kompas.com/> (diperiksa 2026-12-01)")
    message = expect(docs, f"{KIT}/ringkasan.md", line_of(document, "Penutupan KTT"), "K019")
    assert "dated 2023-09-06, after the kit's embargo_until 2023-09-05" in message
    # The same day is allowed; the date checked (2026) never counts as the date of publication.
    edit(document, "6 September 2023", "5 September 2023")
    load_catalogue(docs)
    # as_of, when given, is the kit's day instead of its embargo's.
    edit(docs / MANIFEST[5:], "training_example: true\n", "training_example: true\nas_of: 2023-09-04\n")
    assert "after the kit's as_of 2023-09-04" in expect(docs, f"{KIT}/ringkasan.md", line_of(document, "Penutupan KTT"), "K019")
    edit(docs / MANIFEST[5:], "as_of: 2023-09-04", "as_of: kemarin")
    expect(docs, MANIFEST, line_of(docs / MANIFEST[5:], "as_of:"), "K007")


@pytest.mark.parametrize("text, day", [
    ('Media Indonesia, "Judul", 25 April 2023. <https://a.example/> (diperiksa 2026-12-01)', "2023-04-25"),
    ("ASEAN, *Chairman's Statement*, Labuan Bajo, 11 May 2023 (no link: ...).", "2023-05-11"),
    ("Solopos.com, Juni 2021. <https://a.example/> (diperiksa 2026-12-01)", "2021-06-01"),
    ("Keputusan Presiden Nomor 41 Tahun 1987, 1987.", "1987-01-01"),
    ("Komisi Eropa, *Press corner*, tanpa tanggal. <https://a.example/> (diperiksa 2026-12-01)", None),
])
def test_the_earliest_day_a_source_item_can_have_been_published(text, day):
    from portal.citations import earliest_date
    assert (earliest_date(text).isoformat() if earliest_date(text) else None) == day


def test_K007_missing_top_level_field_is_reported_at_the_manifest(docs):
    manifest = docs / MANIFEST[5:]
    edit(manifest, "training_example: true\n", "")
    message = expect(docs, MANIFEST, line_of(manifest, "id: uji-embargo"), "K007")
    assert "missing field 'training_example'" in message


def test_K008_item_in_one_language_only(docs):
    manifest = docs / MANIFEST[5:]
    edit(manifest, "      en: foto.en.png\n", "")
    (kit_dir(docs) / "foto.en.png").unlink()
    message = expect(docs, MANIFEST, line_of(manifest, "source:", after="- id: foto"), "K008")
    assert "present in id only" in message


def test_K008_one_file_not_marked_language_neutral(docs):
    manifest = docs / MANIFEST[5:]
    edit(manifest, "    language_neutral: true\n", "")
    message = expect(docs, MANIFEST, line_of(manifest, "source: kartu.svg"), "K008")
    assert "language_neutral" in message


def _rename_english(docs: Path, name: str) -> None:
    (kit_dir(docs) / "ringkasan.en.md").rename(kit_dir(docs) / name)
    edit(kit_dir(docs) / "kit.yml", "en: ringkasan.en.md", f"en: {name}")


@pytest.mark.parametrize(
    "change, code, where, anchor",
    [
        (lambda d: (kit_dir(d) / "kit.yml").unlink(), "K009", KIT, None),
        (lambda d: edit(kit_dir(d) / "kit.yml", "items:\n", "items: [\n"), "K009", MANIFEST, None),
        (lambda d: edit(kit_dir(d) / "kit.yml", "id: uji-embargo", "id: uji-lain"), "K010", MANIFEST, "id: uji-lain"),
        (lambda d: edit(kit_dir(d) / "kit.yml", "- id: foto", "- id: kartu"), "K010", MANIFEST, "- id: kartu\n    role: image\n    format: png"),
        (lambda d: edit(kit_dir(d) / "kit.yml", "role: fact-sheet", "role: fakta"), "K011", MANIFEST, "role: fakta"),
        (lambda d: edit(kit_dir(d) / "kit.yml", "    licence: CC BY 4.0\n  - id: kartu", "    licence: CC BY 4.0\n    lisensi: CC0\n  - id: kartu"), "K011", MANIFEST, "lisensi: CC0"),
        (lambda d: (d / "kit-media/uji-embargo/index.en.md").unlink(), "K012", MANIFEST, "id: uji-embargo"),
        (lambda d: edit(d / "kit-media/uji-embargo/index.md", "<!-- portal:press-kit-uji-embargo -->", ""), "K012", "docs/kit-media/uji-embargo/index.md", None),
        (lambda d: edit(kit_dir(d) / "ringkasan.en.md", "description: A test document that must not be published before its embargo ends.\n", ""), "K013", f"{KIT}/ringkasan.en.md", None),
        (lambda d: edit(kit_dir(d) / "kartu.svg", "<rect", '<image href="https://example.org/logo.png"/><rect'), "K014", MANIFEST, "source: kartu.svg"),
        (lambda d: edit(kit_dir(d) / "kartu.svg", "<rect", "<script>alert(1)</script><rect"), "K014", MANIFEST, "source: kartu.svg"),
        (lambda d: edit(kit_dir(d) / "ringkasan.md", "hanya untuk uji embargo.", "hanya untuk uji embargo. Kontak: humas@contoh.example"), "K015", f"{KIT}/ringkasan.md", None),
        (lambda d: edit(kit_dir(d) / "ringkasan.md", "hanya untuk uji embargo.", "hanya untuk uji embargo. Narahubung: [[nama petugas]]"), "K015", f"{KIT}/ringkasan.md", None),
        (lambda d: _rename_english(d, "summary.md"), "K016", MANIFEST, "en: summary.md"),
        (lambda d: edit(kit_dir(d) / "kit.yml", "page: acara/ktt-43.md", "page: acara/ktt-99.md"), "K018", MANIFEST, "page: acara/ktt-99.md"),
    ],
    ids=["K009-no-manifest", "K009-bad-yaml", "K010-kit-id", "K010-duplicate-item", "K011-role", "K011-unknown-field",
         "K012-no-english-page", "K012-no-directive", "K013-no-description", "K014-remote-image", "K014-script",
         "K015-reserved-address", "K015-marked-placeholder", "K016-english-twin", "K018-event-page"],
)
def test_other_faults_have_their_code_and_line(docs, change, code, where, anchor):
    change(docs)
    if anchor is None:
        found = findings(docs)
        assert any(f.startswith(f"{where}:") and f" {code} " in f for f in found), found
        if code == "K015":
            line = line_of(kit_dir(docs) / "ringkasan.md", "hanya untuk uji embargo.")
            assert any(f.startswith(f"{where}:{line}: K015 ") for f in found), found
        return
    path = docs / where[5:]
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(anchor)].count("\n") + 1
    expect(docs, where, line, code)


def test_every_fault_is_reported_at_once(docs):
    (kit_dir(docs) / "foto.en.png").unlink()
    (kit_dir(docs) / "catatan.txt").write_text("x", encoding="utf-8")
    edit(kit_dir(docs) / "kit.yml", "role: fact-sheet", "role: fakta")
    codes = {f.split(": ")[1].split(" ")[0] for f in findings(docs)}
    assert {"K001", "K002", "K011"} <= codes


def test_placeholders_are_allowed_only_with_a_reason(docs):
    manifest = kit_dir(docs) / "kit.yml"
    edit(kit_dir(docs) / "ringkasan.md", "hanya untuk uji embargo.", "Kontak: humas@contoh.example.")
    edit(manifest, "training_example: true\n", "training_example: true\nplaceholders_allowed: true\n")
    expect(docs, MANIFEST, line_of(manifest, "id: uji-embargo"), "K007")  # no placeholders_reason
    edit(manifest, "placeholders_allowed: true\n", "placeholders_allowed: true\nplaceholders_reason:\n  id: Contoh.\n  en: Example.\n")
    kit = load_catalogue(docs).kits[0]
    assert [f.code for f in placeholder_findings(kit)] == ["K015"]


def _add_supplied_pdf(docs: Path, data: bytes) -> None:
    (kit_dir(docs) / "lampiran.pdf").write_bytes(data)
    edit(kit_dir(docs) / "kit.yml", "  - id: kartu\n", (
        "  - id: lampiran\n    role: backgrounder\n    format: pdf\n    source: lampiran.pdf\n"
        "    language_neutral: true\n    title:\n      id: Lampiran\n      en: Annex\n    licence: CC BY 4.0\n"
        "  - id: kartu\n"
    ))


def test_a_supplied_pdf_is_served_as_it_is_with_its_page_count(docs):
    from weasyprint import HTML


    pdf = HTML(string="<p>satu</p><p style='break-before: page'>dua</p>").write_pdf()
    _add_supplied_pdf(docs, pdf)
    kit = load_catalogue(docs).kits[0]
    build = build_kit(kit, "id", 1693267200, render=None)
    supplied = build.download("lampiran")
    assert supplied.data == pdf and supplied.pages == 2 and supplied.name == "uji-embargo-lampiran.pdf"
    assert [item.id for item in build.skipped] == ["ringkasan"]  # no renderer: the document's PDF is skipped
    with zipfile.ZipFile(io.BytesIO(build.archive.data)) as z:
        manifest = json.loads(z.read("kit-media-uji-embargo-id/MANIFEST.json"))
    assert [i["item"] for i in manifest["items"]] == ["lampiran", "kartu", "foto"]
    assert manifest["items"][0]["pages"] == 2 and manifest["items"][0]["language"] == "neutral"


def test_K017_supplied_pdf_without_pages(docs):
    _add_supplied_pdf(docs, b"%PDF-1.4\n%%EOF\n")
    expect(docs, MANIFEST, line_of(kit_dir(docs) / "kit.yml", "source: lampiran.pdf"), "K017")


# --- Building blocks ------------------------------------------------------------------------------------


def test_sniff_reads_magic_bytes_not_names():
    assert sniff(b"%PDF-1.7") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff(b"<svg/>") == sniff(b'<?xml version="1.0"?>\n<svg/>') == "svg"
    assert sniff(b"---\ntitle: x\n---\n# x\n") == "markdown"
    assert sniff(b"\xff\xd8\xff\xe0JFIF") == "binary"
    assert sniff(b"text\x00with nul") == "binary"


def test_zip_ignores_input_order_and_pins_time_and_mode():
    entries = {"k/b.txt": b"bbb", "k/a.pdf": b"%PDF-", "k/SHA256SUMS": b""}
    one = deterministic_zip(entries, 1693267200)
    two = deterministic_zip(dict(reversed(list(entries.items()))), 1693267200)
    assert one == two
    assert deterministic_zip(entries, 1693267202) != one  # the time is really in the bytes
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(entries)
        assert {i.date_time for i in infos} == {(2023, 8, 29, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}
        assert {i.create_system for i in infos} == {3}


def test_sha256sums_is_what_sha256sum_checks(tmp_path):
    files = [("b.txt", b"two\n"), ("a.txt", b"one\n")]
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    sums = sha256sums(files)
    assert sums.decode().splitlines()[0].endswith("  a.txt")
    (tmp_path / "SHA256SUMS").write_bytes(sums)
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.count(": OK") == 2, result.stdout + result.stderr


def _pixels(data: bytes) -> tuple[tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size, image.convert("RGB").tobytes()


def test_committed_png_cards_show_the_pixels_of_their_spec():
    """Drawn by portal.drawing (Pillow, the shipped font): redraw with ``python -m portal.presskits.cards docs``."""
    for kit, spec in cards.CARDS.items():
        for name in spec:
            committed = (REPO / "docs/kit-media/_kits" / kit / name).read_bytes()
            size, pixels = _pixels(committed)
            assert size == (1080, 566)
            assert (size, pixels) == _pixels(cards.card_png(kit, name)), f"{kit}/{name}: run python -m portal.presskits.cards docs"


def test_no_pixel_by_pixel_renderer_is_left():
    """One drawing library: the standard-library PNG writer the kits' cards had is gone."""
    assert not (REPO / "scripts/portal/cards.py").exists()
    for path in (REPO / "scripts/portal").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "zlib.compress" not in text or path.name == "zipbuild.py", path


def test_strip_nav_drops_only_the_hidden_kits_entries():
    nav = [{"Beranda": "index.md"}, {"Kit Media": ["kit-media/index.md", "kit-media/ktt-43/index.md", {"Uji": "kit-media/uji-embargo/index.md"}]}]
    assert strip_nav(nav, ["kit-media/uji-embargo"]) == [{"Beranda": "index.md"}, {"Kit Media": ["kit-media/index.md", "kit-media/ktt-43/index.md"]}]


# --- The built site --------------------------------------------------------------------------------------


class Figures(HTMLParser):
    """Every download a page prints: (href, printed size, printed SHA-256), row by row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.current: dict | None = None
        self.field: str | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "tr" or (tag == "div" and {"portal-kit-all", "portal-kit-doc", "portal-file"} & set(classes)):
            self.current = {"hrefs": [], "size": None, "sha256": None, "text": ""}
            self.rows.append(self.current)
        if self.current is None:
            return
        if tag == "a" and "/unduhan/" in "/" + (attrs.get("href") or ""):
            self.current["hrefs"].append(attrs["href"])
        if tag == "span" and "portal-size" in classes:
            self.field = "size"
        if tag == "code" and "portal-sha256" in classes:
            self.field = "sha256"

    def handle_endtag(self, tag):
        if tag in ("span", "code"):
            self.field = None
        if tag in ("tr",):
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data
            if self.field:
                self.current[self.field] = (self.current[self.field] or "") + data


def printed_downloads(page: Path) -> list[dict]:
    parser = Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return [row for row in parser.rows if row["hrefs"]]


def kit_pages(site: Path):
    for kit in REAL_KITS:
        for language, prefix in PREFIX.items():
            yield kit, language, site / f"{prefix}kit-media/{kit}/index.html"


def test_every_printed_size_and_checksum_is_the_served_files(built_site):
    checked = 0
    pages = list(kit_pages(built_site))
    pages += [(kit, language, page) for kit, language, index in list(pages) for page in index.parent.glob("*/index.html")]
    pages += [("index", language, built_site / f"{prefix}kit-media/index.html") for language, prefix in PREFIX.items()]
    for kit, language, page in pages:
        rows = printed_downloads(page)
        assert rows, page
        for row in rows:
            href = row["hrefs"][0]
            served = (page.parent / href).resolve()
            assert served.is_file(), (page, href)
            data = served.read_bytes()
            if kit != "index":  # the index lists each kit's ZIP and size; its page gives the checksum
                assert row["sha256"] == hashlib.sha256(data).hexdigest(), (page, href)
            assert row["size"] == human_size(len(data), language), (page, href, row["size"])
            if served.suffix == ".pdf":
                count = len(PdfReader(io.BytesIO(data)).pages)
                unit = "halaman" if language == "id" else ("page" if count == 1 else "pages")
                assert re.search(rf"(?<!\d){count} {unit}\b", row["text"]), (page, href, row["text"])
            checked += 1
    # 2 kits x 2 languages: 1 ZIP + 7 documents + 3 images on the kit page, 7 document
    # pages, and the kit's line on the press-kit index.
    assert checked == 2 * 2 * (11 + 7 + 1)


def test_sizes_are_written_the_way_each_language_writes_them(built_site):
    for kit, language, page in kit_pages(built_site):
        sizes = [row["size"] for row in printed_downloads(page)]
        assert all(re.fullmatch(r"\d+(,\d)? (kB|MB|B)" if language == "id" else r"\d+(\.\d)? (kB|MB|B)", s) for s in sizes), sizes
        assert any("," in s for s in sizes) if language == "id" else any("." in s for s in sizes), sizes


def _zip(site: Path, kit: str, language: str) -> Path:
    return site / f"{PREFIX[language]}kit-media/{kit}/unduhan/kit-media-{kit}-{language}.zip"


def test_every_zip_verifies_its_entries_with_its_sha256sums(built_site, tmp_path):
    for kit in REAL_KITS:
        for language in PREFIX:
            archive = _zip(built_site, kit, language)
            folder = f"kit-media-{kit}-{language}"
            with zipfile.ZipFile(archive) as z:
                names = z.namelist()
                assert names == sorted(names) and all(n.startswith(folder + "/") for n in names)
                sums = parse_sha256sums(z.read(f"{folder}/SHA256SUMS").decode("ascii"))
                listed = {f"{folder}/{name}" for name in sums}
                assert listed == set(names) - {f"{folder}/SHA256SUMS"}
                for name, digest in sums.items():
                    assert hashlib.sha256(z.read(f"{folder}/{name}")).hexdigest() == digest, (archive, name)
                manifest = json.loads(z.read(f"{folder}/MANIFEST.json"))
                z.extractall(tmp_path / language / kit)
            assert manifest["kit"] == kit and manifest["language"] == language and manifest["training_example"] is True
            assert len(manifest["items"]) == 10
            roles = {item["role"] for item in manifest["items"]}
            assert roles == set(ROLES)
            for item in manifest["items"]:
                assert sums[item["file"]] == item["sha256"]
                assert item["licence"] == "CC BY 4.0" and item["language"] in (language, "neutral")
                assert item["credit"] if item["role"] == "image" else True
            # And the tool a journalist would use agrees.
            result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path / language / kit / folder, capture_output=True, text=True)
            assert result.returncode == 0 and result.stdout.count(": OK") == 11, result.stdout


def test_served_sha256sums_verifies_every_download(built_site):
    for kit, language, page in kit_pages(built_site):
        folder = page.parent / "unduhan"
        result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
        assert result.returncode == 0 and result.stdout.count(": OK") == 11, result.stdout
        # The checksum block on the page is that file, to copy.
        assert (folder / "SHA256SUMS").read_text() in page.read_text(encoding="utf-8")


def test_page_counter_agrees_with_a_pdf_reader(built_site):
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert len(pdfs) >= 2 * 2 * 7
    for pdf in pdfs:
        assert pdf_page_count(pdf.read_bytes()) == len(PdfReader(io.BytesIO(pdf.read_bytes())).pages), pdf


def test_document_pdfs_carry_the_text_and_label_of_their_page(built_site):
    pdf = built_site / "en/kit-media/ktt-42/unduhan/ktt-42-lembar-fakta-en.pdf"
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages))
    assert "Fact sheet: 42nd ASEAN Summit" in text and "Hotel Meruorah" in text
    assert "Training example" in text and "Embargo ends Monday, 8 May 2023, 09:00 WIB (UTC+7)" in text


def test_kit_sources_are_not_published_raw(built_site):
    assert not list(built_site.rglob("kit.yml")) and not list(built_site.rglob("_kits"))
    assert not [p for p in built_site.rglob("*.md")]


def test_two_builds_give_identical_downloads(built_site, tmp_path):
    """Reproducible from the same commit: another build, from another folder, gives the same bytes."""
    site = tmp_path / "site"
    result = run_build(copy_project(tmp_path / "elsewhere"), site, pdf=True)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("unduhan/*")}
    second = {p.relative_to(site): p.read_bytes() for p in site.rglob("unduhan/*")}
    kits = [path for path in first if "kit-media" in path.parts]
    assert len(kits) == 2 * 2 * 12  # 10 items, the ZIP and SHA256SUMS per kit and language
    toolkit = [path for path in first if "perangkat" in path.parts]  # the toolkit's xlsx, docx and ics: reproducible too
    assert len(toolkit) == 2 * len(list((REPO / "docs/perangkat/_templates").glob("*.yml")))
    assert len(first) == len(kits) + len(toolkit)
    assert first.keys() == second.keys()
    different = [str(path) for path in first if first[path] != second[path]]
    assert not different, different


# --- Embargo ------------------------------------------------------------------------------------------------


def _with_fixture_kit(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.copytree(FIXTURE / "kit-media", project / "docs/kit-media", dirs_exist_ok=True)
    # Listed in the nav too: the hook must still leave it out before the embargo.
    edit(project / "mkdocs.yml", "      - kit-media/ktt-42/index.md\n", "      - kit-media/ktt-42/index.md\n      - kit-media/uji-embargo/index.md\n")
    return project


@pytest.mark.build
def test_an_embargoed_kit_leaves_no_trace_before_its_embargo(tmp_path):
    project = _with_fixture_kit(tmp_path)
    before = tmp_path / "before"
    result = run_build(project, before, env={"PORTAL_NOW": "2023-09-05T08:59:00+07:00"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert traces(before, ["uji-embargo", MARKER]) == []
    # The other kits are published as usual.
    assert (before / "kit-media/ktt-43/unduhan/kit-media-ktt-43-id.zip").is_file()

    after = tmp_path / "after"
    result = run_build(project, after, env={"PORTAL_NOW": "2023-09-05T09:00:00+07:00"})
    assert result.returncode == 0, result.stderr
    found = traces(after, ["uji-embargo", MARKER])
    for expected in ("kit-media/uji-embargo/index.html", "en/kit-media/uji-embargo/ringkasan/index.html",
                     "search/search_index.json", "en/search/search_index.json", "sitemap.xml", "kit-media/index.html"):
        assert any(t.startswith(expected + ":") for t in found), (expected, found)
    with zipfile.ZipFile(after / "kit-media/uji-embargo/unduhan/kit-media-uji-embargo-id.zip") as z:
        assert "kit-media-uji-embargo-id/uji-embargo-kartu.svg" in z.namelist()
    # PDFs were skipped (PORTAL_SKIP_PDF=1): the page says so and offers the text online.
    page = (after / "kit-media/uji-embargo/index.html").read_text(encoding="utf-8")
    assert "PDF dokumen tidak dibuat" in page and 'href="ringkasan/"' in page


# --- A fault stops the real build ------------------------------------------------------------------------------


@pytest.mark.build
def test_a_faulty_kit_stops_the_build_naming_file_and_line(project_copy, tmp_path):
    kit = project_copy / "docs/kit-media/_kits/ktt-43"
    (kit / "lembar-fakta.en.md").unlink()
    line = line_of(kit / "kit.yml", "en: lembar-fakta.en.md")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/kit-media/_kits/ktt-43/kit.yml:{line}: K001 item lembar-fakta: 'lembar-fakta.en.md' is listed but missing" in result.stderr
    assert not (tmp_path / "site/kit-media/ktt-43/index.html").exists()


def test_relative_links_never_leave_a_kit_page(built_site):
    for kit, language, page in kit_pages(built_site):
        for href in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http", "mailto:")) or "assets/" in href:
                continue
            target = posixpath.normpath(posixpath.join(page.parent.relative_to(built_site).as_posix(), href))
            path = built_site / target
            assert path.exists() or (path / "index.html").exists(), (page, href)
