"""From a built page back to the Markdown file (and line) it came from.

A maintainer fixes sources, not ``site/``: a finding in a built page is
reported at the source file, at the first line that mentions the faulty
target when one does.
"""

from __future__ import annotations

from pathlib import Path

from portal.translations import is_content_page


def page_url(rel: Path) -> str:
    """Site-relative directory URL of a source page (``kurikulum/x.en.md`` -> ``en/kurikulum/x/``)."""
    parts = list(rel.parts)
    name = parts.pop()
    language = ""
    if name.endswith(".en.md"):
        language, stem = "en/", name[: -len(".en.md")]
    else:
        stem = name[: -len(".md")]
    if stem not in ("index", "README"):
        parts.append(stem)
    path = "/".join(parts)
    return language + (path + "/" if path else "")


class SourceMap:
    def __init__(self, docs_dir: Path):
        self.docs_dir = Path(docs_dir)
        self.by_page: dict[str, Path] = {}
        for path in self.docs_dir.rglob("*.md"):
            rel = path.relative_to(self.docs_dir)
            if is_content_page(rel):
                self.by_page[page_url(rel) + "index.html"] = path
        self._lines: dict[Path, list[str]] = {}

    def source_of(self, site_rel: str) -> Path | None:
        return self.by_page.get(site_rel)

    def locate(self, site_rel: str, needles: list[str]) -> tuple[str, int] | None:
        """``(docs/..., line)`` of the first source line holding any needle, else the file at line 1."""
        source = self.source_of(site_rel)
        if source is None:
            return None
        if source not in self._lines:
            self._lines[source] = source.read_text(encoding="utf-8").splitlines()
        shown = f"{self.docs_dir.name}/{source.relative_to(self.docs_dir).as_posix()}"
        for needle in (n for n in needles if n):
            for number, line in enumerate(self._lines[source], 1):
                if needle in line:
                    return shown, number
        return shown, 1
