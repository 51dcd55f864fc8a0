"""A lighter first load: the page weight goal is 300 KB uncompressed, Material's CSS and JS alone are 264 KB.

Two steps, both conservative and both derived from the built site itself, so
they follow the content instead of a hand-kept list:

- :func:`squeeze_html` drops the indentation Material's templates leave in
  every page (whitespace runs that hold a line break become one line break,
  which renders identically), outside ``pre``, ``textarea``, ``script`` and
  ``style``.
- :func:`slim_stylesheets` rewrites Material's ``main`` and ``palette``
  stylesheets without the rules no page can match: a rule goes only when every
  one of its selectors names a class that appears in no built page and in no
  script (Material's bundle and search worker add classes at run time; class
  names its scripts build from a template, such as ``md-tag--${name}``, count as
  used by prefix), or a colour-palette value (``[data-md-color-primary=indigo]``)
  that no page offers; each selector of a rule is judged on its own, and the
  rule keeps those that can match. A tabbed set's ``:nth-child(N)`` selectors
  need a set of at least N tabs somewhere (pymdownx writes
  ``data-tabs="1:3"``): Material styles up to 20, this site's sets have 3. Only
  what stands outside parentheses is otherwise judged: in
  ``.tabbed-set > :nth-child(2)`` the class must exist, but ``:not(.unused)``
  matches everything and ``:is(.a, .b)`` needs only one of them. Each file
  gets a name with its own content hash (the nginx example caches hashed
  assets for a year, so new content must never reuse an old name) and every
  page is pointed at it.

- :func:`minify_own_assets` minifies the portal's own stylesheet and scripts
  (``portal.css``, ``portal.js``, ``workbench.js``) in the built site: the CSS
  loses comments and indentation but keeps its lines, the JS goes through rjsmin; the sources in ``docs/assets/`` keep their comments.
  Vendored scripts (``assets/javascripts/vendor/``) are left as shipped and
  are not read for class names: they add none of Material's.

Pruning is the slow half. ``make serve`` hands in its
:class:`~portal.buildcache.ContentCache`: a slimmed stylesheet is kept under
the hash of the original, of this module's code and of what pruning asks of
the site: which of the class names and palette values the stylesheet
mentions are used. (Every word of every script counts as a class name, and
the Indonesian search plugin holds every word of the site, so the whole set
of names changes with almost any edit; the part a stylesheet can ask about
does not.) A rebuild prunes again only when one of them changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rjsmin
import tinycss2

from portal.buildcache import ContentCache, digest

KEEP_AS_IS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")
MATERIAL_STYLESHEETS = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
CLASS_ATTR = re.compile(r'class="([^"]*)"')
PALETTE_ATTR = re.compile(r'data-md-color-(scheme|primary|accent)="([^"]*)"')
PALETTE_SELECTOR = re.compile(r'\[data-md-color-(scheme|primary|accent)="?([\w-]+)"?\]')
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
TABS_ATTR = re.compile(r'data-tabs="\d+:(\d+)"')
SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")
SCRIPT_TEMPLATE_PREFIX = re.compile(r"([A-Za-z_][\w-]*)\$\{")
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}


def squeeze_html(html: str) -> str:
    """Collapse indentation between tags and text, leaving whitespace-sensitive elements alone."""
    parts = KEEP_AS_IS.split(html)
    out = []
    for i in range(0, len(parts), 3):  # split() with two groups: text, kept element, tag name, text...
        out.append(BREAK_RUN.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def _page_names(data: bytes) -> tuple[frozenset, frozenset, int]:
    text = data.decode("utf-8")
    classes = {name for value in CLASS_ATTR.findall(text) for name in value.split()}
    tabs = max((int(n) for n in TABS_ATTR.findall(text)), default=0)
    return frozenset(classes), frozenset(PALETTE_ATTR.findall(text)), tabs


def _script_names(data: bytes) -> tuple[frozenset, frozenset]:
    text = data.decode("utf-8", errors="ignore")
    return frozenset(SCRIPT_WORD.findall(text)), frozenset(SCRIPT_TEMPLATE_PREFIX.findall(text))


@dataclass
class UsedNames:
    """Class names and palette values that occur anywhere in the built site."""

    classes: set[str] = field(default_factory=set)
    class_prefixes: set[str] = field(default_factory=set)
    palette: set[tuple[str, str]] = field(default_factory=set)
    max_tabs: int = 0  # the most tabs of any tabbed set on the site

    @classmethod
    def scan(cls, site: Path, cache: ContentCache | None = None) -> UsedNames:
        """``cache`` (``make serve``): each file's names are read once per content, not once per rebuild."""
        used = cls()

        def names(path: Path, read):
            data = path.read_bytes()
            return read(data) if cache is None else cache.memo(digest(read.__name__, data), lambda: read(data))

        for page in sorted(site.rglob("*.html")):
            classes, palette, tabs = names(page, _page_names)
            used.classes.update(classes)
            used.palette.update(palette)
            used.max_tabs = max(used.max_tabs, tabs)
        for script in sorted(site.rglob("*.js")):
            if VENDORED in script.relative_to(site).parts:
                continue  # twitter-text's TLD list and the like name no class of Material's
            words, prefixes = names(script, _script_names)
            used.classes.update(words)
            used.class_prefixes.update(prefixes)
        return used

    def has_class(self, name: str) -> bool:
        return name in self.classes or any(name.startswith(prefix) for prefix in self.class_prefixes)

    def selector_can_match(self, outside: str) -> bool:
        """``outside``: a selector without its parenthesised arguments (see :func:`_selectors`)."""
        if any(not self.has_class(name) for name in SELECTOR_CLASS.findall(outside)):
            return False
        return all(pair in self.palette for pair in PALETTE_SELECTOR.findall(outside))


