"""Byte-identical archives and checksum lists: the same inputs give the same bytes.

A journalist who downloads a kit twice, or a maintainer who rebuilds a commit,
must get the same file, so that a published SHA-256 keeps meaning something.
A plain :mod:`zipfile` archive is not reproducible: it stamps each entry with
the file's mtime, keeps the order of writing, and copies the permissions of
whoever built it. :func:`deterministic_zip` fixes all three:

- entries sorted by name (no directory entries: unzip tools create folders);
- every timestamp is ``SOURCE_DATE_EPOCH`` (the commit time, read in UTC),
  or 1980-01-01 00:00 (the earliest time a ZIP can hold) when it is unset;
- every entry is a regular file with mode 0644, "made by" Unix;
- entries are STORED, not deflated. Deflate output depends on the zlib build
  (zlib and zlib-ng compress the same bytes differently), so a deflated
  archive could change between two machines with the same commit. The kits'
  PDFs and PNGs are compressed already, so storing costs little.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
import zipfile
from typing import Iterable, Mapping

ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest ZIP (DOS) timestamp
FILE_MODE = 0o100644  # regular file, rw-r--r--
UNIX = 3  # "version made by" host system: Unix, so external_attr holds the mode


def source_date_epoch(environ: Mapping[str, str] | None = None) -> int:
    """The commit time in seconds (``SOURCE_DATE_EPOCH``), or the ZIP epoch when unset or invalid.

    Never the current time: a build-time clock would make two builds differ.
    """
    env = os.environ if environ is None else environ
    try:
        return max(int(env.get("SOURCE_DATE_EPOCH", "")), ZIP_EPOCH)
    except ValueError:
        return ZIP_EPOCH


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """ZIP's local-time tuple for ``epoch``, read in UTC, even seconds (DOS precision)."""
    moment = time.gmtime(max(epoch, ZIP_EPOCH))
    return (moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min, moment.tm_sec - moment.tm_sec % 2)


def deterministic_zip(entries: Mapping[str, bytes], epoch: int, deflate: bool = False) -> bytes:
    """A ZIP of ``entries`` (name -> bytes) whose bytes depend on nothing else but ``epoch``.

    ``deflate=True`` (the release's whole-site archive, mostly HTML) compresses
    at level 9: byte-identical for the same zlib build, which the pinned
    Python and Debian image fix; the kits stay STORED (see above).
    """
    stamp = zip_time(epoch)
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method, compresslevel=9 if deflate else None, allowZip64=False) as archive:
        for name in sorted(entries):
            if name.startswith("/") or ".." in name.split("/") or name.endswith("/"):
                raise ValueError(f"unsafe ZIP entry name {name!r}")
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = method
            info.create_system = UNIX
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Payload:
    """A download's figures from its bytes (``self.data``): what every page prints beside a link.

    Mixed into the kits' downloads, the toolkit's files and the narratives'
    visuals, so size and checksum are computed one way everywhere.
    """

    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return sha256(self.data)


def sha256sums(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A ``SHA256SUMS`` file (``sha256sum -c`` reads it): ``<hex>  <name>`` lines sorted by name."""
    lines = [f"{sha256(data)}  {name}\n" for name, data in sorted(files, key=lambda entry: entry[0])]
    return "".join(lines).encode("ascii")


def parse_sha256sums(text: str) -> dict[str, str]:
    """Name -> hex digest, as ``sha256sum -c`` would read the file (text or binary mode)."""
    sums = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        digest, name = line.split(" ", 1)
        sums[name[1:] if name.startswith(("*", " ")) else name] = digest
    return sums
