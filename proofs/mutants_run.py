"""Run the legal-logic mutants: each in its own sandbox, two at a time, and say what killed each.

``baseline`` first runs every check on an unmutated copy: a check that fails there cannot
tell a mutant from the code as it is, so it is left out (and the report says so).
``run_mutant`` applies one mutant and runs the usable checks in order of cost; the first
that fails kills it.  ``markdown`` renders the results as docs/mutants.md.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rightsplan.proofs.mutants_mutmut import summary
from rightsplan.proofs.mutants_sandbox import CHECKOUT, CHECKS, CheckResult, MutantRotted, Sandbox
from rightsplan.proofs.mutants_set import DEFECTS, Mutant


@dataclass
class Outcome:
    """What happened to one mutant: the check that killed it, SURVIVED, or ROTTED (snippet gone)."""

    mutant: Mutant
    verdict: str  # a check name, "SURVIVED" or "ROTTED"
    seconds: float
    checks: list[CheckResult] = field(default_factory=list)
    detail: str = ""

    @property
    def killed(self) -> bool:
        return self.verdict in CHECKS


def baseline(checks: tuple[str, ...] = CHECKS, source: Path = CHECKOUT,
             mutants: tuple[Mutant, ...] = ()) -> dict[str, CheckResult]:
    """Every check on an unmutated copy, in parallel; a check that fails here is not used.

    A pytest check whose only failures are some tests (someone's work in progress) stays usable
    without them: it is run again leaving them out, and used that way if it then passes.
    """
    box = Sandbox(source, "baseline")
    box.for_mutants = mutants
    try:
        box.probe()
        with ThreadPoolExecutor(2) as pool:
            results = {c: r for c, r in zip(checks, pool.map(box.run, checks)) if r is not None}
        failing = tuple(node for r in results.values() for node in r.failing)
        if failing:
            box.deselect = failing
            for c, r in results.items():
                if r.failing:
                    again = box.run(c)
                    results[c] = again if again is not None else r
        return results
    finally:
        box.remove()


def left_out(base: dict[str, CheckResult]) -> tuple[str, ...]:
    """The tests the baseline found failing without any mutant."""
    return tuple(node for r in base.values() for node in r.failing)


def run_mutant(mutant: Mutant, checks: tuple[str, ...] = CHECKS, source: Path = CHECKOUT,
               stop_at_first: bool = True, deselect: tuple[str, ...] = ()) -> Outcome:
    """Apply the mutant in a fresh sandbox and run the checks in order until one fails."""
    box = Sandbox(source, mutant.name, deselect)
    total = 0.0
    try:
        box.probe()
        try:
            box.apply(mutant)
        except MutantRotted as rot:
            return Outcome(mutant, "ROTTED", 0.0, detail=str(rot))
        done: list[CheckResult] = []
        verdict = "SURVIVED"
        for check in checks:
            result = box.run(check, mutant)
            if result is None:
                continue
            done.append(result)
            total += result.seconds
            if not result.passed and verdict == "SURVIVED":
                verdict = check
                if stop_at_first:
                    break
        return Outcome(mutant, verdict, total, done)
    finally:
        box.remove()


def run_all(mutants: list[Mutant], checks: tuple[str, ...], jobs: int = 2, source: Path = CHECKOUT,
            progress: bool = True, deselect: tuple[str, ...] = ()) -> list[Outcome]:
    """Every mutant, ``jobs`` at a time, in the order given."""
    def one(m: Mutant) -> Outcome:
        o = run_mutant(m, checks, source, deselect=deselect)
        if progress:
            why = next((c.detail.splitlines()[0][:110] for c in o.checks if not c.passed and c.detail), "")
            print(f"  {m.name:52} {o.verdict:10} {o.seconds:6.1f} s  {why}", flush=True)
        return o

    with ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, mutants))


def rates(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """Per layer: (killed, applied); rotted mutants are not applied and count in neither."""
    out: dict[str, tuple[int, int]] = {}
    for o in outcomes:
        if o.verdict == "ROTTED":
            continue
        k, n = out.get(o.mutant.layer, (0, 0))
        out[o.mutant.layer] = (k + o.killed, n + 1)
    return out


def problems(outcomes: list[Outcome]) -> list[str]:
    """What must fail the run: rotted mutants, survivors without an explanation, stale explanations."""
    out = []
    for o in outcomes:
        if o.verdict == "ROTTED":
            out.append(o.detail)
        elif o.verdict == "SURVIVED" and not o.mutant.survives:
            out.append(f"mutant {o.mutant.name} survived every check and has no explanation in proofs/mutants_set.py")
        elif o.killed and o.mutant.survives:
            out.append(f"mutant {o.mutant.name} is now killed by {o.verdict}: drop its 'survives' note")
    return out


def table(outcomes: list[Outcome]) -> str:
    lines = [f"{'mutant':52} {'layer':6} {'section':16} {'killed by':10} {'time s':>7}"]
    for o in outcomes:
        lines.append(f"{o.mutant.name:52} {o.mutant.layer:6} {o.mutant.section:16} {o.verdict:10} {o.seconds:7.1f}")
    return "\n".join(lines)


def _pct(k: int, n: int) -> str:
    return f"{k}/{n} ({100 * k / n:.1f}%)" if n else "0/0"


def markdown(outcomes: list[Outcome], base: dict[str, CheckResult], checks: tuple[str, ...], seconds: float,
             mechanical: dict[str, Any] | None = None, defects: list[Outcome] | None = None) -> str:
    """docs/mutants.md: the kill rates, each mutant with what killed it, and every survivor explained."""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    r = rates(outcomes)
    out = [
        "# Mutants: misreadings of the agreement, and the check that catches each",
        "",
        f"Generated by `make mutants` (`python -m rightsplan.proofs.mutants`) on {when}, in {seconds / 60:.1f} minutes "
        "on two cores. Do not edit by hand.",
        "",
        "Each mutant is one plausible misreading of the agreement, written as a source patch to `spec/` or `solver/` "
        "(`proofs/mutants_set.py`), applied in a private copy of the checkout (`proofs/mutants_sandbox.py`). The "
        "checks run in order of cost and the first that fails kills the mutant: `tests` (the tests of the mutated "
        "modules), `examples` (the worked examples' stated answers), `verify` (`rightsplan verify --jobs 2` exit "
        "status), `crosscheck` (the derandomized stateful cross-check of model and reference).",
        "",
        "## Kill rates",
        "",
        "| layer | killed / applied |",
        "| --- | --- |",
        *[f"| {layer} | {_pct(*r[layer])} |" for layer in sorted(r)],
        f"| all | {_pct(sum(k for k, _ in r.values()), sum(n for _, n in r.values()))} |",
        "",
    ]
    skipped = left_out(base)
    if skipped:
        out += ["Tests that failed on the unmutated copy (work in progress elsewhere) and were left out of every "
                "check: " + ", ".join(f"`{n}`" for n in skipped) + ".", ""]
    unused = [f"`{c}` ({b.detail.splitlines()[-1] if b.detail else 'failed'})" for c, b in base.items() if not b.passed]
    if unused:
        out += ["Checks that failed on the unmutated copy and were therefore not used: " + "; ".join(unused) + ".", ""]
    rotted = [o for o in outcomes if o.verdict == "ROTTED"]
    if rotted:
        out += ["Mutants whose snippet no longer matches the source (not applied):", ""]
        out += [f"- `{o.mutant.name}`: {o.detail}" for o in rotted] + [""]
    by_name = {o.mutant.name: o for o in defects or []}
    out += ["## The defects of issue 8", "", "Each must make `make verify` fail: `rightsplan verify` exits non-zero or "
            "the derandomized cross-check fails (only those two checks run here; tests/test_defect_mutants.py asserts "
            "it).", "", "| defect | mutant | caught by | first failure |", "| --- | --- | --- | --- |"]
    for letter, name in DEFECTS.items():
        o = by_name.get(name)
        why = next((c.detail.splitlines()[0][:140] for c in o.checks if not c.passed and c.detail), "") if o else ""
        verdict = "not run" if o is None else ("NOT CAUGHT" if o.verdict == "SURVIVED" else o.verdict)
        out.append(f"| ({letter}) | `{name}` | {verdict} | {why.replace('|', '/')} |")
    out += ["", "## Survivors", ""]
    survivors = [o for o in outcomes if o.verdict == "SURVIVED"]
    out += [f"- `{o.mutant.name}` ({o.mutant.section}, {o.mutant.mistake}): "
            f"{o.mutant.survives or '**not explained**'}" for o in survivors] or ["None."]
    if mechanical is not None:
        kinds = mechanical.get("survivor_kinds", {})
        out += ["", "## mutmut (mechanical mutants)", "", summary(mechanical) + ".", "",
                f"Survivors by what they change: {len(kinds.get('text', []))} only the words of a string, "
                f"{len(kinds.get('explanation', []))} an explanation's metadata or its printed percentage (`pct`), "
                f"{len(kinds.get('decision', []))} a decision. The decision-changing survivors (`mutmut show NAME` in "
                "a copy kept with `python -m rightsplan.proofs.mutants_mutmut --keep`):", ""]
        out += [f"- {line}" for line in kinds.get("decision", [])] or ["None."]
    out += ["", "## Every mutant", "", "| mutant | section | misreading | killed by | first failure | seconds |",
            "| --- | --- | --- | --- | --- | --- |"]
    for o in outcomes:
        why = next((c.detail.splitlines()[0][:140] for c in o.checks if not c.passed and c.detail), "")
        out.append(f"| `{o.mutant.name}` | {o.mutant.section} | {o.mutant.mistake.replace('|', '/')} | "
                   f"{o.verdict} | {why.replace('|', '/').replace('`', '')} | {o.seconds:.0f} |")
    return "\n".join(out) + "\n"