def _split(prelude: list) -> list[list]:
    """The prelude's selectors as token lists (top-level commas separate them)."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _nth_children(tokens: list) -> list[int]:
    """The ``N`` of every ``:nth-child(N)`` with a plain number, outside other parentheses."""
    return [
        token.arguments[0].int_value for token in tokens
        if token.type == "function" and token.lower_name == "nth-child"
        and len(token.arguments) == 1 and token.arguments[0].type == "number" and token.arguments[0].is_integer
    ]


def _selector_can_match(tokens: list, used: UsedNames) -> bool:
    outside = tinycss2.serialize([t for t in tokens if t.type not in ("function", "() block")]).strip()
    if not used.selector_can_match(outside):
        return False
    if "tabbed-" in outside and any(n > used.max_tabs for n in _nth_children(tokens)):
        return False
    return True


def _selectors(prelude: list) -> list[str]:
    """Each selector of a rule's prelude, with every ``(...)`` argument left out.

    Top-level commas separate selectors; commas inside ``:is(.a, .b)`` do not.
    What a function's arguments require depends on the function, so they are
    never judged; every class outside them must be on some element.
    """
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        elif token.type not in ("function", "() block"):
            current.append(token)
    selectors.append(current)
    return [tinycss2.serialize(tokens).strip() for tokens in selectors]


def _prune(rules: list, used: UsedNames) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [tokens for tokens in _split(rule.prelude) if _selector_can_match(tokens, used)]
            if kept:
                prelude = ",".join(tinycss2.serialize(tokens).strip() for tokens in kept)
                out.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = _prune(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type != "error":
            out.append(rule.serialize())
    return "".join(out)


def prune_stylesheet(css: str, used: UsedNames) -> str:
    """The stylesheet without the rules no page of the site can match."""
    return _prune(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)


def _selector_parts(rules: list, classes: set, palette: set) -> None:
    for rule in rules:
        if rule.type == "qualified-rule":
            for outside in _selectors(rule.prelude):
                classes.update(SELECTOR_CLASS.findall(outside))
                palette.update(PALETTE_SELECTOR.findall(outside))
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            _selector_parts(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), classes, palette)


@lru_cache(maxsize=8)
def selector_names(css: str) -> tuple[frozenset, frozenset]:
    """(class names, palette values) that :func:`prune_stylesheet` asks ``used`` about, read as it reads them."""
    classes, palette = set(), set()
    _selector_parts(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), classes, palette)
    return frozenset(classes), frozenset(palette)


def prune_key(css: str, used: UsedNames) -> str:
    """Everything :func:`prune_stylesheet` reads: the stylesheet, this code, and the answers it gets from ``used``."""
    names, values = selector_names(css)
    classes = sorted(name for name in names if used.has_class(name))
    palette = sorted(f"{kind}={value}" for kind, value in values if (kind, value) in used.palette)
    return digest("css", _CODE, css, *classes, "|", *palette, f"tabs={used.max_tabs}")


_CODE = Path(__file__).read_bytes()


VENDORED = "vendor"
OWN_ASSETS = ("assets/stylesheets/portal.css", "assets/javascripts/portal.js", "assets/javascripts/workbench.js")


def _css_keeping_lines(css: str) -> str:
    """Comments and indentation out, every line break kept: the built-site checks name the source line."""
    css = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), css, flags=re.S)
    return "\n".join(line.strip() for line in css.split("\n"))


def minify_own_assets(site: Path) -> dict[str, tuple[int, int]]:
    """Minify the portal's own CSS and JS where the site serves them: {path: (bytes before, after)}."""
    done = {}
    for rel in OWN_ASSETS:
        path = site / rel
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = _css_keeping_lines(text) if path.suffix == ".css" else rjsmin.jsmin(text)
        path.write_text(small, encoding="utf-8")
        done[rel] = (len(text.encode()), len(small.encode()))
    return done


def slim_stylesheets(site: Path, cache: ContentCache | None = None) -> dict[str, str]:
    """Rewrite Material's stylesheets under ``site``; returns {old name: new name}."""
    folder = site / "assets" / "stylesheets"
    used = UsedNames.scan(site, cache)
    renamed = {}
    for sheet in sorted(folder.glob("*.min.css")):
        if not MATERIAL_STYLESHEETS.match(sheet.name):
            continue
        css = sheet.read_text(encoding="utf-8")
        if cache is None:
            slim = prune_stylesheet(css, used).encode("utf-8")
        else:
            slim = cache.bytes_for("css", prune_key(css, used), lambda: prune_stylesheet(css, used).encode("utf-8"))
        stem = sheet.name.split(".")[0]
        new_name = f"{stem}.{hashlib.sha256(slim).hexdigest()[:8]}.min.css"
        if new_name == sheet.name:
            continue
        (folder / new_name).write_bytes(slim)
        sheet.unlink()
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
        renamed[sheet.name] = new_name
    if renamed:
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            new = text
            for old_name, new_name in renamed.items():
                new = new.replace(f"assets/stylesheets/{old_name}", f"assets/stylesheets/{new_name}")
            if new != text:
                page.write_text(new, encoding="utf-8")
    return renamed
