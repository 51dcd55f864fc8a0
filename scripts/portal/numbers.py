"""Numbers and sizes written the way each language writes them (EYD V / British English)."""

from __future__ import annotations


def integer(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if language == "id" else text


def decimal(value: float, language: str, places: int = 1) -> str:
    text = f"{value:,.{places}f}"
    if language == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def human_size(size: int, language: str) -> str:
    """``1,2 MB`` in Indonesian, ``1.2 MB`` in English (decimal units, as browsers show)."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{decimal(size / factor, language)} {unit}"
    return f"{integer(size, language)} B"
