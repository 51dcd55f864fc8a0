"""The PDFs are set in the fonts the repository ships, so their bytes never depend on the host's fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conftest import REPO, run_build

from portal import fonts

DOWNLOADS = ("*.pdf", "*.zip", "*.png", "*.svg", "SHA256SUMS")


def embedded_fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_shipped_fonts_carry_their_licence():
    licence = (fonts.FOLDER / "LICENSE-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    families = {TTFont(path)["name"].getDebugName(1) for path in fonts.FILES}
    assert families == set(fonts.FAMILIES)


def test_every_pdf_embeds_only_the_shipped_fonts(built_site):
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert len(pdfs) > 10
    for pdf in pdfs:
        found = embedded_fonts(pdf)
        assert found and all(name.startswith(("Liberation-Sans", "Liberation-Mono")) for name in found), (pdf.name, found)


def test_the_shipped_fonts_draw_every_character_the_pdfs_are_made_from():
    """A new character in a module or kit document that the fonts lack would print as an empty box."""
    cmaps = [set(TTFont(path).getBestCmap()) for path in fonts.FILES]
    sources = sorted((REPO / "docs/kurikulum").glob("*.md")) + sorted((REPO / "docs/kit-media/_kits").glob("*/*.md"))
    sources += [REPO / "scripts/portal/pdf.css", REPO / "scripts/portal/words/id.py", REPO / "scripts/portal/words/en.py"]
    missing = {}
    for path in sources:
        for char in set(path.read_text(encoding="utf-8")):
            if ord(char) > 127 and not all(ord(char) in cmap for cmap in cmaps):
                missing.setdefault(f"U+{ord(char):04X} {char}", path.relative_to(REPO).as_posix())
    assert not missing, missing


@pytest.mark.build
def test_a_host_without_fonts_builds_the_same_downloads(built_site, tmp_path):
    """A second build, with an empty fontconfig (no system font at all), gives byte-identical PDFs, kit ZIPs, cards, share images and sums."""
    empty = tmp_path / "empty-fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(REPO, site, pdf=True,
                       env={"FONTCONFIG_FILE": str(empty), "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    files = sorted({p.relative_to(built_site) for pattern in DOWNLOADS for p in built_site.rglob(pattern)})
    assert len([f for f in files if f.suffix == ".pdf"]) > 10 and any(f.suffix == ".zip" for f in files)
    # The share previews and the narratives' platform images (portal.drawing) are among them.
    assert len([f for f in files if f.parts[-2:-1] == ("share",)]) > 25, "share cards"
    assert len([f for f in files if f.name.endswith("-1080x1920.png")]) >= 2, "platform visuals"  # one narrative in force, two languages
    differing = [f.as_posix() for f in files if (site / f).read_bytes() != (built_site / f).read_bytes()]
    assert not differing, differing
