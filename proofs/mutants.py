"""Broken variants of the model: each proviso of Section 1(a) removed in turn, and who catches it.

A mutant is the model with one proviso deleted (``Config.without``).  It is caught when
some property the real model proves gets a counterexample -- a shortest one, found by
bounded search -- in the mutant.  A mutant no property catches would mean the catalogue
does not pin that proviso down; ``main`` exits non-zero if that happens.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rightsplan.proofs.catalogue import PROPERTIES, Property
from rightsplan.solver.engines import bmc, clock, houdini, induction
from rightsplan.solver.model import PROVISOS, Config


def caught_by(proviso: str, depth: int = 6, props: list[Property] | None = None) -> dict[str, int]:
    """Properties proved for the agreement that fail once ``proviso`` is removed: id -> counterexample depth."""
    chosen = [p for p in (props or PROPERTIES) if p.expect == "PROVED"]
    out: dict[str, int] = {}
    by_readings: dict[tuple[tuple[str, str], ...], list[Property]] = {}
    for p in chosen:
        by_readings.setdefault(tuple(sorted(p.readings.items())), []).append(p)
    for readings, group in by_readings.items():
        cfg = Config().with_readings(**dict(readings)).without(proviso)
        invariants = houdini(cfg)
        suspects = [p for p in group if induction(cfg, p.holds, invariants)[0] != "unsat"]
        if not suspects:
            continue
        found = bmc(cfg, {p.id: (p.holds, None) for p in suspects}, depth)
        out |= {name: f.cex_depth for name, f in found.items() if f.cex_depth is not None}
    return out


def table(depth: int = 6) -> list[dict[str, Any]]:
    """One row per proviso: what it says, which properties catch its removal, and how long it took."""
    rows = []
    for proviso, words in PROVISOS.items():
        t0 = clock()
        caught = caught_by(proviso, depth)
        rows.append({"proviso": proviso, "words": words, "caught_by": caught, "seconds": round(clock() - t0, 2)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="mutants", description=__doc__.splitlines()[0])
    ap.add_argument("--depth", type=int, default=6, help="bounded-search depth for the mutants' counterexamples")
    args = ap.parse_args(argv)
    rows = table(args.depth)
    print(f"{'removed proviso':22} {'time s':>7}  caught by (counterexample depth)")
    for r in rows:
        caught = ", ".join(f"{k} ({v})" for k, v in sorted(r["caught_by"].items())) or "NOT CAUGHT"
        print(f"{r['proviso']:22} {r['seconds']:7.2f}  {caught}")
    missed = [r["proviso"] for r in rows if not r["caught_by"]]
    for m in missed:
        print(f"FAIL: removing the {m} proviso changes no verdict", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
