"""Apply a mutant to a private copy of the checkout and run the checks there, cheapest first.

The checkout itself is never touched: other work goes on in it.  A sandbox is a temporary
folder holding a copy of the project's files and a package tree ``_pkg/rightsplan`` whose
``spec``, ``solver`` and ``proofs`` are links to the copy, put first on PYTHONPATH so that
``import rightsplan.spec`` finds the copy before the editable install's mapping to the
checkout.  Every sandbox proves that before it is used (``Sandbox.probe``).

Checks, in order of cost (the first that fails kills the mutant):
``tests``      the tests of the mutated layer, those named after a mutated module first;
``examples``   ``rightsplan test examples/*.yaml`` when that command exists, else tests/test_examples.py;
``verify``     ``rightsplan verify --jobs 2``: its exit status;
``crosscheck`` the derandomized stateful cross-check (tests/test_crosscheck_stateful.py, profile ci).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rightsplan.proofs.mutants_set import Mutant

CHECKOUT = Path(__file__).resolve().parent.parent
COPIED = ("spec", "solver", "proofs", "tests", "examples", "docs", "bench")
COPIED_FILES = ("pyproject.toml", "README.md", "Makefile")
PACKAGES = ("spec", "solver", "proofs")
CHECKS = ("tests", "examples", "verify", "crosscheck")
# Tests that are not "the tests of a module": the whole-system checks run later, and the mutant tests.
NOT_MIRRORS = {"test_crosscheck_stateful.py", "test_defect_mutants.py", "test_spec_mutants.py"}
# the model's own tests; test_mutant_survivors.py pins, in both layers, the boundaries survivors moved
SOLVER_TESTS = {"test_solver_model.py", "test_proofs_catalogue.py", "test_mutant_survivors.py"}
# Wall-clock seconds per check (RIGHTSPLAN_MUTANT_CHECK_TIMEOUT overrides).  On a shared machine a check can
# be slow for want of a processor, so a check that runs out of time kills nothing: the next check runs, and a
# mutant no check kills while one timed out is TIMEOUT (undecided), never SURVIVED and never killed.
TIMEOUT = int(os.environ.get("RIGHTSPLAN_MUTANT_CHECK_TIMEOUT", "1800"))
VERIFY_TIMEOUT = 300  # seconds per property in `rightsplan verify` (its default is 60)


class MutantRotted(Exception):
    """A mutant's snippet no longer occurs exactly once in its file: the set must be updated."""


@dataclass
class CheckResult:
    check: str
    passed: bool
    seconds: float
    detail: str  # the last lines of the output when it failed
    failing: tuple[str, ...] = ()  # for pytest checks: the failing tests' node ids
    timed_out: bool = False  # ran out of TIMEOUT: no verdict either way


def project_files(source: Path = CHECKOUT) -> list[Path]:
    """The files a sandbox copies: tracked and new (not ignored) files of the copied folders."""
    if not (source / ".git").exists():  # a snapshot: every file it holds
        return sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file() and "_pkg" not in p.parts)
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=source,
                            capture_output=True, check=True).stdout.decode().split("\0")
    keep = []
    for name in listed:
        if not name or not (source / name).is_file():
            continue
        top = name.split("/")[0]
        if (top in COPIED or name in COPIED_FILES) and "/out/" not in f"/{name}" and "__pycache__" not in name:
            keep.append(Path(name))
    return keep


def snapshot(source: Path = CHECKOUT) -> Path:
    """A frozen copy of the project's files: every sandbox of one run starts from it, whatever changes meanwhile."""
    root = Path(tempfile.mkdtemp(prefix="rightsplan-snapshot-"))
    for rel in project_files(source):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, root / rel)
    return root


