"""The house's shape, held by a contract over the package's imports (read with ``ast``, nothing run).

- No import cycle anywhere in ``portal`` (a loop hidden behind an import inside
  a function counts: every import statement is read, wherever it sits).
- No ``portal`` import inside a function: that is how loops were dodged.
- Imports run one way, as :data:`RULES` says: records (``model``) know no
  loader, page writer or build; loaders know no page writer; page writers and
  bundles know no loader; the build session knows no page writer; the shared
  basics know none of the wings; nothing imports the CLI.
- Hooks read the build session: no hook calls a loader itself.
"""

from __future__ import annotations

import ast
import fnmatch
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "scripts" / "portal"
HOOKS = REPO / "overrides" / "hooks"

WINGS = ("narratives", "presskits", "curriculum", "toolkit", "events")
BASICS = (
    "portal", "portal.clock", "portal.findings", "portal.sources", "portal.urls", "portal.zipbuild", "portal.numbers",
    "portal.words", "portal.words.*", "portal.captions", "portal.platforms", "portal.glossary", "portal.directives",
    "portal.translations", "portal.drafts", "portal.pdf", "portal.fonts", "portal.theme", "portal.indonesian",
    "portal.search_index", "portal.slim", "portal.localserver", "portal.buildcache", "portal.safety", "portal.atomic",
    "portal.files", "portal.citations", "portal.terms", "portal.report", "portal.livestate", "portal.drawing", "portal.csp",
)
UPPER = ("portal.session", "portal.share", "portal.generated", "portal.timeline", "portal.feeds", "portal.checks*", "portal.cli", "portal.release", "portal.bench*",
         "portal.mkdocs_run", "portal.scaffold*")

# (modules, modules they must never import, why)
RULES = [
    ("portal.*.model", ["portal.*.load", "portal.*.pages", "portal.*.bundle", "portal.*.schedule", "portal.reference_pages", "portal.landing", *UPPER],
     "a record knows no file, page or build"),
    ("portal.*.load", ["portal.*.pages", "portal.*.bundle", "portal.reference_pages", *UPPER],
     "a loader turns files into records and writes nothing"),
    ("portal.*.pages", ["portal.*.load", *UPPER], "a page writer is handed its records"),
    ("portal.reference_pages", ["portal.*.load", *UPPER], "a page writer is handed its records"),
    ("portal.landing", ["portal.*.load", *UPPER], "a page writer is handed its records"),
    ("portal.*.bundle", ["portal.*.load", "portal.*.pages", *UPPER], "a bundle is made from records"),
    (["portal.*.visuals", "portal.*.cards"], ["portal.*.load", "portal.*.pages", "portal.*.bundle", *UPPER],
     "images are drawn from records"),
    ("portal.session", ["portal.*.pages", "portal.reference_pages", "portal.landing", "portal.generated", "portal.checks*", "portal.cli",
                        "portal.release", "portal.bench*", "portal.scaffold*"],
     "the session reads and bundles; it writes no page"),
    ("portal.generated", ["portal.*.load", "portal.checks*", "portal.cli", "portal.release", "portal.bench*"],
     "blocks come from the session handed in"),
    (list(BASICS), [f"portal.{wing}*" for wing in WINGS] + ["portal.reference_pages", "portal.landing", *UPPER],
     "the shared basics know none of the wings"),
    ("portal.*", ["portal.cli"], "the CLI is the top: nothing imports it"),
]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str) -> list[tuple[str, int, bool]]:
    """Every ``portal`` module imported by the file: (module, line, inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names if alias.name.split(".")[0] == "portal")
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - child.level + 1] + ([base] if base else []))
                if base.split(".")[0] == "portal":
                    for alias in child.names:  # ``from portal.x import y``: y may itself be a module
                        found.append((f"{base}.{alias.name}", child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def graph(root: Path) -> dict[str, list[tuple[str, int, bool]]]:
    """Module -> the package's own modules it imports."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    edges = {}
    for name, path in files.items():
        targets = []
        for target, line, in_function in imports_of(path, name):
            while target not in files and "." in target:  # ``from portal.x import name``: the module is portal.x
                target = target.rpartition(".")[0]
            if target in files and target != name and (target, line, in_function) not in targets:
                targets.append((target, line, in_function))
        edges[name] = targets
    return edges


def cycles(edges: dict[str, list[tuple[str, int, bool]]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _, _ in edges.get(node, ()):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return groups


def matches(name: str, patterns) -> bool:
    patterns = [patterns] if isinstance(patterns, str) else patterns
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def violations(root: Path) -> list[str]:
    edges = graph(root)
    found = [f"import cycle: {' -> '.join(group)}" for group in cycles(edges)]
    for name, targets in sorted(edges.items()):
        for target, line, in_function in targets:
            where = f"{name} line {line}: imports {target}"
            if in_function:
                found.append(f"{where} inside a function (import at the top; a loop it would hide is a design fault)")
            for sources, forbidden, why in RULES:
                if matches(name, sources) and matches(target, forbidden) and not matches(target, sources):
                    found.append(f"{where}, but {why}")
    return found


def test_the_package_has_no_cycle_and_imports_run_one_way():
    assert violations(PACKAGE) == []


def test_every_wing_has_its_model_loader_and_pages():
    names = set(graph(PACKAGE))
    for wing in WINGS:
        assert {f"portal.{wing}.model", f"portal.{wing}.load", f"portal.{wing}.pages"} <= names, wing
    assert "portal.presskits.bundle" in names
    assert "portal.toolkit.bundle" in names


def test_hooks_read_the_session_and_call_no_loader():
    for hook in sorted(HOOKS.glob("*.py")):
        for target, line, _ in imports_of(hook, f"hooks.{hook.stem}"):
            assert not matches(target, ["portal.*.load*", "portal.glossary.load*", "portal.platforms.load*"]), f"{hook.name}:{line} imports {target}"


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "portal"
    for rel, text in {"__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("files, expected", [
    ({"a.py": "from portal import b\n", "b.py": "def f():\n    from portal.a import x\n"},
     ["import cycle: portal.a -> portal.b", "portal.b line 2: imports portal.a inside a function"]),
    ({"narratives/__init__.py": "", "narratives/model.py": "from portal.narratives.pages import page\n",
      "narratives/pages.py": ""}, ["portal.narratives.model line 1: imports portal.narratives.pages, but a record knows"]),
    ({"clock.py": "from portal.session import Session\n", "session.py": ""},
     ["portal.clock line 1: imports portal.session, but the shared basics know none"]),
])
def test_the_contract_catches_a_cycle_and_a_wrong_direction(tmp_path, files, expected):
    found = violations(_package(tmp_path, files))
    for needle in expected:
        assert any(v.startswith(needle) for v in found), (needle, found)
