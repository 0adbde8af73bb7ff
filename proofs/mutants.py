"""Broken variants of the specification and the model, and the check that catches each.

Two sets.  The legal-logic mutants (``proofs/mutants_set.py``) are misreadings of the
agreement written as source patches to ``spec/`` and ``solver/``; each is applied in a
private copy of the checkout (``proofs/mutants_sandbox.py``) and the checks run there in
order of cost -- the mutated modules' tests, the examples, ``rightsplan verify``, the
derandomized cross-check -- until one fails (it kills the mutant) or none does (SURVIVED).
``main`` prints the table, the kill rate of each layer and every survivor with its
explanation, and writes docs/mutants.md.

The proviso mutants (``--provisos``) remove each proviso of Section 1(a) from the model
(``Config.without``); one is caught when some property the real model proves gets a
counterexample -- a shortest one, found by bounded search -- in the mutant.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from rightsplan.proofs import mutants_mutmut as mutmut
from rightsplan.proofs.catalogue import PROPERTIES, Property
from rightsplan.proofs.mutants_run import baseline, left_out, markdown, problems, rates, run_all, table
from rightsplan.proofs.mutants_sandbox import CHECKOUT, CHECKS, snapshot
from rightsplan.proofs.mutants_set import BY_NAME, DEFECTS, MUTANTS, Mutant
from rightsplan.solver.engines import bmc, clock, houdini, induction
from rightsplan.solver.model import PROVISOS, Config

DOC = CHECKOUT / "docs" / "mutants.md"


def caught_by(proviso: str, depth: int = 6, props: list[Property] | None = None) -> dict[str, int]:
    """Properties proved for the agreement that fail once ``proviso`` is removed: id -> counterexample depth."""
    chosen = [p for p in (props or PROPERTIES) if p.expect == "PROVED" and p.engine == "step"]
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


def table_of_provisos(depth: int = 6) -> list[dict[str, Any]]:
    """One row per proviso: what it says, which properties catch its removal, and how long it took."""
    rows = []
    for proviso, words in PROVISOS.items():
        t0 = clock()
        caught = caught_by(proviso, depth)
        rows.append({"proviso": proviso, "words": words, "caught_by": caught, "seconds": round(clock() - t0, 2)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="mutants", description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="run only these mutants (default: all)")
    ap.add_argument("--layer", choices=("spec", "solver"), help="run only the mutants of this layer")
    ap.add_argument("--checks", default=",".join(CHECKS), help=f"comma-separated, in order (default {','.join(CHECKS)})")
    ap.add_argument("--jobs", type=int, default=2, help="mutants run at the same time")
    ap.add_argument("--doc", default=str(DOC), help="where to write the results (markdown); '' for nowhere")
    ap.add_argument("--mutmut", action="store_true", help="also run mutmut on spec/acquiring_person.py (a few minutes)")
    ap.add_argument("--provisos", action="store_true", help="instead, remove each Section 1(a) proviso from the model")
    ap.add_argument("--depth", type=int, default=6, help="bounded-search depth for the proviso mutants")
    ap.add_argument("--defects", action="store_true", help="run the defects of issue 8 (proofs/mutants_set.py DEFECTS)")
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip the unmutated run (only when another run just showed every check passes on this tree)")
    args = ap.parse_args(argv)
    if args.provisos:
        return provisos_main(args.depth)
    unknown = [n for n in args.names if n not in BY_NAME]
    if unknown:
        print(f"error: unknown mutant(s) {', '.join(unknown)}; expected names from proofs/mutants_set.py", file=sys.stderr)
        return 2
    names = list(args.names) + (list(DEFECTS.values()) if args.defects else [])
    chosen = [BY_NAME[n] for n in names] or [m for m in MUTANTS if args.layer in (None, m.layer)]
    checks = tuple(c for c in args.checks.split(",") if c)
    t0 = clock()
    print(f"baseline: every check on an unmutated copy ({', '.join(checks)})", flush=True)
    frozen = snapshot()  # others may edit the checkout meanwhile: every copy of this run starts from this one
    try:
        return _run(args, chosen, checks, frozen, t0)
    finally:
        shutil.rmtree(frozen, ignore_errors=True)


def _run(args: argparse.Namespace, chosen: list[Mutant], checks: tuple[str, ...], frozen: Path, t0: float) -> int:
    """Baseline, mutants, mutmut, report; returns the exit status."""
    base = {} if args.no_baseline else baseline(checks, frozen, tuple(chosen), jobs=args.jobs)
    for c, r in base.items():
        print(f"  {c:10} {'passes' if r.passed else 'FAILS (not used)'} {r.seconds:6.1f} s", flush=True)
    usable = tuple(c for c in checks if c not in base or base[c].passed)
    skipped = left_out(base)
    for node in skipped:
        print(f"  left out (fails without any mutant): {node}", flush=True)
    print(f"{len(chosen)} mutants, {args.jobs} at a time, checks: {', '.join(usable)}", flush=True)
    outcomes = run_all(chosen, usable, args.jobs, frozen, deselect=skipped)
    print(table(outcomes))
    for layer, (k, n) in sorted(rates(outcomes).items()):
        print(f"{layer}: {k} of {n} killed ({100 * k / n:.1f}%)" if n else f"{layer}: none applied")
    for o in outcomes:
        if o.verdict == "SURVIVED":
            print(f"SURVIVED {o.mutant.name}: {o.mutant.survives or 'NOT EXPLAINED'}")
    mechanical = None
    if args.mutmut:
        print("mutmut on " + ", ".join(mutmut.MODULES), flush=True)
        mechanical = mutmut.run(mutmut.MODULES, args.jobs, source=frozen)
        print(mutmut.summary(mechanical))
    if args.doc and not args.names and not args.defects and args.layer is None:
        Path(args.doc).write_text(markdown(outcomes, base, usable, clock() - t0, mechanical))
        print(f"wrote {args.doc}")
    bad = problems(outcomes)
    for b in bad:
        print(f"FAIL: {b}", file=sys.stderr)
    return 1 if bad else 0


def provisos_main(depth: int) -> int:
    """The proviso mutants of the model: which properties catch each removal."""
    rows = table_of_provisos(depth)
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
