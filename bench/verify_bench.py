"""Benchmark of the checker: per property, the verdict, its time, and how deep plain BMC gets.

``make verify`` proves holding properties by induction, which covers every depth; this
script also measures, for each property, how deep bounded model checking alone reaches
within a wall-clock budget (``--budget`` seconds per property, default 2), so the README
can quote what the proofs save.  Run: ``.venv/bin/python bench/verify_bench.py``.
"""

from __future__ import annotations

import argparse
import time

import z3

from rightsplan.proofs import verify
from rightsplan.proofs.catalogue import PROPERTIES
from rightsplan.solver.engines import Unrolling, in_windows
from rightsplan.solver.model import Config


def plain_bmc_depth(prop_id: str, budget: float, max_depth: int) -> tuple[int, float]:
    """Deepest depth at which BMC alone showed 'no violation at this step', within the budget."""
    p = next(q for q in PROPERTIES if q.id == prop_id)
    cfg = Config().with_readings(**p.readings)
    u = Unrolling.start(cfg, window=in_windows(z3, cfg))
    t0, reached = time.perf_counter(), 0
    for d in range(1, max_depth + 1):
        left = budget - (time.perf_counter() - t0)
        if left <= 0:
            break
        u.extend()
        u.solver.set("timeout", max(1, int(left * 1000)))
        if u.solver.check(z3.Not(p.holds(u.step(d - 1)))) != z3.unsat:
            break
        reached = d
    return reached, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=float, default=2.0)
    ap.add_argument("--depth", type=int, default=12)
    args = ap.parse_args()
    t0 = time.perf_counter()
    results = [r for batch in verify.batches([p.id for p in PROPERTIES], 1) for r in verify.check(batch, args.depth)]
    wall = time.perf_counter() - t0
    print(f"{'property':62} {'verdict':15} {'depth':>5} {'time s':>7} {'plain BMC depth in budget':>26}")
    for r in results:
        depth = "unbounded" if r["status"] == "PROVED" else str(r["depth"])
        bmc = plain_bmc_depth(r["id"], args.budget, args.depth)[0] if r["status"] == "PROVED" else r["depth"]
        print(f"{r['id']:62} {r['status']:15} {depth:>9} {r['seconds']:7.2f} {bmc:>22}")
    proved = sum(r["status"] == "PROVED" for r in results)
    print(f"\ntotal: {len(results)} properties ({proved} PROVED unbounded, {len(results) - proved} COUNTEREXAMPLE) "
          f"in {wall:.1f} s wall, {sum(r['seconds'] for r in results):.1f} s solver time, one process")


if __name__ == "__main__":
    main()
