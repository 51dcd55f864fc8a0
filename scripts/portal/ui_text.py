"""Interface strings the portal adds to Material, in both languages.

One home for every sentence the templates and hooks print, so a template
never carries business text and a translation is never missed.
"""

from __future__ import annotations

UI_TEXT: dict[str, dict[str, str]] = {
    "id": {
        "language_name": "Bahasa Indonesia",
        "pending_title": "Terjemahan belum tersedia",
        "pending_body": "Halaman ini belum diterjemahkan. Teks di bawah ini berbahasa Indonesia.",
        "not_found_title": "Halaman tidak ditemukan",
        "not_found_body": "Alamat yang Anda buka tidak ada di portal ini. Halaman mungkin telah dipindahkan, atau alamatnya salah ketik.",
        "not_found_home": "Kembali ke beranda",
        "not_found_other": "Buka versi bahasa Inggris (English)",
        "licence": "Konten: CC BY 4.0 · Kode: MIT · Sumber independen untuk pelatihan; bukan kanal resmi pemerintah.",
    },
    "en": {
        "language_name": "English",
        "pending_title": "Translation pending",
        "pending_body": "This page has not been translated yet. The text below is in Bahasa Indonesia.",
        "not_found_title": "Page not found",
        "not_found_body": "The address you opened does not exist on this portal. The page may have moved, or the address may be mistyped.",
        "not_found_home": "Back to the home page",
        "not_found_other": "Open the Indonesian version (Bahasa Indonesia)",
        "licence": "Content: CC BY 4.0 · Code: MIT · An independent training resource; not an official government channel.",
    },
}


def text(language: str) -> dict[str, str]:
    return UI_TEXT[language]
