"""The small-model check: every property's induction verdict with 3, 4 and 5 symbolic persons.

The checker proves properties with three symbolic persons (the properties of the final result under the
retroactive cure too, by proofs/cure_check.py's induction).  Each property speaks of one or two
persons (and of units, which the join relation closes transitively over any number), so three
should suffice: a fourth or fifth person can only add holdings, roles and group links of the same
kinds.  This script checks that argument instead of trusting it: it runs Houdini and one-step
induction with more persons and reports any verdict that changes.

Every solver call gets a wall-clock limit (``--timeout``, Z3's global ``timeout``) besides the
project's deterministic resource limit (``--rlimit``).  A call that hits either says ``unknown``:
that is no verdict, so such a property is listed as not finished, never as agreeing.  Houdini
counts an ``unknown`` as "not shown" and drops the candidate, so the invariant sets found for
each number of persons are compared too: a smaller set with more persons is reported.
Run: ``nice -n 19 .venv/bin/python bench/persons_bench.py [--persons 3 5] [--property ID ...]
[--timeout 300] [--json out.json]``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import z3

from rightsplan.proofs.catalogue import PROPERTIES
from rightsplan.solver import engines
from rightsplan.solver.engines import houdini, induction
from rightsplan.solver.model import Config

PROVED, REFUTED, UNFINISHED = "proved", "not inductive", "UNKNOWN"


def limit_solvers(timeout_s: float, rlimit: int) -> None:
    """Every solver made from now on stops after ``timeout_s`` seconds or ``rlimit`` resource units."""
    z3.set_param("timeout", int(timeout_s * 1000))
    original = engines.new_solver.__wrapped__ if hasattr(engines.new_solver, "__wrapped__") else engines.new_solver

    def bounded(z: Any = z3, rlimit_: int = rlimit) -> Any:
        return original(z, rlimit_)

    bounded.__wrapped__ = original  # type: ignore[attr-defined]
    engines.new_solver = bounded


def classify(verdict: str) -> str:
    """``unsat`` proves; ``sat`` is a step the invariants do not exclude; anything else is unfinished."""
    if verdict == "unsat":
        return PROVED
    if verdict == "sat":
        return REFUTED
    return f"{UNFINISHED} ({verdict.removeprefix('unknown: ')})"


def classify_final(verdict: str) -> str:
    """cure_check's words: "PROVED (induction)" proves, "NOT INDUCTIVE ..." is a step not excluded, else unfinished."""
    if verdict == "PROVED (induction)":
        return PROVED
    if verdict.startswith("NOT INDUCTIVE"):
        return REFUTED
    return f"{UNFINISHED} ({verdict})"


def final_verdict(cfg: Config, p: Any, invariants: list[str], out: dict[str, Any]) -> str:
    """A property of the final result by cure_check's induction, with the second copy's invariants (found once)."""
    from rightsplan.proofs import cure_check

    if p.engine != "final_run":
        return cure_check.prove(cfg, p.id, invariants)
    key = f"any suppression {sorted(p.readings.items())}"
    if key not in out["invariants"]:
        t0, w0 = time.process_time(), time.monotonic()
        kept = cure_check.houdini_any_suppression(cfg)
        out["invariants"][key] = {"kept": kept, "cpu": time.process_time() - t0, "wall": time.monotonic() - w0}
    return cure_check.prove_run(cfg, p.id, invariants, out["invariants"][key]["kept"])


