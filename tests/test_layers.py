"""House style 1: the layers are visible in the imports, and every citation is well formed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rightsplan.spec.citations import cite, is_valid
from rightsplan.spec.errors import InternalError

ROOT = Path(__file__).resolve().parent.parent
SOLVERS = {"z3", "sympy", "cvc5"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0] if not node.module.startswith("rightsplan.") else node.module)
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "spec").glob("*.py")), ids=lambda p: p.name)
def test_the_reference_implementation_never_imports_a_solver_or_the_checker(path: Path):
    names = imported_modules(path)
    assert not names & SOLVERS
    assert not any(n.startswith(("rightsplan.solver", "rightsplan.proofs")) for n in names)


@pytest.mark.parametrize("path", sorted((ROOT / "solver").glob("*.py")), ids=lambda p: p.name)
def test_the_solver_reads_only_the_vocabulary_of_the_reference_implementation(path: Path):
    allowed = {"rightsplan.spec.vocabulary", "rightsplan.spec.citations", "rightsplan.spec.errors",
               "rightsplan.spec.terms", "rightsplan.spec.calendar", "rightsplan.spec"}
    spec_imports = {n for n in imported_modules(path) if n.startswith("rightsplan.spec")}
    assert spec_imports <= allowed, spec_imports - allowed


@pytest.mark.parametrize("good", ["Section 1(a)", "Section 11(a)(ii)", "Section 24(e)", "Exhibit A §2", "Exhibit C",
                                  "Section 1(oo)", "Rule 13d-3(d)(1)(i)"])
def test_well_formed_citations_are_accepted(good: str):
    assert cite(good) == good


@pytest.mark.parametrize("bad", ["Section 35", "section 1(a)", "Sec. 1(a)", "Exhibit D", "Section 1(a", "Exhibit A §13"])
def test_malformed_or_unknown_citations_are_refused(bad: str):
    assert not is_valid(bad)
    with pytest.raises(InternalError):
        cite(bad)
