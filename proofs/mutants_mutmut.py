"""The mechanical mutants of spec/: mutmut on a copy laid out so that its mutated copy is what gets imported.

mutmut copies the code it mutates into ``mutants/`` and puts ``mutants/src`` first on the
path; it names each mutated function after its file's path.  The checkout's layout
(``spec/`` installed as ``rightsplan.spec``) fits neither, so the copy is laid out as
``src/rightsplan/{spec,solver,proofs}``: the mutated ``rightsplan.spec`` is then the one the
tests import, and the names line up.  The checkout itself is never touched.

For a file of ``spec/`` the tests run are the reference implementation's fast tests (the Z3
checks, the cross-check and the mutant tests are left to ``make verify`` and the legal-logic
mutants).  For a file of ``solver/`` they are the model's own tests (``SOLVER_TESTS``: concrete
histories through the transition system, the step helpers, the calendar, the per-plan model
and the boundary tests of earlier survivors); the cross-check and ``verify`` are not run per
mutant, they cost minutes each.  One run mutates files of one layer only.  ``--commit`` lays the
copy out from a commit (``git archive``) instead of the working tree, so other people's
uncommitted edits stay out of it.  The result is mutmut's own count: killed, survived, no
tests, timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rightsplan.proofs.mutants_sandbox import CHECKOUT, PACKAGES, project_files

MODULES = ("spec/acquiring_person.py",)
SLOW_OR_SOLVER = ("test_crosscheck_stateful.py", "test_defect_mutants.py", "test_spec_mutants.py",
                  "test_solver_model.py", "test_proofs_catalogue.py", "test_identities.py", "test_layers.py",
                  "test_economics_agree.py", "test_provisions.py",  # reads spec/ by path
                  "test_crosscheck_coverage.py")  # runs the cross-check (the model) through test_crosscheck_stateful
SOLVER_TESTS = ("test_solver_model.py", "test_step_helpers.py", "test_mutant_survivors.py", "test_model_calendar.py",
                "test_history_operators.py", "test_model_per_plan.py")  # about 45 s of CPU unmutated


def layer(modules: tuple[str, ...]) -> str:
    """``spec`` or ``solver``: the one layer the files to mutate belong to (their tests differ)."""
    layers = {Path(m).parts[0] for m in modules}
    if len(layers) != 1 or not layers <= {"spec", "solver"}:
        raise ValueError(f"mutate files of spec/ or of solver/, one layer per run: got {', '.join(modules)}")
    return layers.pop()


def selection(root: Path, modules: tuple[str, ...]) -> list[str]:
    """The test files mutmut may run for these modules (it runs, per mutant, those that call the mutated function)."""
    if layer(modules) == "solver":
        return [f"tests/{name}" for name in SOLVER_TESTS if (root / "tests" / name).is_file()]
    return sorted(f"tests/{t.name}" for t in (root / "tests").glob("test_*.py")
                  if t.name not in SLOW_OR_SOLVER and not re.search(r"rightsplan\.(solver|proofs)", t.read_text()))


def export(commit: str, source: Path = CHECKOUT) -> Path:
    """The files of ``commit`` in a fresh folder (no .git: a snapshot, copied whole by ``lay_out``)."""
    root = Path(tempfile.mkdtemp(prefix="rightsplan-commit-"))
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=source, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
    return root


def lay_out(root: Path, modules: tuple[str, ...], source: Path = CHECKOUT) -> list[str]:
    """Copy the project into ``root`` with the code under src/rightsplan; return the tests mutmut runs."""
    for rel in project_files(source):
        top = rel.parts[0]
        dest = root / "src" / "rightsplan" / rel if top in PACKAGES else root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, dest)
    (root / "src" / "rightsplan" / "__init__.py").write_text('"""rightsplan, laid out for mutmut."""\n')
    tests = selection(root, modules)
    deselect = [arg for node in failing(root, tests) for arg in ("--deselect", node)]
    config = "\n".join([
        "", "[tool.mutmut]",
        'source_paths = ["src/rightsplan"]',
        f"only_mutate = {json.dumps(['src/rightsplan/' + m for m in modules])}",
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        f"pytest_add_cli_args = {json.dumps(['-p', 'no:cacheprovider', *deselect])}",
        'also_copy = ["examples", "docs", "README.md"]',
        # mutmut stops a mutant after 2 * multiplier * (its tests' time + 1 s) of CPU; with its default
        # of 15, a mutant that loops for ever (spec/ownership.py's _root_3, about 66 s of tests) would hold a
        # worker about 33 minutes of CPU.  A mutant's own run takes at most its tests' time, measured with tracing.
        "timeout_multiplier = 1.5",
        "",
    ])
    with (root / "pyproject.toml").open("a") as f:
        f.write(config)
    return tests


def failing(root: Path, tests: list[str]) -> list[str]:
    """Tests that already fail on the unmutated copy (someone's work in progress): mutmut cannot use them."""
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"} | {"PYTHONPATH": str(root / "src")}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *tests], cwd=root,
                         env=env, capture_output=True, text=True).stdout
    nodes = [line.split(" ", 1)[1].split(" - ", 1)[0] for line in out.splitlines() if line.startswith("FAILED ")]
    for node in nodes:
        print(f"left out of the mutmut run (fails without any mutant): {node}")
    return nodes


