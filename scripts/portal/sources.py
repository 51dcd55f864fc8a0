"""Reading Markdown sources and YAML data while keeping line numbers.

Validators report the source file and line of a fault, so the loaders here
keep where each mapping key was written.

Parsing YAML is the slow part of reading the sources (PyYAML in pure Python,
which keeps line numbers), and one build reads the same front matter several
times (the translation pairing once per language, then the loaders), as
``make serve`` does on every rebuild. :func:`load_yaml` therefore keeps what
it parsed under the text itself and hands out copies: the same text always
gives the same data, and a caller may change its copy.

The loader refuses what the publishing gate must never guess about, each as a
:class:`SourceError` naming the line (every content kind reports it under its
own code: ``N000``, ``K009``, ``C000``, ``R001``...):

- a key written twice in one mapping (YAML keeps the last one silently, so a
  narrative saying ``status: draft`` and, further down, ``status: approved``
  would be published as approved);
- a plain value that YAML (and so MkDocs, reading a page's front matter) takes
  for a date or time that cannot exist (``date: 2023-02-30``): MkDocs gives up
  on such front matter and prints it at the top of the page as text;
- a key that cannot be a key (a list or mapping), which MkDocs refuses too;
- a file that is not UTF-8 (:func:`read_text`).
"""

from __future__ import annotations

import copy
import re
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from portal.findings import Finding, PortalError

# Closed by ``---`` or ``...``, as MkDocs reads it (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based) and its own."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    pass


class _DuplicateKey(Exception):
    """A key written twice in one mapping: lines are 0-based in the parsed text."""

    def __init__(self, key: Any, first: int, again: int):
        self.key, self.first, self.again = key, first, again


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    own = {id(key_node) for key_node, _ in node.value}  # written here, not merged in with '<<'
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "a key must be text or a number, not a list or mapping", key_node.start_mark)
        if id(key_node) in own:
            if key in seen:
                raise _DuplicateKey(key, seen[key], key_node.start_mark.line)
            seen[key] = key_node.start_mark.line
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_TIMESTAMP = next(rx for rxs in yaml.SafeLoader.yaml_implicit_resolvers.values()
                  for tag, rx in rxs if tag == "tag:yaml.org,2002:timestamp")


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    """Plain text, but a plain value YAML reads as an impossible date or time is refused."""
    value = loader.construct_scalar(node)
    if node.style is None and _TIMESTAMP.match(value):
        try:
            yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{value!r} reads as a date or time that cannot exist ({exc}): write a real one "
                f"(in a page's front matter MkDocs would give up and print it all as text)", node.start_mark) from None
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
# Keep dates and datetimes as the strings the author wrote: models parse them
# strictly (timezone required) and report the line when they are wrong.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SourceError(Exception):
    def __init__(self, path: str, line: int, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


_PARSED: OrderedDict[tuple[str, int], Any] = OrderedDict()  # (text, line offset) -> data, never handed out
PARSED_KEPT = 4096


def _copy(node: Any) -> Any:
    """A copy of parsed YAML: new mappings and lists, the same immutable scalars."""
    if isinstance(node, LineDict):
        new = LineDict((key, _copy(value)) for key, value in node.items())
        new.line = node.line
        new.key_lines = dict(node.key_lines)
        return new
    if isinstance(node, list):
        return [_copy(item) for item in node]
    if node is None or isinstance(node, (str, int, float, bool)):
        return node
    return copy.deepcopy(node)


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML with line-aware mappings; a syntax error names file and line."""
    key = (text, line_offset)
    if key in _PARSED:
        _PARSED.move_to_end(key)
        data = _PARSED[key]
    else:
        data = _PARSED[key] = _parse_yaml(text, path, line_offset)  # a fault raises: nothing is kept
        if len(_PARSED) > PARSED_KEPT:
            _PARSED.popitem(last=False)
    return _copy(data)


def _parse_yaml(text: str, path: str, line_offset: int) -> Any:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 0) + line_offset
        raise SourceError(path, line, f"invalid YAML: {exc.problem or exc}") from None
    except _DuplicateKey as exc:
        raise SourceError(path, exc.again + 1 + line_offset,
                          f"key {exc.key!r} written twice (first at line {exc.first + 1 + line_offset}): "
                          f"YAML would keep only the last one; keep one") from None
    if line_offset and data is not None:
        _shift_lines(data, line_offset)
    return data


def _shift_lines(node: Any, offset: int) -> None:
    if isinstance(node, LineDict):
        node.line += offset
        node.key_lines = {k: v + offset for k, v in node.key_lines.items()}
        for value in node.values():
            _shift_lines(value, offset)
    elif isinstance(node, list):
        for item in node:
            _shift_lines(item, offset)


def read_text(path: Path, shown: str) -> str:
    """A source file's text; one that is not UTF-8 raises :class:`SourceError` at the line of its first bad byte."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(shown, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
                                       f"save the file as UTF-8") from None


def load_data_list(docs_dir: Path, rel: Path, key: str, code: str) -> tuple[str, list]:
    """A ``docs/_data`` file holding a list under ``key``: ``(shown path, list)``.

    Faults of the file itself raise :class:`portal.findings.PortalError` with
    ``{code}000`` (YAML syntax, with its line) or ``{code}001`` (wrong shape).
    """
    shown = f"{Path(docs_dir).name}/{Path(rel).as_posix()}"
    try:
        data = load_yaml(read_text(Path(docs_dir) / rel, shown), shown)
    except SourceError as exc:
        raise PortalError([Finding(exc.path, exc.line, f"{code}000", exc.message)]) from None
    if not isinstance(data, LineDict) or not isinstance(data.get(key), list):
        raise PortalError([Finding(shown, 1, f"{code}001", f"expected a mapping with a '{key}:' list")])
    return shown, data[key]


@dataclass
class MarkdownSource:
    """A Markdown file split into front matter and body, with the body's first line."""

    path: Path
    rel: str
    meta: LineDict
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    text: str = field(repr=False)


def read_markdown(path: Path, root: Path) -> MarkdownSource:
    rel = path.relative_to(root.parent).as_posix() if root.parent in path.parents else str(path)
    text = read_text(path, rel)
    match = FRONT_MATTER.match(text)
    if not match:
        return MarkdownSource(path, rel, LineDict(), text, 1, text)
    meta = load_yaml(match.group(1), rel, line_offset=1) or LineDict()
    if not isinstance(meta, LineDict):
        raise SourceError(rel, 2, "front matter must be a mapping")
    body_line = text[: match.end()].count("\n") + 1
    return MarkdownSource(path, rel, meta, text[match.end():], body_line, text)


def page_first_line(path: Path) -> int:
    """File line of the first line MkDocs hands to ``on_page_markdown``.

    MkDocs drops the front matter and the blank lines after it, so a line
    number counted in the page's Markdown needs this offset to name the file line.
    """
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return 1
    rest = text[match.end():]
    blank = len(rest) - len(rest.lstrip("\n"))
    return text[: match.end()].count("\n") + 1 + blank