class Sandbox:
    """A private copy of the checkout whose ``rightsplan`` package is the copy."""

    def __init__(self, source: Path = CHECKOUT, label: str = "mutant", deselect: tuple[str, ...] = ()) -> None:
        self.deselect = deselect  # tests that fail without any mutant: left out, so they cannot "kill" one
        self.for_mutants: tuple[Mutant, ...] = ()  # a baseline's "tests" check runs the mirror tests of these
        self.root = Path(tempfile.mkdtemp(prefix=f"rightsplan-{re.sub(r'[^a-z0-9]+', '-', label.lower())}-"))
        for rel in project_files(source):
            (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / rel, self.root / rel)
        pkg = self.root / "_pkg" / "rightsplan"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text('"""The sandbox copy of rightsplan (proofs/mutants_sandbox.py)."""\n')
        for name in PACKAGES:
            (pkg / name).symlink_to(self.root / name, target_is_directory=True)

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(self.root / "_pkg"), *filter(None, [env.get("PYTHONPATH")])])
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("HYPOTHESIS_PROFILE", None)
        env.update(extra)
        return env

    def probe(self) -> dict[str, str]:
        """Where ``rightsplan.spec``, ``.solver`` and ``.proofs`` are imported from; raises unless from the copy."""
        code = ("import rightsplan.spec, rightsplan.solver, rightsplan.proofs.verify as v\n"
                "for m in (rightsplan.spec, rightsplan.solver, v): print(m.__file__)")
        out = subprocess.run([sys.executable, "-c", code], cwd=self.root, env=self.env(), capture_output=True,
                             text=True, timeout=120)
        files = out.stdout.split()
        if out.returncode != 0 or len(files) != 3 or not all(f.startswith(str(self.root)) for f in files):
            raise RuntimeError(f"sandbox {self.root}: rightsplan is not imported from the copy: "
                               f"{out.stdout.strip() or out.stderr.strip()[-400:]}")
        return dict(zip(("spec", "solver", "proofs"), files))

    def apply(self, mutant: Mutant) -> None:
        """Patch the copy; raises ``MutantRotted`` when a snippet is not found exactly once."""
        for patch in mutant.patches:
            path = self.root / patch.path
            text = path.read_text() if path.is_file() else ""
            found = text.count(patch.old)
            if found != 1:
                raise MutantRotted(f"mutant {mutant.name}: {patch.path}: the snippet {patch.old.strip()[:70]!r} "
                                   f"occurs {found} times; expected exactly once (update proofs/mutants_set.py)")
            path.write_text(text.replace(patch.old, patch.new))

    def mirror_tests(self, mutant: Mutant) -> list[str]:
        """The tests of the mutated layer, those named after a mutated module first.

        For ``spec/``: every test file that uses neither the solver nor the checker (the reference
        implementation's own tests); for ``solver/``: the model's tests.
        """
        names = {Path(p.path).stem for p in mutant.patches}
        chosen = []
        for test in sorted((self.root / "tests").glob("test_*.py")):
            if test.name in NOT_MIRRORS:
                continue
            text = test.read_text()
            named_after = any(test.name.startswith(f"test_{n}") for n in names)
            uses_solver = "rightsplan.solver" in text or "rightsplan.proofs" in text
            if mutant.layer == "solver":
                mirrors = test.name in SOLVER_TESTS or named_after and uses_solver
            else:
                mirrors = not uses_solver
            if mirrors:
                chosen.append((not named_after, f"tests/{test.name}"))
        return [name for _, name in sorted(chosen)]

    def command(self, check: str, mutant: Mutant | None) -> list[str] | None:
        """The command line of a check in this sandbox, or None when it has nothing to run."""
        py = [sys.executable]
        pytest = [*py, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", *(["-x"] if mutant else []),
                  *[arg for node in self.deselect for arg in ("--deselect", node)]]
        if check == "tests":
            targets = [mutant] if mutant else self.for_mutants
            tests = sorted({t for m in targets for t in self.mirror_tests(m)})
            return [*pytest, *tests] if tests else None
        if check == "examples":
            probe = subprocess.run([*py, "-m", "rightsplan.proofs.cli", "test", "--help"], cwd=self.root,
                                   env=self.env(), capture_output=True, timeout=120)
            if probe.returncode == 0:
                return [*py, "-m", "rightsplan.proofs.cli", "test", *sorted(
                    str(p.relative_to(self.root)) for p in (self.root / "examples").glob("*.yaml"))]
            return [*pytest, "tests/test_examples.py"]
        if check == "verify":
            # A longer per-property time limit than the default 60 s: a loaded machine must not pass for a kill.
            return [*py, "-m", "rightsplan.proofs.cli", "verify", "--jobs", "2", "--timeout", str(VERIFY_TIMEOUT)]
        if check == "crosscheck":
            return [*pytest, "tests/test_crosscheck_stateful.py"]
        raise ValueError(f"unknown check {check!r}: expected one of {CHECKS}")

    def run(self, check: str, mutant: Mutant | None = None) -> CheckResult | None:
        """Run one check; None when the check has nothing to run for this mutant."""
        argv = self.command(check, mutant)
        if argv is None:
            return None
        t0 = time.monotonic()
        try:
            out = subprocess.run(argv, cwd=self.root, env=self.env(HYPOTHESIS_PROFILE="ci"), capture_output=True,
                                 text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return CheckResult(check, False, time.monotonic() - t0, f"timeout after {TIMEOUT} s", timed_out=True)
        lines = (out.stdout + out.stderr).strip().splitlines()
        fails = [line for line in lines if "FAIL" in line or line.startswith("E   ")]
        tail = "\n".join(fails[:4] if fails else lines[-6:])
        failing = tuple(line[len("FAILED "):].split(" - ", 1)[0] for line in out.stdout.splitlines()
                        if line.startswith("FAILED "))
        return CheckResult(check, out.returncode == 0, time.monotonic() - t0, "" if out.returncode == 0 else tail,
                           failing)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
