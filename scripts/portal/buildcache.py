"""Serve's cache: what is slow to make, kept under the SHA-256 of everything it is made from.

``make serve`` rebuilds both languages on every saved edit. Most of what is
slow to make does not change with an ordinary edit: the curriculum's print
PDFs and the kit documents' PDFs (WeasyPrint), the kits' ZIPs, the slimmed
stylesheets. The serve process keeps each of them here, in memory and on
disk under ``.cache/serve/`` (so the next ``make serve`` starts warm), under
a key that is the hash of every input: change one byte of one input and the
key changes, so the thing is made again. A production build (``make build``,
a release, the tests' builds) never uses a cache.

- :func:`digest` makes a key from any number of parts (bytes, text, numbers,
  ``None``), each length-prefixed so ``("ab", "c")`` and ``("a", "bc")`` differ.
- :class:`ContentCache` maps a key to bytes and a small JSON record. An entry
  may also list files that were read only while making it (the images and
  stylesheets WeasyPrint fetched), with their hashes: it is a hit only while
  every one of them still has those bytes.
- :class:`TemplateCodeCache` keeps the theme's compiled Jinja templates for
  the serve process (each rebuild makes a new Jinja environment, which would
  compile every template again); Jinja checks each template's source against
  the checksum stored with its code, so an edited template is compiled anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import jinja2

FORMAT = "1"  # bump when the meaning of an entry changes: every old key then misses
MEMORY_BYTES = 256 * 1024 * 1024  # the serve process keeps at most this much in memory
DISK_DAYS = 30  # on-disk entries not used for this long are removed when a cache opens
MEMO_VALUES = 4096  # values memo() keeps, the least recently used dropped first


def digest(*parts: Any) -> str:
    """SHA-256 (hex) of ``parts``; bytes as they are, text as UTF-8, anything else by ``repr``."""
    h = hashlib.sha256(FORMAT.encode())
    for part in parts:
        if isinstance(part, bytes):
            data, tag = part, b"b"
        elif isinstance(part, str):
            data, tag = part.encode("utf-8"), b"s"
        elif part is None:
            data, tag = b"", b"n"
        else:
            data, tag = repr(part).encode("utf-8"), b"r"
        h.update(tag + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def file_hashes(root: Path, paths) -> dict[str, str]:
    """``{path relative to root: SHA-256}`` of files read while making an entry."""
    root = Path(root).resolve()
    found = {}
    for path in sorted({Path(p).resolve() for p in paths}):
        found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@dataclass(frozen=True)
class Entry:
    data: bytes = field(repr=False)
    meta: dict
    depends: dict[str, str]  # file relative to the root it was made in -> its SHA-256 then


class ContentCache:
    """Bytes under content-hash keys, in memory and (with ``folder``) on disk."""

    def __init__(self, folder: Path | None = None, memory_bytes: int = MEMORY_BYTES):
        self.folder = Path(folder) if folder is not None else None
        self.memory_bytes = memory_bytes
        self._memory: OrderedDict[str, Entry] = OrderedDict()
        self._values: OrderedDict[str, Any] = OrderedDict()  # memo(): parsed things, this process only
        self._held = 0
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        if self.folder is not None:
            self._prune_disk()

    # --- lookup ---------------------------------------------------------------------------

    def get(self, kind: str, key: str, root: Path | None = None) -> Entry | None:
        """The entry under ``key`` if every file it depends on (under ``root``) is unchanged."""
        entry = self._memory.get(key)
        if entry is not None:
            self._memory.move_to_end(key)
        else:
            entry = self._read(key)
            if entry is not None:
                self._remember(key, entry)
        if entry is not None and self._still_valid(entry, root):
            self.hits[kind] += 1
            return entry
        self.misses[kind] += 1
        return None

    def put(self, key: str, data: bytes, meta: Mapping | None = None, depends: Mapping[str, str] | None = None) -> Entry:
        entry = Entry(bytes(data), dict(meta or {}), dict(depends or {}))
        self._remember(key, entry)
        self._write(key, entry)
        return entry

    def bytes_for(self, kind: str, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes under ``key``, made (and kept) by ``make()`` on a miss."""
        entry = self.get(kind, key)
        if entry is None:
            entry = self.put(key, make())
        return entry.data

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """A value (not bytes: kept in memory only, never on disk) made once per key by ``make()``."""
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        value = self._values[key] = make()
        if len(self._values) > MEMO_VALUES:
            self._values.popitem(last=False)
        return value

    def report(self) -> str:
        """``serve cache: pdf 30 hit/0 made, zip 4/0``: what the session hook logs after each build."""
        kinds = sorted(set(self.hits) | set(self.misses))
        return "serve cache: " + (", ".join(f"{k} {self.hits[k]} hit/{self.misses[k]} made" for k in kinds) or "unused")

    def reset_counts(self) -> None:
        self.hits.clear()
        self.misses.clear()

    # --- internals ------------------------------------------------------------------------

    @staticmethod
    def _still_valid(entry: Entry, root: Path | None) -> bool:
        if not entry.depends:
            return True
        if root is None:
            return False
        for rel, expected in entry.depends.items():
            path = Path(root) / rel
            try:
                if hashlib.sha256(path.read_bytes()).hexdigest() != expected:
                    return False
            except OSError:
                return False
        return True

    def _remember(self, key: str, entry: Entry) -> None:
        old = self._memory.pop(key, None)
        if old is not None:
            self._held -= len(old.data)
        self._memory[key] = entry
        self._held += len(entry.data)
        while self._held > self.memory_bytes and len(self._memory) > 1:
            _, dropped = self._memory.popitem(last=False)
            self._held -= len(dropped.data)

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.folder / key[:2]
        return folder / f"{key}.bin", folder / f"{key}.json"

    def _read(self, key: str) -> Entry | None:
        if self.folder is None:
            return None
        data_path, meta_path = self._paths(key)
        try:
            record = json.loads(meta_path.read_text(encoding="utf-8"))
            data = data_path.read_bytes()
        except (OSError, ValueError):
            return None
        if record.get("sha256") != hashlib.sha256(data).hexdigest():
            return None  # a torn or edited file: make it again
        os.utime(meta_path)  # used now: keep it past the next prune
        return Entry(data, record.get("meta", {}), record.get("depends", {}))

    def _write(self, key: str, entry: Entry) -> None:
        if self.folder is None:
            return
        data_path, meta_path = self._paths(key)
        record = {"sha256": hashlib.sha256(entry.data).hexdigest(), "meta": entry.meta, "depends": entry.depends}
        try:
            data_path.parent.mkdir(parents=True, exist_ok=True)
            for path, payload in ((data_path, entry.data), (meta_path, json.dumps(record, sort_keys=True).encode("utf-8"))):
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
                with os.fdopen(fd, "wb") as out:
                    out.write(payload)
                os.replace(tmp, path)  # readers see the old file or the new one, never half of one
        except OSError:
            self.folder = None  # a read-only or full disk: keep serving from memory

    def _prune_disk(self) -> None:
        if not self.folder.is_dir():
            return
        limit = time.time() - DISK_DAYS * 86400
        for meta_path in self.folder.glob("??/*.json"):
            try:
                if meta_path.stat().st_mtime < limit:
                    meta_path.unlink()
                    meta_path.with_suffix(".bin").unlink(missing_ok=True)
            except OSError:
                pass


class TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, under Jinja's own key (name and file) and source checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> str:
        """Jinja's key plus what decides how an environment compiles (its extensions and syntax)."""
        env = bucket.environment
        compiles = (sorted(env.extensions), env.block_start_string, env.block_end_string, env.variable_start_string,
                    env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                    env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                    env.keep_trailing_newline, env.optimized, env.autoescape, env.is_async)
        return digest(bucket.key, compiles)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the checksum is another template's

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[self._key(bucket)] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()