def verdicts(persons: int, ids: list[str], progress: bool = True) -> dict[str, Any]:
    """Houdini's invariants per reading set, and each chosen property's induction verdict and times."""
    out: dict[str, Any] = {"properties": {}, "invariants": {}}
    invariants: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for p in PROPERTIES:
        if ids and not any(i in p.id for i in ids):
            continue
        cfg = Config(persons=persons).with_readings(**p.readings)
        key = tuple(sorted(p.readings.items()))
        if key not in invariants:
            t0, w0 = time.process_time(), time.monotonic()
            invariants[key] = houdini(cfg)
            out["invariants"][repr(dict(key))] = {"kept": invariants[key], "cpu": time.process_time() - t0,
                                                  "wall": time.monotonic() - w0}
        t0, w0 = time.process_time(), time.monotonic()
        if p.engine == "step":
            verdict = classify(induction(cfg, p.holds, invariants[key])[0])
        else:  # the retroactive cure's final result: the same 1-induction as verify's (proofs/cure_check.py)
            verdict = classify_final(final_verdict(cfg, p, invariants[key], out))
        row = {"verdict": verdict, "cpu": time.process_time() - t0, "wall": time.monotonic() - w0}
        out["properties"][p.id] = row
        if progress:
            print(f"  [{persons}] {p.id:58} {row['verdict'][:40]:40} {row['cpu']:8.2f} s", flush=True)
    return out


def compare(runs: dict[int, dict[str, Any]]) -> dict[str, list[str]]:
    """Which properties agree across every run, which change, which did not finish in some run."""
    counts = sorted(runs)
    first = runs[counts[0]]["properties"]
    out: dict[str, list[str]] = {"same": [], "changed": [], "unfinished": []}
    for pid in first:
        seen = [runs[n]["properties"][pid]["verdict"] for n in counts]
        if any(v.startswith(UNFINISHED) for v in seen):
            out["unfinished"].append(pid)
        elif len(set(seen)) > 1:
            out["changed"].append(pid)
        else:
            out["same"].append(pid)
    return out


def invariant_differences(runs: dict[int, dict[str, Any]]) -> list[str]:
    """Reading sets whose Houdini invariants differ between the numbers of persons."""
    counts = sorted(runs)
    notes = []
    for key, found in runs[counts[0]]["invariants"].items():
        for n in counts[1:]:
            other = runs[n]["invariants"].get(key)
            if other is not None and set(other["kept"]) != set(found["kept"]):
                lost = sorted(set(found["kept"]) - set(other["kept"]))
                gained = sorted(set(other["kept"]) - set(found["kept"]))
                notes.append(f"{key}: with {n} persons Houdini lost {lost} and gained {gained}")
    return notes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, nargs="+", default=[3, 4, 5])
    ap.add_argument("--property", nargs="*", default=[])
    ap.add_argument("--timeout", type=float, default=300.0, help="wall-clock seconds per solver call")
    ap.add_argument("--rlimit", type=int, default=engines.RLIMIT, help="Z3 resource limit per solver call")
    ap.add_argument("--json", default="", help="also write every verdict and time to this file")
    args = ap.parse_args()
    limit_solvers(args.timeout, args.rlimit)
    runs = {n: verdicts(n, args.property) for n in args.persons}
    base = runs[args.persons[0]]["properties"]
    result = compare(runs)
    print(f"{'property':58} " + " ".join(f"{n} persons (CPU s)".rjust(30) for n in args.persons))
    for pid in base:
        row = [f"{runs[n]['properties'][pid]['verdict'][:18]:>18} {runs[n]['properties'][pid]['cpu']:10.2f}"
               for n in args.persons]
        mark = "  <-- CHANGES" if pid in result["changed"] else ("  (unfinished)" if pid in result["unfinished"] else "")
        print(f"{pid:58} " + " ".join(r.rjust(30) for r in row) + mark)
    for note in invariant_differences(runs):
        print(f"Houdini: {note}")
    print(f"\n{len(base)} properties: {len(result['same'])} the same verdict with {args.persons} persons, "
          f"{len(result['changed'])} change, {len(result['unfinished'])} unfinished in some run "
          f"(timeout {args.timeout:.0f} s, rlimit {args.rlimit:,})")
    for pid in result["changed"] + result["unfinished"]:
        print(f"  {pid}: " + ", ".join(f"{n}: {runs[n]['properties'][pid]['verdict']}" for n in args.persons))
    if args.json:
        Path(args.json).write_text(json.dumps({"runs": {str(n): r for n, r in runs.items()}, "compare": result,
                                               "timeout": args.timeout, "rlimit": args.rlimit}, indent=1))


if __name__ == "__main__":
    main()
