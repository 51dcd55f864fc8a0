"""Captions with the counts X gives them, and a generated corpus: shared by the build's tests and the workbench's.

``X_CASES`` are the 29 cases the hand-written counter was tested on, with the
official twitter-text's answers (two changed when the counter gave way to the
library: a ZWJ sequence newer than its emoji data, and a bare ``name.cc``).
``corpus()`` mixes emoji sequences, flags, skin tones, CJK, combining marks,
URLs of every shape and hashtags, from a fixed seed.
"""

from __future__ import annotations

import random

X_CASES = [
        ("", 0),
        ("Halo", 4),
        ("e\u0301", 1),  # NFC: é is one character
        ("日本語", 6),  # CJK: 2 each
        ("한국어", 6),  # Hangul: 2 each
        ("…", 2),  # U+2026 is outside the light ranges
        ("—“”’", 4),  # dashes and curly quotes are in them
        ("𝕏", 2),  # a non-emoji astral letter: one code point, weight 2
        ("😀", 2),
        ("👍🏽", 2),  # skin tone modifier: one emoji
        ("👨\u200d👩\u200d👧\u200d👦", 2),  # ZWJ family of seven code points: one emoji
        ("🏳️\u200d🌈", 2),  # flag + VS16 + ZWJ + rainbow
        ("🧑🏽\u200d💻", 5),  # newer than twemoji-parser 11 (what the official library reads): 2 + 2 + 1 (ZWJ) ... as X counts it
        ("🇮🇩", 2),  # two regional indicators: one flag
        ("1️⃣", 2),  # keycap
        ("❤️", 2),  # with VS16
        ("☺\ufe0e", 4),  # text presentation: not an emoji, 2 + 2
        ("©", 1),
        ("©️", 2),
        ("https://example.com/" + "a" * 100, 23),
        ("http://a.co dan https://b.co", 51),
        ("Lihat www.komdigi.go.id.", 30),  # a bare domain is a link too; the full stop is not part of it
        ("komdigi.go.id/berita", 23),
        ("contoh.id", 23),  # a bare domain is a link to twitter-text, even name.cc without a path
        ("https://id.wikipedia.org/wiki/ASEAN_(organisasi)", 23),
        ("https://x.com/a 😀", 26),
        ("KTT ke-43 🇮🇩 https://asean.org #AseanMatters", 50),
        ("a" * 280, 280),
        ("日" * 140, 280),
    ]

EMOJI = [
    "😀", "👍🏽", "👋🏿", "👨\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "🧑🏽\u200d💻", "🇮🇩", "🇯🇵", "🇦🇸🇪🇦🇳", "1️⃣", "#️⃣", "❤️", "❤",
    "☺\ufe0e", "©", "©️", "®", "™", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "🤝", "🫠", "✅", "⚠️",
]
CJK = ["日本語", "한국어", "中文", "カタカナ", "ｱ", "𝕏", "…", "—", "“", "•", "€"]
MARKS = ["e\u0301", "a\u0308", "n\u0303", "\u0915\u094d\u0937", "ก\u0e34", "Z\u0351\u0352\u0353"]
URLS = [
    "https://example.com", "http://a.co", "https://id.wikipedia.org/wiki/ASEAN_(organisasi)", "www.komdigi.go.id",
    "komdigi.go.id/berita", "contoh.id", "https://x.com/a#atas", "https://asean.org/?q=1&r=2", "https://münchen.de/pfad",
    "https://t.co/abc", "ftp://c.go.id", "https://a.go.id:8080/x", "HTTPS://EXAMPLE.COM/A", "indonesia.go.id.",
    "(https://b.co)", "https://例え.jp", "https://example.com/" + "a" * 60,
]
WORDS = ["KTT", "ASEAN", "Jakarta", "narasi", "tunggal", "#AseanMatters", "#literasidigital", "#KTT43", "#2023", "#Tagar_Dua",
         "@komdigi", "ke-43", "C#7", "&#39;", "\n", "  ", ",", "."]


def corpus(size: int = 300, seed: int = 20) -> list[str]:
    rnd = random.Random(seed)
    pools = [(0.25, EMOJI), (0.4, CJK), (0.5, MARKS), (0.7, URLS), (1.0, WORDS)]

    def piece() -> str:
        k = rnd.random()
        return rnd.choice(next(pool for bound, pool in pools if k < bound))

    return [" ".join(piece() for _ in range(rnd.randint(1, 14))) for _ in range(size)]
