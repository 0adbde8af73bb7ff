"""The small-model check: every property's induction verdict with 3, 4 and 5 symbolic persons.

The checker proves properties with three symbolic persons.  Each property speaks of one or two
persons (and of units, which the join relation closes transitively over any number), so three
should suffice: a fourth or fifth person can only add holdings, roles and group links of the same
kinds.  This script checks that argument instead of trusting it: it runs Houdini and one-step
induction with more persons and reports any verdict that changes.  Run:
``.venv/bin/python bench/persons_bench.py [--persons 3 4 5] [--property ID ...]``.
"""

from __future__ import annotations

import argparse
import time

from rightsplan.proofs.catalogue import PROPERTIES
from rightsplan.solver.engines import houdini, induction
from rightsplan.solver.model import Config


def verdicts(persons: int, ids: list[str]) -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    invariants: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for p in PROPERTIES:
        if ids and not any(i in p.id for i in ids):
            continue
        cfg = Config(persons=persons).with_readings(**p.readings)
        key = tuple(sorted(p.readings.items()))
        if key not in invariants:
            invariants[key] = houdini(cfg)
        t0 = time.process_time()
        verdict, _ = induction(cfg, p.holds, invariants[key])
        out[p.id] = ("proved" if verdict == "unsat" else f"not proved by induction ({verdict})", time.process_time() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, nargs="+", default=[3, 4, 5])
    ap.add_argument("--property", nargs="*", default=[])
    args = ap.parse_args()
    runs = {n: verdicts(n, args.property) for n in args.persons}
    base = runs[args.persons[0]]
    changed = 0
    print(f"{'property':58} " + " ".join(f"{n} persons (CPU s)".rjust(30) for n in args.persons))
    for pid in base:
        row = [f"{runs[n][pid][0][:18]:>18} {runs[n][pid][1]:10.2f}" for n in args.persons]
        differs = len({runs[n][pid][0] for n in args.persons}) > 1
        changed += differs
        print(f"{pid:58} " + " ".join(r.rjust(30) for r in row) + ("  <-- CHANGES" if differs else ""))
    print(f"\n{len(base)} properties; verdicts that change with the number of persons: {changed}")


if __name__ == "__main__":
    main()