def run(modules: tuple[str, ...] = MODULES, jobs: int = 2, keep: bool = False, source: Path = CHECKOUT) -> dict[str, Any]:
    """Run mutmut on ``modules`` in a fresh copy; returns mutmut's counts by status."""
    layer(modules)
    root = Path(tempfile.mkdtemp(prefix="rightsplan-mutmut-"))
    try:
        stats_tests = lay_out(root, modules, source)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HYPOTHESIS_PROFILE")}
        with (root / "mutmut-run.log").open("w") as log:  # its progress spinner is not for a log
            subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)], cwd=root, env=env,
                           stdout=log, stderr=subprocess.STDOUT, check=False)
        subprocess.run([sys.executable, "-m", "mutmut", "export-cicd-stats"], cwd=root, env=env, capture_output=True)
        if not (root / "mutants" / "mutmut-cicd-stats.json").is_file():
            tail = (root / "mutmut-run.log").read_text()[-600:] if (root / "mutmut-run.log").is_file() else ""
            raise RuntimeError(f"mutmut produced no results in {root}: {tail}")
        stats = json.loads((root / "mutants" / "mutmut-cicd-stats.json").read_text())
        survivors = subprocess.run([sys.executable, "-m", "mutmut", "results"], cwd=root, env=env,
                                   capture_output=True, text=True).stdout
        stats["survivor_lines"] = survivors.strip().splitlines()
        names = [line.strip().split(":")[0] for line in stats["survivor_lines"] if line.strip()]
        stats["survivor_kinds"] = classify(root, names, env)
        stats["tests"] = stats_tests
        return stats
    finally:
        if keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def classify(root: Path, survivors: list[str], env: dict[str, str]) -> dict[str, list[str]]:
    """Sort surviving mutants by what they change: a string only, an explanation's metadata, or a decision.

    "text": only the words of a string literal differ; "explanation": the change is to a Note's
    index, section or text, or to ``pct`` (the percentage printed in explanations); "decision":
    anything else, shown as its changed line.
    """
    kinds: dict[str, list[str]] = {"text": [], "explanation": [], "decision": []}
    literal = re.compile(r"f?\"[^\"]*\"|f?'[^']*'")
    for name in survivors:
        diff = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=root, env=env, capture_output=True,
                              text=True).stdout.splitlines()
        old = [d[1:].strip() for d in diff if d.startswith("-") and not d.startswith("---")]
        new = [d[1:].strip() for d in diff if d.startswith("+") and not d.startswith("+++")]
        short = name.rsplit(".", 1)[-1]
        if [literal.sub("S", x) for x in old] == [literal.sub("S", x) for x in new]:
            kinds["text"].append(short)
        elif "x_pct" in short or any("Note(" in x for x in old):
            kinds["explanation"].append(short)
        else:
            kinds["decision"].append(f"{short}: `{old[0] if old else ''}` -> `{new[0] if new else ''}`")
    return kinds


def summary(stats: dict[str, Any], modules: tuple[str, ...] = MODULES) -> str:
    """One line: killed (timeouts count as killed, as mutmut counts them) of all, and every status."""
    killed, total = int(stats.get("killed", 0)) + int(stats.get("timeout", 0)), int(stats.get("total", 0))
    counts = ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if isinstance(v, int) and v)
    return f"mutmut on {', '.join(modules)}: {killed} of {total} killed ({100 * killed / max(total, 1):.1f}%); {counts}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="mutants_mutmut", description=__doc__.splitlines()[0])
    ap.add_argument("modules", nargs="*", default=list(MODULES), help="files of spec/, or of solver/, to mutate")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the copy (to browse it with mutmut)")
    ap.add_argument("--json", help="also write the counts to this file")
    ap.add_argument("--commit", help="lay the copy out from this commit, not the working tree")
    args = ap.parse_args(argv)
    source = export(args.commit) if args.commit else CHECKOUT
    try:
        stats = run(tuple(args.modules), args.jobs, args.keep, source)
    finally:
        if args.commit:
            shutil.rmtree(source, ignore_errors=True)
    print(summary(stats, tuple(args.modules)))
    if args.json:
        Path(args.json).write_text(json.dumps(stats, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
