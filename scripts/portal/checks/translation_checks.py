"""Translations: paired, parallel in structure, and not out of date.

Beyond pairing (:mod:`portal.translations`), the two pages of a pair must
carry the same heading ids, images, code blocks and exercises, and the English
page records which version of its Indonesian source it translates:
``translation_of:`` holds the source's git blob hash, so a changed source is
reported with the ``git diff`` that shows what changed (it needs both
versions committed; the hint says how to see the change before that).
``make stamp PAGE=docs/x.en.md`` (``portal translations --stamp``) records the
current hash after a translation is brought up to date: run it after
committing the Indonesian change, so the recorded version is one git holds.

Codes: TR001 heading ids differ, TR002 image count differs, TR003 code block
count differs, TR004 exercise count differs, TR005 translation outdated,
TR006 no ``translation_of`` recorded. All are errors; TR005 and TR006 are
warnings while the page is a draft (:func:`check_translations`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from portal.findings import Finding
from portal.sources import FRONT_MATTER, SourceError, read_markdown
from portal.translations import Pair, pair_pages

# The command a maintainer types (the Makefile's front door; ``portal`` itself is not on the PATH).
STAMP_HINT = "make stamp"

HEADING_ID = re.compile(r"^#{2,6}\s.*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.M)
IMAGE = re.compile(r"!\[[^\]]*\]\(|<img\b", re.I)
FENCE = re.compile(r"^\s*(```|~~~)", re.M)
EXERCISE = re.compile(r"^\s*[!?]{3}\+?\s+exercise\b", re.M)


def blob_hash(data: bytes) -> str:
    """The id git gives this content (``git hash-object``), so ``git diff OLD NEW`` can show changes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _profile(body: str) -> dict:
    return {
        "ids": set(HEADING_ID.findall(body)),
        "images": len(IMAGE.findall(body)),
        "code": len(FENCE.findall(body)) // 2,
        "exercises": len(EXERCISE.findall(body)),
    }


def check_pair(docs_dir: Path, pair: Pair) -> list[Finding]:
    if pair.english is None:
        return []
    label = docs_dir.name
    source_path, english_path = docs_dir / pair.source, docs_dir / pair.english
    try:
        source, english = read_markdown(source_path, docs_dir), read_markdown(english_path, docs_dir)
    except SourceError as exc:  # the Indonesian page was read by the pairing: this is the English one
        return [Finding(exc.path, exc.line, "T000", exc.message)]
    shown = f"{label}/{pair.english.as_posix()}"
    a, b = _profile(source.body), _profile(english.body)
    findings = []
    if a["ids"] != b["ids"]:
        missing, extra = sorted(a["ids"] - b["ids"]), sorted(b["ids"] - a["ids"])
        line = english.body_line
        for number, text in enumerate(english.text.splitlines(), 1):
            if any(f"#{i}" in text for i in extra):
                line = number
                break
        findings.append(Finding(shown, line, "TR001", f"heading ids differ from {label}/{pair.source.as_posix()}: missing {missing or '-'}, extra {extra or '-'}"))
    for key, code, what in (("images", "TR002", "image(s)"), ("code", "TR003", "code block(s)"), ("exercises", "TR004", "exercise(s)")):
        if a[key] != b[key]:
            findings.append(Finding(shown, english.body_line, code, f"{b[key]} {what}, but {label}/{pair.source.as_posix()} has {a[key]}"))
    current = blob_hash(source_path.read_bytes())
    recorded = english.meta.get("translation_of")
    source_shown = f"{label}/{pair.source.as_posix()}"
    if not recorded:
        findings.append(Finding(shown, 1, "TR006", f"no 'translation_of:' recorded; once the translation is done and {source_shown} committed, run: {STAMP_HINT} PAGE={shown}"))
    elif recorded != current:
        findings.append(Finding(
            shown, english.meta.line_of("translation_of"), "TR005",
            f"translation is outdated: its source changed; see what changed: git diff {recorded} {current} "
            f"(once {source_shown} is committed; before that: git cat-file -p {recorded} | diff -u - {source_shown}); "
            f"after updating the translation: {STAMP_HINT} PAGE={shown}",
        ))
    return findings


UNFINISHED = ("TR005", "TR006")  # a translation not yet brought up to date: a warning only while the page is a draft


def check_translations(docs_dir: Path, drafts: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """Every translation fault; ``drafts`` (docs-relative pages never published yet) get TR005/TR006 as warnings.

    An outdated or unstamped translation is an error: the English reader would
    get a page that no longer says what the Indonesian one says, and the
    suite, which blocks the deploy, fails on it. While the page is a draft
    (``draft: true``, a draft kit's page, a narrative in ``draft`` or
    ``review``) it is published nowhere, so it is a warning, as its gaps are.
    """
    docs_dir = Path(docs_dir)
    pairs, findings = pair_pages(docs_dir)
    for pair in pairs:
        for finding in check_pair(docs_dir, pair):
            rel = finding.path.split("/", 1)[1]
            if finding.code in UNFINISHED and rel in drafts:
                finding = dataclasses.replace(finding, severity="warning", message=finding.message + " (a warning while the page is a draft)")
            findings.append(finding)
    return findings


def stamp(docs_dir: Path, english_rel: Path) -> bool:
    """Record the current source hash in an English page; return whether it changed."""
    english_path = Path(docs_dir) / english_rel
    source_path = english_path.with_name(english_path.name.replace(".en.md", ".md"))
    value = blob_hash(source_path.read_bytes())
    text = english_path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    line = f"translation_of: {value}"
    if match:
        front = match.group(1)
        if re.search(r"^translation_of:.*$", front, re.M):
            new_front = re.sub(r"^translation_of:.*$", line, front, count=1, flags=re.M)
        else:
            new_front = front + line + "\n"
        new = text[: match.start(1)] + new_front + text[match.end(1):]
    else:
        new = f"---\n{line}\n---\n\n{text}"
    if new != text:
        english_path.write_text(new, encoding="utf-8")
    return new != text
