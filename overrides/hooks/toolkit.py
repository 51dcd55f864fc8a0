"""Toolkit hook: the working documents (xlsx, docx, ics) handed to MkDocs as files of each language.

The build session has read and checked every template source
(:mod:`portal.toolkit.load`, ``M`` codes) and makes each language's files
once (:mod:`portal.toolkit.bundle`). Event used:

- ``on_files`` (default priority, before static-i18n's at -100): adds this
  language's files under ``perangkat/unduhan/`` (``en/perangkat/unduhan/`` in
  English). MkDocs writes exactly the bytes whose size and SHA-256 the toolkit
  page and the module pages print, because those pages are rendered
  afterwards from the same records (``<!-- portal:toolkit-... -->``).
"""

from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel

from portal import DEFAULT_LANGUAGE, session


def on_files(files, config):
    current = session.current()
    language = config.theme["language"]
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    folder = current.workdir / "toolkit" / language
    folder.mkdir(parents=True, exist_ok=True)
    for document in current.toolkit_files(language):
        path = folder / document.name
        path.write_bytes(document.data)
        file = File.generated(config, document.src_uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED)
        file.dest_uri = f"{prefix}{document.src_uri}"
        files.append(file)
    return files
