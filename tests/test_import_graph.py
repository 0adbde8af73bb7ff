"""No import circles: the modules of spec/, solver/ and proofs/ form a directed acyclic graph.

House style 1 asks for layers you can see in the imports.  A circle -- even one closed only
by an import under ``TYPE_CHECKING`` or inside a function -- means two modules cannot be
read, tested or replaced apart, so every import counts here, wherever it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("spec", "solver", "proofs")
Graph = dict[str, set[str]]


def module_name(path: Path, root: Path = ROOT) -> str:
    """``spec/board.py`` is ``rightsplan.spec.board``; a package's ``__init__.py`` is the package."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(("rightsplan",) + (parts[:-1] if parts[-1] == "__init__" else parts))


def _resolve(node: ast.ImportFrom, here: str, is_package: bool, known: set[str]) -> set[str]:
    """The project modules an ``ImportFrom`` runs: ``from . import board`` is ``board`` (not its package);
    ``from .model import K`` is ``model``; ``from rightsplan.spec import evaluate`` the package's ``__init__``
    only when some name is not a submodule."""
    if node.level:
        base = here.split(".")
        base = base if is_package else base[:-1]
        base = base[:len(base) - (node.level - 1)]
        stem = ".".join(base + ([node.module] if node.module else []))
    else:
        stem = node.module or ""
    submodules = {f"{stem}.{alias.name}" for alias in node.names} & known
    whole = {stem} if len(submodules) < len(node.names) else set()
    return submodules | whole


def imports_of(path: Path, root: Path, known: set[str]) -> set[str]:
    """Every project module imported anywhere in the file (top level, functions, ``TYPE_CHECKING``)."""
    here, tree = module_name(path, root), ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= _resolve(node, here, path.name == "__init__.py", known)
    return found & known


def project_graph(root: Path = ROOT) -> Graph:
    """Each project module and the project modules it imports (a package counts as its ``__init__``)."""
    files = [p for pkg in PACKAGES for p in sorted((root / pkg).rglob("*.py"))]
    known = {module_name(p, root) for p in files}
    return {module_name(p, root): imports_of(p, root, known) - {module_name(p, root)} for p in files}


def find_cycle(graph: Graph) -> list[str] | None:
    """One import circle as a path ``[a, b, ..., a]``, or None when the graph has none (depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_the_project_has_no_import_circle():
    cycle = find_cycle(project_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_graph_sees_the_known_layers():
    """The graph is read, not empty: the rules import the model, the checker the rules."""
    graph = project_graph()
    assert "rightsplan.solver.model" in graph["rightsplan.solver.system"]
    assert "rightsplan.solver.step" in graph["rightsplan.solver.board"]  # an import under TYPE_CHECKING
    assert "rightsplan.proofs.registry" in graph["rightsplan.proofs.catalogue"]


@pytest.mark.parametrize("graph, cycle", [
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, ["a", "b", "c", "a"]),
    ({"x": {"y"}, "y": {"y"}}, ["y", "y"]),
], ids=["two modules", "three modules and a bystander", "a module importing itself"])
def test_a_circle_is_found_and_named(graph: Graph, cycle: list[str]):
    assert find_cycle(graph) == cycle


def test_a_graph_without_circles_passes():
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set(), "d": {"a", "c"}}) is None


def test_every_kind_of_import_is_read(tmp_path: Path):
    """Imports inside a function and under TYPE_CHECKING count, relative ones resolved from the package."""
    pkg = tmp_path / "spec"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "one.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .two import Thing\n")
    (pkg / "two.py").write_text("def f():\n    from . import three\n    return three\n")
    (pkg / "three.py").write_text("import rightsplan.spec.one\n")
    for other in ("solver", "proofs"):
        (tmp_path / other).mkdir()
    graph = project_graph(tmp_path)
    assert graph["rightsplan.spec.one"] == {"rightsplan.spec.two"}
    assert graph["rightsplan.spec.two"] == {"rightsplan.spec.three"}  # a submodule, not its package
    assert find_cycle(graph) == ["rightsplan.spec.one", "rightsplan.spec.two", "rightsplan.spec.three",
                                 "rightsplan.spec.one"]
