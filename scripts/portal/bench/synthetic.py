"""A synthetic copy of the portal, large enough to measure the toolchain.

``portal bench`` builds it next to the real site: the real project plus N
extra curriculum modules (copies of a real one under new ids) and enough
ordinary pages, in both languages, to pass 1,000 pages per language. Pages
link each other with anchors, so the link checkers have real work; optional
faults (broken links, broken anchors, links into the other language) let the
benchmark compare what each checker finds.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

TEMPLATE_MODULE = "evaluasi"
FAULT_KINDS = ("missing-page", "missing-anchor", "other-language")


def copy_project(root: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "overrides"):
        shutil.copytree(root / name, target / name, dirs_exist_ok=True)
    shutil.copy2(root / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _page(language: str, number: int, total: int) -> str:
    nxt, prev = (number % total) + 1, ((number - 2) % total) + 1
    if language == "id":
        title, intro = f"Halaman sintetis {number}", "Halaman uji untuk mengukur kecepatan pembangunan dan pemeriksaan tautan."
        sections = ("Latar belakang", "Langkah kerja", "Rujukan")
    else:
        title, intro = f"Synthetic page {number}", "A test page for measuring build and link-check speed."
        sections = ("Background", "Steps", "References")
    body = [f"---\ntitle: {title}\ndescription: {intro}\n---\n", f"# {title}\n", intro + "\n"]
    for sid, heading in zip(("background", "steps", "references"), sections):
        body.append(f"## {heading} {{#{sid}}}\n")
        body.append(
            f"Lihat [halaman {nxt}](halaman-{nxt:04d}.md#steps), [halaman {prev}](halaman-{prev:04d}.md#background) "
            f"dan [glosarium](../glosarium.md#sources).\n"
        )
    return "\n".join(body)


def generate(root: Path, target: Path, pages: int = 1000, modules: int = 20) -> dict[str, int]:
    """Write the synthetic project into ``target``; return what it added."""
    copy_project(root, target)
    docs = target / "docs"
    folder = docs / "sintetis"
    folder.mkdir(exist_ok=True)
    for language, suffix in (("id", ".md"), ("en", ".en.md")):
        for number in range(1, pages + 1):
            (folder / f"halaman-{number:04d}{suffix}").write_text(_page(language, number, pages), encoding="utf-8")
    module_dir = docs / "kurikulum"
    source = (module_dir / f"{TEMPLATE_MODULE}.md").read_text(encoding="utf-8")
    english = (module_dir / f"{TEMPLATE_MODULE}.en.md").read_text(encoding="utf-8")
    for number in range(1, modules + 1):
        new_id = f"sintetis-{number:03d}"
        text = re.sub(r"(?m)^  id: .*$", f"  id: {new_id}", source, count=1)
        text = re.sub(r"(?m)^  order: .*$", f"  order: {100 + number}", text, count=1)
        (module_dir / f"{new_id}.md").write_text(text, encoding="utf-8")
        (module_dir / f"{new_id}.en.md").write_text(english, encoding="utf-8")
    # Not in the nav by design: the bench measures, it does not publish.
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    patterns = "  /sintetis/\n  /kurikulum/sintetis-*\n"
    if "\nnot_in_nav: |\n" in config:
        config = config.replace("\nnot_in_nav: |\n", "\nnot_in_nav: |\n" + patterns, 1)
    else:
        config = config.replace("\nvalidation:\n", "\nnot_in_nav: |\n" + patterns + "validation:\n", 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return {"pages": pages, "modules": modules}


def inject_faults(target: Path, count: int) -> dict[str, int]:
    """Raw-HTML faults MkDocs does not see: ``count`` of each kind, in Indonesian pages."""
    folder = target / "docs" / "sintetis"
    snippets = {
        "missing-page": '<a href="../halaman-tidak-ada/">hilang</a>',
        "missing-anchor": '<a href="../halaman-{n:04d}/#tidak-ada">jangkar</a>',
        "other-language": '<a href="../../en/sintetis/halaman-{n:04d}/">English</a>',
    }
    for kind_index, kind in enumerate(FAULT_KINDS):
        for i in range(count):
            number = kind_index * count + i + 1
            page = folder / f"halaman-{number:04d}.md"
            page.write_text(page.read_text(encoding="utf-8") + "\n" + snippets[kind].format(n=number) + "\n", encoding="utf-8")
    return {kind: count for kind in FAULT_KINDS}
