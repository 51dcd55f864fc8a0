"""What the built site offers a trainer: generated pages, module summaries, PDFs."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from conftest import REPO, SITE_URL
from portal.curriculum.load import load_curriculum
from portal.curriculum.pages import PRINT_PDF
from portal.pdf import render_pdf

CURRICULUM = load_curriculum(REPO / "docs")
PREFIX = {"id": "", "en": "en/"}


def test_pdf_per_language_holds_every_module_title(built_site):
    for language, prefix in PREFIX.items():
        pdf = built_site / f"{prefix}kurikulum/cetak" / PRINT_PDF[language]
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        assert len(reader.pages) > 20
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
        for module in CURRICULUM.modules:
            assert module.title(language) in text, (language, module.id)


def test_pdf_is_reproducible_from_the_same_page(built_site, tmp_path):
    page = built_site / "kurikulum/cetak/index.html"
    again = tmp_path / "again.pdf"
    render_pdf(page, again, built_site, "id", SITE_URL)
    assert again.read_bytes() == (built_site / "kurikulum/cetak" / PRINT_PDF["id"]).read_bytes()


def test_pdf_links_lead_to_the_web_site_not_the_build_folder(built_site):
    reader = PdfReader(io.BytesIO((built_site / "kurikulum/cetak" / PRINT_PDF["id"]).read_bytes()))
    uris = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages for annotation in page.get("/Annots", []) or []
    ]
    uris = [str(u) for u in uris if u]
    assert uris, "the book links pages outside itself (glossary, narratives)"
    assert all(u.startswith(("https://", "http://")) for u in uris), [u for u in uris if not u.startswith("http")][:5]
    assert any(u.startswith(SITE_URL) for u in uris)


def test_print_page_links_its_pdf_and_hides_navigation(built_site):
    for language, prefix in PREFIX.items():
        html = (built_site / f"{prefix}kurikulum/cetak/index.html").read_text(encoding="utf-8")
        assert f'href="{PRINT_PDF[language]}"' in html
        assert re.search(r'md-sidebar--primary"[^>]*\shidden', html), "navigation shown on the print page"
        for module in CURRICULUM.modules:
            assert f'id="{module.id}"' in html


def test_schedule_page_lists_every_module_with_its_time(built_site):
    for prefix in PREFIX.values():
        html = (built_site / f"{prefix}kurikulum/jadwal/index.html").read_text(encoding="utf-8")
        for module in CURRICULUM.modules:
            assert f'href="../{module.id}/"' in html
        assert "08.00" in html if not prefix else "08:00" in html


def test_module_pages_show_their_summary_and_tooltips(built_site):
    html = (built_site / "en/kurikulum/kolaborasi-amplifikasi/index.html").read_text(encoding="utf-8")
    assert 'class="portal-module-meta"' in html
    assert "foundation" in html and "30 min teaching + 15 min exercises" in html
    assert '<abbr title="Konferensi Tingkat Tinggi (Summit)">KTT</abbr>' in html
    id_html = (built_site / "kurikulum/kolaborasi-amplifikasi/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Konferensi Tingkat Tinggi">KTT</abbr>' in id_html
